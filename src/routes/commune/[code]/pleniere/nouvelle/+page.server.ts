// Recording a plenary session of the commune: the élu of the commune or the admin.
import { redirect } from '@sveltejs/kit';
import { assertPlenaryManage } from '$lib/server/auth/scopes';
import { saveSessionAction } from '$lib/server/plenary/session-form';
import { communeName } from '$lib/server/plenary/commune';
import { plenaryCandidates } from '$lib/server/plenary/sessions';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const code = event.params.code;
	await assertPlenaryManage(event, code);
	const db = event.locals.store.db;
	return {
		commune: { code, nom: await communeName(db, code) },
		candidates: await plenaryCandidates(db, code)
	};
}) satisfies PageServerLoad;

export const actions = {
	enregistrer: async (event) => {
		const code = event.params.code;
		const result = await saveSessionAction(event, code, null);
		if ('saved' in result) redirect(303, `/commune/${code}/pleniere/${result.id}?enregistree`);
		return result;
	}
} satisfies Actions;
