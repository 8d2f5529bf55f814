import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { auditEvent } from '$lib/server/audit/audit-event';
import { planRoles } from '$lib/server/admin/grant-form';
import { createInvitation } from '$lib/server/auth/invitations';
import { grantWithin, userFor } from '$lib/server/admin/registry';
import { ROLE_LABELS, SCOPE_LABELS } from '$lib/server/auth/schema';
import { requireAdmin } from '$lib/server/auth/scopes';
import { deleteUserSessions } from '$lib/server/auth/sessions';
import { grantKey, setRoles, updateUser } from '$lib/server/auth/users';

async function managed(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { user: admin, departements } = requireAdmin(event);
	const user = await userFor(event.locals.store.db, event.params.id, departements);
	if (!user) error(404, 'Utilisateur introuvable ou hors de votre département.');
	return { admin, user, departements };
}

export const load = (async (event) => {
	const { user, admin } = await managed(event);
	return {
		managed: user,
		self: user.id === admin.id,
		roleLabels: ROLE_LABELS,
		scopeLabels: SCOPE_LABELS
	};
}) satisfies PageServerLoad;

export const actions = {
	saveRoles: async (event) => {
		const { user, admin, departements } = await managed(event);
		const db = event.locals.store.db;
		const plan = planRoles(await event.request.formData(), user.grants, (role) =>
			role === 'analyste' || role === 'admin' ? departements[0] : ''
		);
		if (!plan.ok)
			return fail(plan.status, {
				errors: [plan.message],
				confirmEmpty: plan.confirmEmpty ?? false
			});
		const grants = plan.grants;
		for (const g of grants)
			if (!(await grantWithin(db, g, departements)))
				return fail(400, {
					errors: [`Le périmètre ${g.scopeValue} n’existe pas ou est hors de votre département.`]
				});
		if (user.id === admin.id && !grants.some((g) => g.role === 'admin'))
			return fail(400, {
				errors: ['Vous ne pouvez pas retirer votre propre rôle d’administrateur.']
			});
		const changes = await setRoles(db, user.id, grants);
		if (changes.added.length || changes.removed.length)
			await auditEvent(event, 'user.roles_changed', changes, { type: 'user', id: user.id });
		return { saved: true, errors: [] as string[], grants: grants.map(grantKey) };
	},
	deactivate: async (event) => {
		const { user, admin } = await managed(event);
		if (user.id === admin.id)
			return fail(400, { errors: ['Vous ne pouvez pas désactiver votre propre compte.'] });
		await updateUser(event.locals.store.db, user.id, { status: 'deactivated' });
		const sessions = await deleteUserSessions(event.locals.store.db, user.id);
		await auditEvent(event, 'user.deactivated', { sessions }, { type: 'user', id: user.id });
		return { saved: true, errors: [] as string[] };
	},
	reactivate: async (event) => {
		const { user } = await managed(event);
		await updateUser(event.locals.store.db, user.id, {
			status: 'active',
			failed_logins: 0,
			locked_until: null
		});
		await auditEvent(event, 'user.reactivated', null, { type: 'user', id: user.id });
		return { saved: true, errors: [] as string[] };
	},
	reinvite: async (event) => {
		const { user, admin } = await managed(event);
		if (user.demo)
			return fail(400, { errors: ['Les comptes de démonstration n’ont pas d’invitation.'] });
		const token = await createInvitation(event.locals.store.db, user.id, admin.id);
		await auditEvent(event, 'user.invitation_renewed', null, { type: 'user', id: user.id });
		return {
			saved: true,
			errors: [] as string[],
			link: new URL(`/invitation/${token}`, event.url).href
		};
	}
} satisfies Actions;
