// The compte rendu check page (protocole §4): for the group's referents only. The server serves
// the page and nothing else: the document is read and checked in the browser, never sent, never
// stored, so the annual bilan has nothing from it.
import { referentContext } from '$lib/server/referent/context';
import { loadGroup } from '$lib/server/referent/home';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { groupId } = referentContext(event, event.params);
	const group = await loadGroup(event.locals.store.db, groupId);
	return { group: { id: group.id, name: group.name } };
}) satisfies PageServerLoad;
