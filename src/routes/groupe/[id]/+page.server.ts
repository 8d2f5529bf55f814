// A group's home for its referent: periods × kinds with their state, what is due next, history.
import { referentContext } from '$lib/server/referent/context';
import { groupHome } from '$lib/server/referent/home';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { groupId } = referentContext(event, event.params);
	return await groupHome(event.locals.store.db, groupId);
}) satisfies PageServerLoad;
