// The annual bilan as a PDF: its print view printed by the server's Chromium with the user's own
// session (the plenary bilan's renderer). Without Chromium: back to the print view.
import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { auditEvent } from '$lib/server/audit/audit-event';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import { departementPeriods } from '$lib/server/departement/data';
import { completenessOf, periodCompleteness } from '$lib/server/completeness';
import { unpublishedText } from '$lib/completeness';
import { logger } from '$lib/server/logger';
import { internalOrigin, pdfAvailable, renderPdf } from '$lib/server/plenary/chromium';

export const GET: RequestHandler = async (event) => {
	const { code, year } = event.params;
	assertDepartementAccess(event, code);
	const periods = await departementPeriods(event.locals.store.db, code);
	if (!/^\d{4}$/.test(year) || !periods.some((p) => p.startsWith(`${year}-`)))
		error(404, `Aucune donnée pour l’année ${year}.`);
	const printPath = `/departement/${code}/bilan-annuel/${year}?impression`;
	// a year none of whose periods is published yet has no figure to print: 409 with the sentence
	const db = event.locals.store.db;
	const yearly = await periodCompleteness(db, { departement: code }, year);
	const { provisional } = yearly;
	if (provisional) {
		const semesters = await completenessOf(
			db,
			{ departement: code },
			periods.filter((p) => p.startsWith(`${year}-`))
		);
		if (![...semesters.values()].some((c) => !c.provisional)) error(409, unpublishedText(yearly));
	}
	if (!pdfAvailable()) redirect(303, printPath);
	let bytes: Uint8Array;
	try {
		bytes = await renderPdf({
			url: `${internalOrigin(event.url.origin)}${printPath}`,
			cookie: event.request.headers.get('cookie') ?? '',
			footer: `Bilan annuel ${year} — département ${code}${provisional ? ' (périodes non publiées exclues)' : ''}`,
			timeoutMs: 90_000
		});
	} catch (e) {
		logger.warn({ code, year, err: (e as Error).message }, 'annual bilan pdf failed');
		error(503, 'Le PDF n’a pas pu être produit : utilisez la version imprimable.');
	}
	await auditEvent(
		event,
		'export.pdf',
		{ year, document: 'bilan-annuel' },
		{ type: 'departement', id: code }
	);
	return new Response(bytes as unknown as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(bytes.byteLength),
			'content-disposition': `attachment; filename="bilan-annuel-${code}-${year}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
