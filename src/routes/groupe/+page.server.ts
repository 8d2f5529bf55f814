// The referent's entry: one group → straight to it; several → the list.
import { redirect } from '@sveltejs/kit';
import { groupsReferentOf, requireRole } from '$lib/server/auth/scopes';
import type { PageServerLoad } from './$types';
import { sortFr } from '$lib/format';

export const load = (async (event) => {
	const user = requireRole(event, 'referent');
	const ids = groupsReferentOf(user);
	if (ids.length === 1) redirect(303, `/groupe/${encodeURIComponent(ids[0])}`);
	const groups = ids.length
		? await event.locals.store.db
				.selectFrom('groups')
				.select(['id', 'name', 'instance_type'])
				.where('id', 'in', ids)
				.execute()
		: [];
	return { groups: sortFr(groups, (g) => g.name) };
}) satisfies PageServerLoad;
