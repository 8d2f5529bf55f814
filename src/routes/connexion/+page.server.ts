import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { auditEvent, clientAddress } from '$lib/server/audit/audit-event';
import { DEMO_ACCOUNTS } from '$lib/server/auth/demo-accounts';
import { landingFor } from '$lib/server/auth/landing';
import { LOGIN_MESSAGES, passwordLogin } from '$lib/server/auth/login';
import { oidcSettings } from '$lib/server/auth/oidc';
import {
	createSession,
	setSessionCookie,
	SESSION_IDLE_MS,
	MFA_PENDING_MS
} from '$lib/server/auth/sessions';
import { rolesOf, updateUser } from '$lib/server/auth/users';

export const load = (async ({ locals, url }) => {
	const redirectTo = url.searchParams.get('redirectTo') ?? '';
	if (locals.user) redirect(303, landingFor(locals.user.roles, redirectTo));
	const sso = oidcSettings();
	return {
		redirectTo,
		sso: sso ? { label: sso.label } : null,
		ssoError: url.searchParams.get('erreur') === 'sso',
		/** back from an accepted invitation */
		activated: url.searchParams.get('invitation') === 'ok',
		demoAccounts: config().demo
			? DEMO_ACCOUNTS.map((a) => ({
					email: a.email,
					label: a.label,
					active: a.active,
					password: a.password
				}))
			: []
	};
}) satisfies PageServerLoad;

const loginForm = z.object({
	email: z.string().trim().min(3).max(320),
	password: z.string().min(1).max(1000),
	redirectTo: z.string().max(2000).default('')
});

export const actions = {
	login: async (event) => {
		const { request, locals, cookies, url } = event;
		const parsed = loginForm.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success)
			return fail(400, {
				email: '',
				message: 'Saisissez votre adresse électronique et votre mot de passe.'
			});
		const { email, password, redirectTo } = parsed.data;
		const db = locals.store.db;
		const result = await passwordLogin(db, {
			email,
			password,
			ip: clientAddress(event),
			allowDemo: config().demo
		});
		if (!result.ok) {
			const known = result.user
				? {
						type: 'user',
						id: result.user.id,
						actorId: result.user.id,
						actorLabel: result.user.email
					}
				: undefined;
			await auditEvent(event, 'login.failure', { reason: result.reason }, known);
			if (result.lockedNow)
				await auditEvent(event, 'account.locked', { until: result.until?.toISOString() }, known);
			const status = result.reason === 'throttled' ? 429 : 400;
			return fail(status, { email, message: LOGIN_MESSAGES[result.reason] });
		}
		const secure = url.protocol === 'https:';
		const user = result.user;
		const target = { type: 'user', id: user.id, actorId: user.id, actorLabel: user.email };
		if (result.needsTotp) {
			const token = await createSession(db, {
				userId: user.id,
				method: 'password',
				mfaPending: true,
				ip: clientAddress(event),
				userAgent: request.headers.get('user-agent')
			});
			setSessionCookie(cookies, token, secure, new Date(Date.now() + MFA_PENDING_MS));
			await auditEvent(event, 'login.password_ok_totp_pending', null, target);
			redirect(303, `/connexion/totp?redirectTo=${encodeURIComponent(redirectTo)}`);
		}
		const token = await createSession(db, {
			userId: user.id,
			method: 'password',
			ip: clientAddress(event),
			userAgent: request.headers.get('user-agent')
		});
		setSessionCookie(cookies, token, secure, new Date(Date.now() + SESSION_IDLE_MS));
		await updateUser(db, user.id, { last_login_at: new Date().toISOString() });
		await auditEvent(event, 'login.success', { method: 'password' }, target);
		redirect(303, landingFor(await rolesOf(db, user.id), redirectTo));
	}
} satisfies Actions;
