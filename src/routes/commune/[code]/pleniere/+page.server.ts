// The plenary sessions of a commune (protocol §3): the list, and the link to record one for
// those who may (the commune's élu, the admin).
import { assertCommuneAccess, canManagePlenary } from '$lib/server/auth/scopes';
import { communeName } from '$lib/server/plenary/commune';
import { listSessions } from '$lib/server/plenary/sessions';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const code = event.params.code;
	const user = await assertCommuneAccess(event, code);
	const db = event.locals.store.db;
	return {
		commune: { code, nom: await communeName(db, code) },
		sessions: await listSessions(db, code),
		canManage: await canManagePlenary(user, db, code)
	};
}) satisfies PageServerLoad;
