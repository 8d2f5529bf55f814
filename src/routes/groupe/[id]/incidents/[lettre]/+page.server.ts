// One incident letter of the group, edited by its referents: the reply received, the closure, a
// corrected reason. A letter of another group is « introuvable », never shown.
import { error } from '@sveltejs/kit';
import { referentContext } from '$lib/server/referent/context';
import { loadGroup } from '$lib/server/referent/home';
import { getLetter } from '$lib/server/letters/store';
import { saveLetter } from '$lib/server/letters/actions';
import { todayInParis } from '$lib/server/departement/campaigns/timer';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { groupId } = referentContext(event, event.params);
	const db = event.locals.store.db;
	const today = todayInParis();
	const group = await loadGroup(db, groupId);
	const letter = await getLetter(db, groupId, event.params.lettre, today);
	if (!letter) error(404, 'Lettre introuvable dans ce groupe.');
	return { group: { id: group.id, name: group.name }, letter, today };
}) satisfies PageServerLoad;

export const actions = {
	modifier: (event) => saveLetter(event)
} satisfies Actions;
