import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { auditEvent, clientAddress } from '$lib/server/audit/audit-event';
import { consumeInvitation, findInvitation } from '$lib/server/auth/invitations';
import { checkPasswordPolicy, hashPassword } from '$lib/server/auth/password';
import { hitRateLimit } from '$lib/server/auth/rate-limit';
import { updateUser } from '$lib/server/auth/users';

const GONE =
	'Ce lien d’invitation est invalide, expiré ou déjà utilisé. Demandez un nouveau lien à votre administrateur.';

export const load = (async ({ params, locals }) => {
	const invitation = await findInvitation(locals.store.db, params.token);
	if (!invitation) error(404, GONE);
	return { email: invitation.email };
}) satisfies PageServerLoad;

const form = z.object({ password: z.string().max(1000), confirm: z.string().max(1000) });

export const actions = {
	accept: async (event) => {
		const { params, locals, request } = event;
		const db = locals.store.db;
		const limit = await hitRateLimit(
			db,
			`invitation:${clientAddress(event) ?? '?'}`,
			30,
			15 * 60_000
		);
		if (!limit.allowed)
			return fail(429, { errors: ['Trop de tentatives. Réessayez dans quelques minutes.'] });
		const invitation = await findInvitation(db, params.token);
		if (!invitation) error(404, GONE);
		const parsed = form.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { errors: ['Formulaire incomplet.'] });
		const errors = checkPasswordPolicy(parsed.data.password, invitation.email);
		if (parsed.data.password !== parsed.data.confirm)
			errors.push('Les deux saisies du mot de passe diffèrent.');
		if (errors.length) return fail(400, { errors });
		const hash = await hashPassword(parsed.data.password);
		if (!(await consumeInvitation(db, params.token))) error(404, GONE);
		await updateUser(db, invitation.user_id, {
			password_hash: hash,
			failed_logins: 0,
			locked_until: null
		});
		await auditEvent(event, 'invitation.accepted', null, {
			type: 'user',
			id: invitation.user_id,
			actorId: invitation.user_id,
			actorLabel: invitation.email
		});
		redirect(303, '/connexion?invitation=ok');
	}
} satisfies Actions;
