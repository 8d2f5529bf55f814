// The checks and inputs shared by the plenary page, its print view, its Parquet payload and its
// PDF: commune access (again, on every request), a known period with data, the release refused
// page, and the audit entry.
import { error, type RequestEvent } from '@sveltejs/kit';
import { parsePeriod } from '$contracts/codes';
import { auditEvent } from '../auth/audit-event';
import { assertCommuneAccess } from '../auth/scopes';
import { isReleaseRefused } from '../releases';
import { communePeriods, plenaryPage, readFilters, type PlenaryPage } from './page';

type Event = Pick<
	RequestEvent<{ code: string; period: string }>,
	'locals' | 'url' | 'request' | 'params' | 'getClientAddress' | 'isDataRequest'
>;

/** Access to the commune, and the commune's periods (404 for a period without data). */
export async function plenaryAccess(
	event: Event
): Promise<{ code: string; period: string; periods: string[] }> {
	const { code, period } = event.params;
	await assertCommuneAccess(event, code);
	if (!parsePeriod(period)) error(404, 'Période inconnue.');
	const periods = await communePeriods(event.locals.store.db, code);
	if (!periods.includes(period)) error(404, 'Aucun bilan n’a été déposé pour cette période.');
	return { code, period, periods };
}

/** Turns a refused release into a French 503 page. */
export function refused(e: unknown): never {
	if (isReleaseRefused(e)) error(503, e.message);
	throw e;
}

export async function loadPlenary(
	event: Event,
	options: { print?: boolean; clientOnly?: boolean; action: string }
): Promise<PlenaryPage> {
	const { code, period, periods } = await plenaryAccess(event);
	const page = await plenaryPage(event.locals.store.db, {
		code,
		period,
		periods,
		filters: readFilters(event.url, periods),
		print: options.print,
		clientOnly: options.clientOnly,
		// An HTML request carries the charts in its markup; a client navigation's data request, in
		// the data.
		svgAside: !event.isDataRequest
	}).catch(refused);
	await auditEvent(
		event,
		options.action,
		{ period, view: options.print ? 'impression' : 'page' },
		{
			type: 'commune',
			id: code
		}
	);
	return page;
}
