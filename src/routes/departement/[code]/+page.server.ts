import type { PageServerLoad } from './$types';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import { listCampaigns } from '$lib/server/departement/campaigns';
import { departementPeriods, yearsOf } from '$lib/server/departement/data';

export const load = (async (event) => {
	const code = event.params.code;
	assertDepartementAccess(event, code);
	const db = event.locals.store.db;
	const [campaigns, periods, groups] = await Promise.all([
		listCampaigns(db, code),
		departementPeriods(db, code),
		db
			.selectFrom('groups')
			.select((e) => e.fn.countAll<number>().as('n'))
			.where('departement', '=', code)
			.executeTakeFirstOrThrow()
	]);
	return { campaigns, periods, years: yearsOf(periods), groupCount: Number(groups.n) };
}) satisfies PageServerLoad;
