import type { LayoutServerLoad } from './$types';
import { config } from '$lib/server/config';
import type { Role } from '$lib/roles';

export const load = (async ({ locals }) => {
	const user = (
		locals as { user?: { email: string; name?: string | null; roles: { role: string }[] } | null }
	).user;
	return {
		organisationName: config().organisationName,
		demo: config().demo,
		user: user
			? {
					email: user.email,
					name: user.name ?? null,
					roles: [...new Set(user.roles.map((r) => r.role as Role))]
				}
			: null
	};
}) satisfies LayoutServerLoad;
