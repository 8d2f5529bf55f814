import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { departementsOf, requireRole } from '$lib/server/auth/scopes';

// The analyst's landing: its département's page (or the list when it has several).
export const load = (async (event) => {
	const user = requireRole(event, 'analyste', 'admin');
	const codes = departementsOf(user);
	if (codes.length === 1) redirect(303, `/departement/${codes[0]}`);
	const departements = codes.length
		? await event.locals.store.db
				.selectFrom('departements')
				.select(['code', 'nom'])
				.where('code', 'in', codes)
				.orderBy('code')
				.execute()
		: [];
	return { departements };
}) satisfies PageServerLoad;
