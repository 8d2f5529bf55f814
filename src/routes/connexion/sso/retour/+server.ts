import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { auditEvent, clientAddress } from '$lib/server/audit/audit-event';
import { landingFor } from '$lib/server/auth/landing';
import {
	finishOidcLogin,
	mapOidcIdentity,
	OIDC_STATE_COOKIE,
	oidcSettings
} from '$lib/server/auth/oidc';
import { createSession, setSessionCookie, SESSION_IDLE_MS } from '$lib/server/auth/sessions';
import { rolesOf, updateUser } from '$lib/server/auth/users';
import { logger } from '$lib/server/logger';

export const GET: RequestHandler = async (event) => {
	const { locals, url, cookies, request } = event;
	const settings = oidcSettings();
	if (!settings) error(404, 'L’authentification unique n’est pas configurée sur cette instance.');
	const db = locals.store.db;
	const cookieState = cookies.get(OIDC_STATE_COOKIE);
	cookies.delete(OIDC_STATE_COOKIE, { path: '/connexion/sso' });
	let finished;
	try {
		finished = await finishOidcLogin(db, settings, url, cookieState);
	} catch (err) {
		logger.warn({ err: (err as Error).message }, 'oidc callback refused');
		await auditEvent(event, 'login.failure', { method: 'sso', reason: 'callback' });
		redirect(303, '/connexion?erreur=sso');
	}
	const mapped = await mapOidcIdentity(db, finished.identity);
	const user = mapped?.user;
	const refused = !user
		? 'no-account'
		: user.status !== 'active'
			? 'deactivated'
			: user.demo && !config().demo
				? 'demo-disabled'
				: null;
	if (!user || refused) {
		const who = user
			? { type: 'user', id: user.id, actorId: user.id, actorLabel: user.email }
			: undefined;
		await auditEvent(event, 'login.failure', { method: 'sso', reason: refused }, who);
		redirect(303, '/connexion?erreur=sso');
	}
	const target = { type: 'user', id: user.id, actorId: user.id, actorLabel: user.email };
	if (mapped.created) await auditEvent(event, 'user.created', { via: 'sso' }, target);
	if (mapped.roleChanges && (mapped.roleChanges.added.length || mapped.roleChanges.removed.length))
		await auditEvent(event, 'user.roles_changed', { via: 'sso', ...mapped.roleChanges }, target);
	const token = await createSession(db, {
		userId: user.id,
		method: 'sso',
		ip: clientAddress(event),
		userAgent: request.headers.get('user-agent')
	});
	setSessionCookie(
		cookies,
		token,
		url.protocol === 'https:',
		new Date(Date.now() + SESSION_IDLE_MS)
	);
	await updateUser(db, user.id, { last_login_at: new Date().toISOString(), failed_logins: 0 });
	await auditEvent(event, 'login.success', { method: 'sso' }, target);
	redirect(303, landingFor(await rolesOf(db, user.id), finished.redirectTo));
};
