// The plenary bilan of a commune for a period, fully rendered on the server (charts included).
import { loadPlenary } from '$lib/server/plenary/load';
import { pdfAvailable } from '$lib/server/plenary/chromium';
import { canManagePlenary } from '$lib/server/auth/scopes';
import { listSessions } from '$lib/server/plenary/sessions';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { page, unpublished } = await loadPlenary(event, { action: 'release.view' });
	// access to the commune was checked by loadPlenary
	const db = event.locals.store.db;
	const code = event.params.code;
	const [list, canManage] = await Promise.all([
		listSessions(db, code),
		canManagePlenary(event.locals.user, db, code)
	]);
	const sessions = { list, canManage };
	return { page, unpublished, pdf: pdfAvailable(), sessions };
}) satisfies PageServerLoad;
