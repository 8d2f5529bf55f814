import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { auditEvent } from '$lib/server/audit/audit-event';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '$lib/server/auth/password';
import { ROLE_LABELS, SCOPE_LABELS } from '$lib/server/auth/schema';
import { requireUser } from '$lib/server/auth/scopes';
import { clearSessionCookie, deleteUserSessions } from '$lib/server/auth/sessions';
import { newTotpSecret, totpUri, verifyTotp } from '$lib/server/auth/totp';
import { findUserById, updateUser } from '$lib/server/auth/users';

export const load = (async (event) => {
	const user = requireUser(event);
	const row = await findUserById(event.locals.store.db, user.id);
	return {
		email: user.email,
		name: user.name,
		demo: user.demo,
		hasPassword: !!row?.password_hash,
		totpEnabled: user.totpEnabled,
		totpSetup: row?.totp_pending_secret
			? { secret: row.totp_pending_secret, uri: totpUri(row.totp_pending_secret, user.email) }
			: null,
		roles: user.roles.map((g) => ({
			role: ROLE_LABELS[g.role],
			scope: `${SCOPE_LABELS[g.scopeType]} ${g.scopeValue}`
		}))
	};
}) satisfies PageServerLoad;

const codeForm = z.object({ code: z.string().trim().max(20) });
const passwordForm = z.object({
	current: z.string().max(1000),
	next: z.string().max(1000),
	confirm: z.string().max(1000)
});

export const actions = {
	startTotp: async (event) => {
		const user = requireUser(event);
		if (user.demo)
			return fail(400, {
				totpMessage:
					'La double authentification n’est pas disponible pour les comptes de démonstration.'
			});
		await updateUser(event.locals.store.db, user.id, { totp_pending_secret: newTotpSecret() });
		return { totpMessage: null };
	},
	confirmTotp: async (event) => {
		const user = requireUser(event);
		const db = event.locals.store.db;
		const row = await findUserById(db, user.id);
		const parsed = codeForm.safeParse(Object.fromEntries(await event.request.formData()));
		const counter =
			row?.totp_pending_secret && parsed.success
				? verifyTotp(row.totp_pending_secret, parsed.data.code, null)
				: null;
		if (!row?.totp_pending_secret || counter === null)
			return fail(400, {
				totpMessage: 'Code incorrect : saisissez le code affiché par votre application.'
			});
		await updateUser(db, user.id, {
			totp_secret: row.totp_pending_secret,
			totp_pending_secret: null,
			totp_last_counter: counter
		});
		await auditEvent(event, 'account.totp_enabled', null, { type: 'user', id: user.id });
		return { totpMessage: 'La double authentification est activée.' };
	},
	disableTotp: async (event) => {
		const user = requireUser(event);
		const db = event.locals.store.db;
		const row = await findUserById(db, user.id);
		const parsed = codeForm.safeParse(Object.fromEntries(await event.request.formData()));
		const counter =
			row?.totp_secret && parsed.success
				? verifyTotp(row.totp_secret, parsed.data.code, row.totp_last_counter)
				: null;
		if (counter === null)
			return fail(400, {
				totpMessage: 'Code incorrect : la double authentification reste active.'
			});
		await updateUser(db, user.id, {
			totp_secret: null,
			totp_pending_secret: null,
			totp_last_counter: null
		});
		await auditEvent(event, 'account.totp_disabled', null, { type: 'user', id: user.id });
		return { totpMessage: 'La double authentification est désactivée.' };
	},
	changePassword: async (event) => {
		const user = requireUser(event);
		const db = event.locals.store.db;
		if (user.demo)
			return fail(400, {
				passwordErrors: ['Le mot de passe des comptes de démonstration ne peut pas être changé.']
			});
		const parsed = passwordForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { passwordErrors: ['Formulaire incomplet.'] });
		const row = await findUserById(db, user.id);
		if (row?.password_hash && !(await verifyPassword(parsed.data.current, row.password_hash)))
			return fail(400, { passwordErrors: ['Le mot de passe actuel est incorrect.'] });
		const errors = checkPasswordPolicy(parsed.data.next, user.email);
		if (parsed.data.next !== parsed.data.confirm)
			errors.push('Les deux saisies du nouveau mot de passe diffèrent.');
		if (errors.length) return fail(400, { passwordErrors: errors });
		await updateUser(db, user.id, { password_hash: await hashPassword(parsed.data.next) });
		await auditEvent(event, 'account.password_changed', null, { type: 'user', id: user.id });
		return { passwordErrors: [] as string[], passwordChanged: true };
	},
	logoutEverywhere: async (event) => {
		const user = requireUser(event);
		const ended = await deleteUserSessions(event.locals.store.db, user.id);
		await auditEvent(
			event,
			'logout.everywhere',
			{ sessions: ended },
			{ type: 'user', id: user.id }
		);
		clearSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, '/connexion');
	}
} satisfies Actions;
