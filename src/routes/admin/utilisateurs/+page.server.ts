import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { auditEvent } from '$lib/server/audit/audit-event';
import { grantFromForm } from '$lib/server/admin/grant-form';
import { createInvitation } from '$lib/server/auth/invitations';
import { mailEnabled, sendInvitationMail } from '$lib/server/auth/mail';
import { grantWithin, usersFor } from '$lib/server/admin/registry';
import { ROLE_LABELS } from '$lib/server/auth/schema';
import { requireAdmin } from '$lib/server/auth/scopes';
import { createUser, findUserByEmail, setRoles } from '$lib/server/auth/users';
import { getSettings } from '$lib/server/settings';

export const load = (async (event) => {
	const { departements } = requireAdmin(event);
	return {
		users: await usersFor(event.locals.store.db, departements),
		roleLabels: ROLE_LABELS,
		mail: mailEnabled()
	};
}) satisfies PageServerLoad;

const inviteForm = z.object({
	email: z.email('Adresse électronique invalide.').max(320),
	name: z.string().trim().max(200).default(''),
	role: z.enum(['', 'referent', 'elu', 'analyste', 'admin']).default(''),
	scope: z.string().trim().max(100).default('')
});

export const actions = {
	invite: async (event) => {
		const { user: admin, departements } = requireAdmin(event);
		const db = event.locals.store.db;
		const parsed = inviteForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { errors: parsed.error.issues.map((i) => i.message) });
		const { email, name, role, scope } = parsed.data;
		if (await findUserByEmail(db, email))
			return fail(400, { errors: ['Un compte existe déjà avec cette adresse.'] });
		const grant = role
			? grantFromForm(
					role,
					scope || (role === 'analyste' || role === 'admin' ? departements[0] : '')
				)
			: null;
		if (role && (!grant || !(await grantWithin(db, grant, departements))))
			return fail(400, {
				errors: [
					'Périmètre invalide ou hors de votre département (code de groupe, de commune, d’EPCI ou de département).'
				]
			});
		const user = await createUser(db, { email, name });
		if (grant) await setRoles(db, user.id, [grant]);
		const token = await createInvitation(db, user.id, admin.id);
		const link = new URL(`/invitation/${token}`, event.url).href;
		const mailed = await sendInvitationMail(email, link, (await getSettings(db)).organisationName);
		await auditEvent(
			event,
			'user.invited',
			{ grants: grant ? [`${grant.role}:${grant.scopeType}:${grant.scopeValue}`] : [], mailed },
			{ type: 'user', id: user.id }
		);
		return { invited: { email, link, mailed }, errors: [] as string[] };
	}
} satisfies Actions;
