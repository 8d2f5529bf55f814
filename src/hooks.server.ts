// Request pipeline: a sequence of named handles. `init` opens, migrates and seeds the store once;
// then every request gets its store, its user (the ONE place that sets `locals.user`), the
// deny-by-default guard and the security headers.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { store } from '$lib/server/app';
import { startReminderTimer } from '$lib/server/departement/campaigns';
import { warmReleases } from '$lib/server/releases';
import { logger } from '$lib/server/logger';
import { compressResponse } from '$lib/server/compress';
import { config } from '$lib/server/config';
import { isPublicPath } from '$lib/server/auth/guard';
import { isPdfPath, withinPdfLimits } from '$lib/server/plenary/pdf-limit';
import {
	auditDenial,
	auditResponse,
	crossSiteResponse,
	isCrossSite
} from '$lib/server/audit/request-audit';
import {
	clearSessionCookie,
	sessionCookieName,
	setSessionCookie,
	validateSession
} from '$lib/server/auth/sessions';

export const init: ServerInit = async () => {
	// A wrong environment variable stops the server here, with a message naming it.
	const { origin } = config();
	const { db } = await store();
	// Collection campaigns: D−7 and due-date reminders, now and every hour (idempotent).
	startReminderTimer(db, { appUrl: origin ?? undefined });
	// The current year's table sets, built in the background (worker threads): the first pages
	// are then served at once, and this server hears of other servers' submissions from now on.
	warmReleases(db).catch((e: unknown) =>
		logger.warn({ err: String(e) }, 'table set warm-up failed')
	);
};

const handleStore: Handle = async ({ event, resolve }) => {
	event.locals.store = await store();
	return resolve(event);
};

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.pendingMfa = null;
	const secure = event.url.protocol === 'https:';
	const token = event.cookies.get(sessionCookieName(secure));
	if (token) {
		const check = await validateSession(event.locals.store.db, token, { allowDemo: config().demo });
		if (check.kind === 'user') {
			event.locals.user = check.user;
			setSessionCookie(event.cookies, token, secure, check.expiresAt);
		} else if (check.kind === 'mfa') {
			event.locals.pendingMfa = { userId: check.userId, sessionId: check.sessionId };
		} else {
			clearSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

/** Cross-site form posts refused, and refusals and protected reads recorded in the journal. */
const handleRequestAudit: Handle = async ({ event, resolve }) => {
	if (isCrossSite(event)) {
		await auditDenial(event, 'csrf.rejected');
		return crossSiteResponse(event);
	}
	const response = await resolve(event);
	await auditResponse(event, response);
	return response;
};

const handleGuard: Handle = async ({ event, resolve }) => {
	if (event.locals.user || isPublicPath(event.url.pathname)) return resolve(event);
	const page = event.request.method === 'GET';
	const accept = event.request.headers.get('accept') ?? '';
	if (page && !accept.includes('application/json')) {
		const back = event.url.pathname + event.url.search;
		return new Response(null, {
			status: 303,
			headers: { location: `/connexion?redirectTo=${encodeURIComponent(back)}` }
		});
	}
	return new Response('Authentification requise : connectez-vous pour continuer.', {
		status: 401,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};

const NEVER_CACHED = ['/connexion', '/deconnexion', '/invitation'];

/** Per-user limits on Chromium PDF exports (429 beyond them). */
const handlePdfLimits: Handle = async ({ event, resolve }) =>
	isPdfPath(event.url.pathname) ? withinPdfLimits(event, () => resolve(event)) : resolve(event);

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	if (response.status === 101) return response;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	if (!h.get('Content-Security-Policy')?.includes('frame-ancestors'))
		h.append('Content-Security-Policy', "frame-ancestors 'none'");
	if (event.url.protocol === 'https:') h.set('Strict-Transport-Security', 'max-age=31536000');
	// Anything produced for a signed-in user may hold scoped data, and sign-in answers set or
	// clear sessions: never cache them.
	const path = event.url.pathname;
	if (
		((event.locals.user || event.locals.pendingMfa) && !path.startsWith('/_app/immutable/')) ||
		NEVER_CACHED.some((p) => path === p || path.startsWith(`${p}/`))
	)
		h.set('Cache-Control', 'private, no-store');
	return response;
};

const handleCompression: Handle = async ({ event, resolve }) =>
	compressResponse(event.request, await resolve(event));

export const handle = sequence(
	handleCompression,
	handleStore,
	handleSession,
	handleHeaders,
	handleRequestAudit,
	handleGuard,
	handlePdfLimits
);
