import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { INSTANCE_TYPES, INSTITUTIONS } from '$contracts/codes';
import { auditEvent } from '$lib/server/auth/audit-event';
import { requireAdmin } from '$lib/server/auth/scopes';
import {
	foreignCommunes,
	groupFormData,
	groupSchema,
	groupsOf,
	saveGroup
} from '$lib/server/auth/registry';

export const load = (async (event) => {
	const { departements } = requireAdmin(event);
	return {
		groups: await groupsOf(event.locals.store.db, departements),
		instanceTypes: INSTANCE_TYPES.labels,
		institutions: INSTITUTIONS.labels
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async (event) => {
		const { departements } = requireAdmin(event);
		const db = event.locals.store.db;
		const parsed = groupSchema.safeParse(groupFormData(await event.request.formData()));
		if (!parsed.success) return fail(400, { errors: parsed.error.issues.map((i) => i.message) });
		const foreign = await foreignCommunes(db, parsed.data.communes, departements);
		if (foreign.length)
			return fail(400, { errors: [`Communes hors de votre département : ${foreign.join(', ')}.`] });
		const id = await saveGroup(db, null, departements[0], parsed.data);
		await auditEvent(
			event,
			'group.created',
			{ communes: parsed.data.communes, instanceType: parsed.data.instanceType },
			{ type: 'group', id }
		);
		redirect(303, `/admin/groupes/${id}`);
	}
} satisfies Actions;
