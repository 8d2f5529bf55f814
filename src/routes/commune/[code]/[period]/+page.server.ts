// The plenary bilan of a commune for a period, fully rendered on the server (charts included);
// `?mode=client` is the client-only baseline of the benchmark (charts wait for DuckDB-WASM).
import { loadPlenary } from '$lib/server/plenary/load';
import { pdfAvailable } from '$lib/server/plenary/chromium';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const clientOnly = event.url.searchParams.get('mode') === 'client';
	const { page, unpublished } = await loadPlenary(event, { clientOnly, action: 'release.view' });
	return { page, unpublished, clientOnly, pdf: pdfAvailable() };
}) satisfies PageServerLoad;
