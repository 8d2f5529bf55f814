// The group's incident letters (protocole §4): the referents record each letter written to an
// institution or received from one, and follow the open ones (listed first, with days open).
// Row-level data of the group: its referents only, checked in the load and again in the action.
import { referentContext } from '$lib/server/referent/context';
import { loadGroup } from '$lib/server/referent/home';
import { listLetters } from '$lib/server/letters/store';
import { saveLetter } from '$lib/server/letters/actions';
import { todayInParis } from '$lib/server/departement/campaigns/timer';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { groupId } = referentContext(event, event.params);
	const db = event.locals.store.db;
	const today = todayInParis();
	const [group, letters] = await Promise.all([
		loadGroup(db, groupId),
		listLetters(db, groupId, today)
	]);
	return { group: { id: group.id, name: group.name }, letters, today };
}) satisfies PageServerLoad;

export const actions = {
	ajouter: (event) => saveLetter(event)
} satisfies Actions;
