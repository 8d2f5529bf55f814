// A commune's local protocol beside the département framework, with its groups' own protocols
// and member institutions (never the members' names): read by whoever reads the commune, recorded
// by the commune's élus (commune or EPCI scope) as new versions.
import { error } from '@sveltejs/kit';
import { assertCommuneAccess, FORBIDDEN } from '$lib/server/auth/scopes';
import { canKeepCommuneProtocol } from '$lib/server/charter/access';
import { communeCharters } from '$lib/server/charter/commune';
import { recordProtocol } from '$lib/server/charter/protocol-action';
import { protocolVersions } from '$lib/server/charter/protocols';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const code = event.params.code;
	const user = await assertCommuneAccess(event, code);
	const db = event.locals.store.db;
	const commune = await db
		.selectFrom('communes')
		.select(['code', 'nom'])
		.where('code', '=', code)
		.executeTakeFirst();
	if (!commune) error(404, 'Commune introuvable.');
	const [versions, groups, keeper] = await Promise.all([
		protocolVersions(db, { type: 'commune', id: code }),
		communeCharters(db, code),
		canKeepCommuneProtocol(user, db, code)
	]);
	return { commune, versions, groups, keeper };
}) satisfies PageServerLoad;

export const actions = {
	enregistrer: async (event) => {
		const code = event.params.code;
		const user = await assertCommuneAccess(event, code);
		if (!(await canKeepCommuneProtocol(user, event.locals.store.db, code))) error(403, FORBIDDEN);
		return recordProtocol(event, { type: 'commune', id: code }, user.id);
	}
} satisfies Actions;
