// The checks and inputs shared by the plenary page, its print view, its Parquet payload and its
// PDF: commune access (again, on every request), a known period with data, a published period
// (before, the page says when its figures will be published; the files answer 409), the release
// refused page, and the audit entry.
import { error, type RequestEvent } from '@sveltejs/kit';
import { parsePeriod, periodLabel } from '$contracts/period';
import { periodChoiceLabel, unpublishedText, type Completeness } from '$lib/completeness';
import type { UnpublishedView } from '$lib/plenary/types';
import { auditEvent } from '../audit/audit-event';
import { assertCommuneAccess } from '../auth/scopes';
import { completenessOf } from '../completeness';
import { isPeriodNotPublished, isReleaseRefused } from '../releases';
import { communeName, communePeriods } from './commune';
import { plenaryPage, readFilters, type PlenaryPage } from './page';

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

/** What the commune's page shows for a period not published yet: when its figures will be. */
async function unpublishedView(
	event: Event,
	code: string,
	period: string,
	periods: string[]
): Promise<UnpublishedView | null> {
	const db = event.locals.store.db;
	const complete = await completenessOf(db, { commune: code }, [...new Set([...periods, period])]);
	const completeness = complete.get(period) as Completeness;
	if (!completeness.provisional) return null;
	return {
		commune: { code, nom: await communeName(db, code) },
		period,
		periodLabel: periodLabel(period),
		periods: periods.map((p) => ({
			code: p,
			label: periodChoiceLabel(periodLabel(p), complete.get(p))
		})),
		completeness,
		sentence: unpublishedText(completeness)
	};
}

/** For the files of the period (PDF, Parquet): 409 with the sentence while it is not published. */
export async function assertPublished(event: Event, code: string, period: string): Promise<void> {
	const unpublished = await unpublishedView(event, code, period, []);
	if (unpublished) error(409, unpublished.sentence);
}

/** Turns a period found unpublished while building into the same 409. */
export function refusedOrUnpublished(e: unknown): never {
	if (isPeriodNotPublished(e)) error(409, unpublishedText(e.completeness));
	return refused(e);
}

export type PlenaryLoad =
	{ page: PlenaryPage; unpublished: null } | { page: null; unpublished: UnpublishedView };

export async function loadPlenary(
	event: Event,
	options: { print?: boolean; action: string }
): Promise<PlenaryLoad> {
	const { code, period, periods } = await plenaryAccess(event);
	const before = await unpublishedView(event, code, period, periods);
	if (before) return { page: null, unpublished: before };
	const page = await plenaryPage(event.locals.store.db, {
		code,
		period,
		periods,
		filters: readFilters(event.url, periods),
		print: options.print,
		// An HTML request carries the charts in its markup; a client navigation's data request, in
		// the data.
		svgAside: !event.isDataRequest
	}).catch(async (e: unknown) => {
		// published meanwhile by nobody: the département's completeness decided (see publish.ts)
		if (isPeriodNotPublished(e)) return null;
		return refused(e);
	});
	if (!page) {
		const view = await unpublishedView(event, code, period, periods);
		if (view) return { page: null, unpublished: view };
		error(409, 'Les chiffres de cette période ne sont pas encore publiés.');
	}
	await auditEvent(
		event,
		options.action,
		{ period, view: options.print ? 'impression' : 'page' },
		{
			type: 'commune',
			id: code
		}
	);
	return { page, unpublished: null };
}
