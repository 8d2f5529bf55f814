// A group's local protocol (second part) beside the département framework (first part): read by
// whoever reads the group's bilan, recorded by the group's referents as new versions.
import { charterReader } from '$lib/server/charter/access';
import { recordProtocol } from '$lib/server/charter/protocol-action';
import { protocolVersions } from '$lib/server/charter/protocols';
import { referentContext } from '$lib/server/referent/context';
import { loadGroup } from '$lib/server/referent/home';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { keeper } = await charterReader(event, event.params.id);
	const db = event.locals.store.db;
	const [group, versions] = await Promise.all([
		loadGroup(db, event.params.id),
		protocolVersions(db, { type: 'group', id: event.params.id })
	]);
	return { group: { id: group.id, name: group.name, communes: group.communes }, versions, keeper };
}) satisfies PageServerLoad;

export const actions = {
	enregistrer: async (event) => {
		const { user, groupId } = referentContext(event, event.params);
		await loadGroup(event.locals.store.db, groupId);
		return recordProtocol(event, { type: 'group', id: groupId }, user.id);
	}
} satisfies Actions;
