// The printable bilan (A4): same data as the page, charts drawn for paper, no interaction.
import { loadPlenary } from '$lib/server/plenary/load';
import { pdfAvailable } from '$lib/server/plenary/chromium';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { page, unpublished } = await loadPlenary(event, { print: true, action: 'release.view' });
	return {
		page,
		unpublished,
		pdf: pdfAvailable(),
		pdfUnavailable: event.url.searchParams.get('pdf') === 'indisponible',
		printedAt: new Date().toISOString()
	};
}) satisfies PageServerLoad;

// A document, not an app: no client code (it is also what Chromium prints for the PDF).
export const csr = false;
