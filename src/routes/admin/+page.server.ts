import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/auth/scopes';

export const load = (async (event) => {
	requireAdmin(event);
	return {};
}) satisfies PageServerLoad;
