import type { LayoutServerLoad } from './$types';
import { requireAdmin } from '$lib/server/auth/scopes';

// Every admin page (and its actions, which re-check on their own) is for admins only.
export const load = (async (event) => {
	const { departements } = requireAdmin(event);
	return { adminDepartements: departements };
}) satisfies LayoutServerLoad;
