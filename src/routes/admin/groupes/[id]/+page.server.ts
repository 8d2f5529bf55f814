import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { INSTANCE_TYPES, INSTITUTIONS } from '$contracts/codes';
import { auditEvent } from '$lib/server/auth/audit-event';
import { requireAdmin } from '$lib/server/auth/scopes';
import { groupsOf, parseGroupForm, saveGroup } from '$lib/server/auth/registry';
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
