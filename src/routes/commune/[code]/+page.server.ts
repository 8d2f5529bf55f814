// A commune's bilan without a period: the last published (or complete, so published at once) period
// (the latest one when none is: a period not published is never where an élu lands by default), or the one asked by the
// period selector's GET form, `?periode=`. A page load, not an endpoint, so that the client-side
// router can follow it after signing in.
import { error, redirect } from '@sveltejs/kit';
import { assertCommuneAccess } from '$lib/server/auth/scopes';
import { landing } from '$lib/server/completeness';
import { communePeriods } from '$lib/server/plenary/commune';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const code = event.params.code;
	await assertCommuneAccess(event, code);
	const periods = await communePeriods(event.locals.store.db, code);
	const asked = event.url.searchParams.get('periode');
	const period =
		asked && periods.includes(asked)
			? asked
			: await landing(event.locals.store.db, { commune: code }, periods);
	if (!period) error(404, 'Aucun bilan n’a encore été déposé pour cette commune.');
	redirect(303, `/commune/${code}/${period}`);
}) satisfies PageServerLoad;
