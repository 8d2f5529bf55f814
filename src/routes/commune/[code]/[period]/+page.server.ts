// The plenary bilan of a commune for a period, fully rendered on the server (charts included).
import { loadPlenary } from '$lib/server/plenary/load';
import { pdfAvailable } from '$lib/server/plenary/chromium';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { page, unpublished } = await loadPlenary(event, { action: 'release.view' });
	return { page, unpublished, pdf: pdfAvailable() };
}) satisfies PageServerLoad;
