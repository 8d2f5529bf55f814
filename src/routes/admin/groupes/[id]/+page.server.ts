import { error, fail } from '@sveltejs/kit';
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
import type { RequestEvent } from './$types';

async function groupOf(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { departements } = requireAdmin(event);
	const group = (await groupsOf(event.locals.store.db, departements)).find(
		(g) => g.id === event.params.id
	);
	if (!group) error(404, 'Groupe introuvable dans votre département.');
	return { group, departements };
}

export const load = (async (event) => {
	const { group } = await groupOf(event);
	return { group, instanceTypes: INSTANCE_TYPES.labels, institutions: INSTITUTIONS.labels };
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { group, departements } = await groupOf(event);
		const db = event.locals.store.db;
		const parsed = groupSchema.safeParse(groupFormData(await event.request.formData()));
		if (!parsed.success) return fail(400, { errors: parsed.error.issues.map((i) => i.message) });
		const foreign = await foreignCommunes(db, parsed.data.communes, departements);
		if (foreign.length)
			return fail(400, { errors: [`Communes hors de votre département : ${foreign.join(', ')}.`] });
		await saveGroup(db, group.id, group.departement, parsed.data);
		await auditEvent(
			event,
			'group.updated',
			{ communes: parsed.data.communes, instanceType: parsed.data.instanceType },
			{ type: 'group', id: group.id }
		);
		return { saved: true, errors: [] as string[] };
	}
} satisfies Actions;
