import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { INSTANCE_TYPES, INSTITUTIONS } from '$contracts/codes';
import { auditEvent } from '$lib/server/audit/audit-event';
import { requireAdmin } from '$lib/server/auth/scopes';
import { groupsOf, parseGroupForm, saveGroup } from '$lib/server/admin/registry';

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
		const parsed = await parseGroupForm(event, departements);
		if (!parsed.ok) return parsed.failure;
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
