import type { Actions, PageServerLoad } from './$types';
import { INSTANCE_TYPES, INSTITUTIONS } from '$contracts/codes';
import { auditEvent } from '$lib/server/audit/audit-event';
import { adminGroup, parseGroupForm, saveGroup } from '$lib/server/admin/registry';

export const load = (async (event) => {
	const { group } = await adminGroup(event);
	return { group, instanceTypes: INSTANCE_TYPES.labels, institutions: INSTITUTIONS.labels };
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { group, departements } = await adminGroup(event);
		const db = event.locals.store.db;
		const parsed = await parseGroupForm(event, departements);
		if (!parsed.ok) return parsed.failure;
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
