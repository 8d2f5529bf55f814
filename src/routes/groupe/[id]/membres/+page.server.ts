// A group's member list (protocole §3) and coordinator (§4). Its referents keep it and see the
// members' contacts and the séances' attendance; the élus of its communes and the analyst read
// institutions and functions only; the admin also reads contacts. Every action re-checks that the
// user is a referent of the group.
import { fail } from '@sveltejs/kit';
import { INSTITUTIONS } from '$contracts/codes';
import { auditEvent } from '$lib/server/audit/audit-event';
import { charterReader } from '$lib/server/charter/access';
import {
	addMember,
	attendance,
	listMembers,
	memberIdSchema,
	memberSchema,
	removeMember,
	setCoordinator
} from '$lib/server/charter/members';
import { refuseIdentifiers } from '$lib/server/free-text';
import { referentContext } from '$lib/server/referent/context';
import { loadGroup } from '$lib/server/referent/home';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { keeper, seesContacts } = await charterReader(event, event.params.id);
	const db = event.locals.store.db;
	const [group, members, seances] = await Promise.all([
		loadGroup(db, event.params.id),
		listMembers(db, event.params.id, seesContacts),
		keeper ? attendance(db, event.params.id) : Promise.resolve(null)
	]);
	return {
		group: { id: group.id, name: group.name },
		members,
		attendance: seances,
		keeper,
		seesContacts,
		institutions: INSTITUTIONS.codes.map((c) => ({ code: c, label: INSTITUTIONS.labels[c] }))
	};
}) satisfies PageServerLoad;

async function memberId(request: Request) {
	return memberIdSchema.safeParse(Object.fromEntries(await request.formData()));
}

export const actions = {
	ajouter: async (event) => {
		const { user, groupId } = referentContext(event, event.params);
		await loadGroup(event.locals.store.db, groupId);
		const raw = Object.fromEntries(await event.request.formData());
		const values = {
			institution: String(raw.institution ?? ''),
			fonction: String(raw.fonction ?? ''),
			contact_name: String(raw.contact_name ?? ''),
			contact_email: String(raw.contact_email ?? ''),
			coordinator: raw.coordinator === 'on'
		};
		const parsed = memberSchema.safeParse(raw);
		if (!parsed.success)
			return fail(400, { action: 'ajouter', values, message: parsed.error.issues[0].message });
		// The function is typed text seen by élus: scanned. The contact name is meant to be a
		// professional's name, kept for the referents and the admin only, so it is not.
		const refused = await refuseIdentifiers(event, 'membre', [
			{ name: 'Fonction', value: parsed.data.fonction }
		]);
		if (refused)
			return fail(400, {
				action: 'ajouter',
				values,
				message: refused.data.message,
				report: refused.data.report
			});
		await addMember(event.locals.store.db, groupId, parsed.data, user.id);
		await auditEvent(
			event,
			'charte.membre_ajoute',
			{ institution: parsed.data.institution, coordinator: parsed.data.coordinator },
			{ type: 'group', id: groupId }
		);
		return { action: 'ajouter', message: 'Membre ajouté à la liste.', ok: true };
	},
	retirer: async (event) => {
		const { groupId } = referentContext(event, event.params);
		const parsed = await memberId(event.request);
		if (!parsed.success)
			return fail(400, { action: 'retirer', message: parsed.error.issues[0].message });
		if (!(await removeMember(event.locals.store.db, groupId, parsed.data.member)))
			return fail(400, { action: 'retirer', message: 'Membre introuvable : rechargez la page.' });
		await auditEvent(event, 'charte.membre_retire', null, { type: 'group', id: groupId });
		return { action: 'retirer', message: 'Membre retiré de la liste.', ok: true };
	},
	coordinateur: async (event) => {
		const { user, groupId } = referentContext(event, event.params);
		const parsed = await memberId(event.request);
		if (!parsed.success)
			return fail(400, { action: 'coordinateur', message: parsed.error.issues[0].message });
		if (!(await setCoordinator(event.locals.store.db, groupId, parsed.data.member, user.id)))
			return fail(400, {
				action: 'coordinateur',
				message: 'Membre introuvable : rechargez la page.'
			});
		await auditEvent(event, 'charte.coordinateur', null, { type: 'group', id: groupId });
		return { action: 'coordinateur', message: 'Coordination confiée à ce membre.', ok: true };
	}
} satisfies Actions;
