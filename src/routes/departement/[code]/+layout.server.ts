import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { assertDepartementAccess } from '$lib/server/auth/scopes';

// Every département page (and its actions and endpoints, which re-check on their own) is for the
// analysts and admins of that département.
export const load = (async (event) => {
	assertDepartementAccess(event, event.params.code);
	const departement = await event.locals.store.db
		.selectFrom('departements')
		.select(['code', 'nom'])
		.where('code', '=', event.params.code)
		.executeTakeFirst();
	if (!departement) error(404, 'Département inconnu.');
	return { departement };
}) satisfies LayoutServerLoad;
