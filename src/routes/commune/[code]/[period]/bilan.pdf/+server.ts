// The plenary bilan as a PDF file: the print view printed by the server's Chromium with the
// user's own session. Without Chromium: back to the print view, which explains how to save it
// as PDF from the browser.
import { error, redirect } from '@sveltejs/kit';
import { periodLabel } from '$contracts/period';
import { auditEvent } from '$lib/server/audit/audit-event';
import { logger } from '$lib/server/logger';
import { internalOrigin, pdfAvailable, renderPdf } from '$lib/server/plenary/chromium';
import { assertPublished, plenaryAccess } from '$lib/server/plenary/load';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { code, period } = await plenaryAccess(event);
	// never a PDF of figures not published yet (409 with the sentence saying when they will be)
	await assertPublished(event, code, period);
	const printPath = `/commune/${code}/${period}/imprimer`;
	if (!pdfAvailable()) redirect(303, `${printPath}?pdf=indisponible`);
	const commune = await event.locals.store.db
		.selectFrom('communes')
		.select('nom')
		.where('code', '=', code)
		.executeTakeFirstOrThrow();
	let bytes: Uint8Array;
	try {
		bytes = await renderPdf({
			url: `${internalOrigin(event.url.origin)}${printPath}`,
			cookie: event.request.headers.get('cookie') ?? '',
			footer: `${commune.nom} — ${periodLabel(period)}`
		});
	} catch (e) {
		logger.warn({ code, period, err: (e as Error).message }, 'pdf export failed');
		error(
			503,
			'Le PDF n’a pas pu être produit : utilisez la version imprimable (Imprimer > Enregistrer au format PDF).'
		);
	}
	await auditEvent(event, 'export.pdf', { period }, { type: 'commune', id: code });
	const name = `bilan-${code}-${period}.pdf`;
	return new Response(bytes as unknown as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(bytes.byteLength),
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
