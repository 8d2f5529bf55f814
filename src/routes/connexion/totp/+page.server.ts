import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { auditEvent, clientAddress } from '$lib/server/audit/audit-event';
import { landingFor } from '$lib/server/auth/landing';
import { checkSecondFactor, LOGIN_MESSAGES } from '$lib/server/auth/login';
import {
	createSession,
	deleteSession,
	setSessionCookie,
	SESSION_IDLE_MS
} from '$lib/server/auth/sessions';
import { findUserById, rolesOf } from '$lib/server/auth/users';

export const load = (async ({ locals, url }) => {
	if (locals.user) redirect(303, '/');
	if (!locals.pendingMfa) redirect(303, '/connexion');
	return { redirectTo: url.searchParams.get('redirectTo') ?? '' };
}) satisfies PageServerLoad;

const codeForm = z.object({
	code: z.string().trim().max(20),
	redirectTo: z.string().max(2000).default('')
});

export const actions = {
	verify: async (event) => {
		const { locals, request, cookies, url } = event;
		const pending = locals.pendingMfa;
		if (!pending) redirect(303, '/connexion');
		const parsed = codeForm.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success)
			return fail(400, { message: 'Saisissez le code à 6 chiffres de votre application.' });
		const db = locals.store.db;
		const user = await findUserById(db, pending.userId);
		if (!user) redirect(303, '/connexion');
		const target = { type: 'user', id: user.id, actorId: user.id, actorLabel: user.email };
		const result = await checkSecondFactor(db, user, parsed.data.code);
		if (!result.ok) {
			await auditEvent(event, 'login.failure', { reason: result.reason, step: 'totp' }, target);
			if (result.reason === 'locked') {
				if (result.lockedNow)
					await auditEvent(event, 'account.locked', { until: result.until?.toISOString() }, target);
				await deleteSession(db, pending.sessionId);
				return fail(400, { message: LOGIN_MESSAGES.locked });
			}
			return fail(400, {
				message: 'Code incorrect ou déjà utilisé. Saisissez le code affiché maintenant.'
			});
		}
		// A fresh session id once both factors are checked.
		await deleteSession(db, pending.sessionId);
		const token = await createSession(db, {
			userId: user.id,
			method: 'password',
			ip: clientAddress(event),
			userAgent: request.headers.get('user-agent')
		});
		setSessionCookie(
			cookies,
			token,
			url.protocol === 'https:',
			new Date(Date.now() + SESSION_IDLE_MS)
		);
		await auditEvent(event, 'login.success', { method: 'password+totp' }, target);
		redirect(303, landingFor(await rolesOf(db, user.id), parsed.data.redirectTo));
	}
} satisfies Actions;
