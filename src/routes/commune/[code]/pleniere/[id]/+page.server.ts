// One plenary session of the commune: read by whoever reads the commune's bilan, changed by the
// élu of the commune or the admin (the action re-checks it).
import { error } from '@sveltejs/kit';
import { assertCommuneAccess, canManagePlenary } from '$lib/server/auth/scopes';
import { saveSessionAction } from '$lib/server/plenary/session-form';
import { communeName } from '$lib/server/plenary/commune';
import { getSession, plenaryCandidates } from '$lib/server/plenary/sessions';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { code, id } = event.params;
	const user = await assertCommuneAccess(event, code);
	const db = event.locals.store.db;
	const session = await getSession(db, code, id);
	if (!session) error(404, 'Séance plénière introuvable.');
	const canManage = await canManagePlenary(user, db, code);
	return {
		commune: { code, nom: await communeName(db, code) },
		session,
		canManage,
		candidates: canManage ? await plenaryCandidates(db, code) : [],
		justSaved: event.url.searchParams.has('enregistree')
	};
}) satisfies PageServerLoad;

export const actions = {
	modifier: async (event) => {
		const { code, id } = event.params;
		return saveSessionAction(event, code, id);
	}
} satisfies Actions;
