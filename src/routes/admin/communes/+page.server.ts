import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/auth/scopes';
import { communesOf } from '$lib/server/admin/registry';

export const load = (async (event) => {
	const { departements } = requireAdmin(event);
	return { communes: await communesOf(event.locals.store.db, departements) };
}) satisfies PageServerLoad;
