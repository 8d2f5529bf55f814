// The plenary bilan of a commune for a period, fully rendered on the server (charts included);
// `?mode=client` is the client-only baseline of the benchmark (charts wait for DuckDB-WASM).
import { loadPlenary } from '$lib/server/plenary/load';
import { pdfAvailable } from '$lib/server/plenary/chromium';
import { canManagePlenary } from '$lib/server/auth/scopes';
import { listSessions } from '$lib/server/plenary/sessions';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const clientOnly = event.url.searchParams.get('mode') === 'client';
	const { page, unpublished } = await loadPlenary(event, { clientOnly, action: 'release.view' });
	// access to the commune was checked by loadPlenary
	const db = event.locals.store.db;
	const code = event.params.code;
	const sessions = {
		list: await listSessions(db, code),
		canManage: await canManagePlenary(event.locals.user, db, code)
	};
	return { page, unpublished, clientOnly, pdf: pdfAvailable(), sessions };
}) satisfies PageServerLoad;
