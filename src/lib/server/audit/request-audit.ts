// Why: some requests must leave a trace whichever route answers them — every refusal (403), every
// cross-site form post refused, and every read of protected data (Parquet release files, the
// comparison's data, a group's row-level data) — and several of those routes belong to other
// modules. One handle records them all from the request and its response. Denials are capped per
// actor (user, or address when signed out) and window, so a flood of refusals cannot flood the
// journal: past the cap, one entry says so and the rest of the window is not recorded.
import type { RequestEvent } from '@sveltejs/kit';
import { auditEvent, clientAddress } from './audit-event';
import { hitRateLimit } from '../auth/rate-limit';

export const DENIALS_PER_WINDOW = 20;
export const DENIAL_WINDOW_MS = 10 * 60_000;

interface AuditedRead {
	pattern: RegExp;
	action: string;
	target: (m: RegExpMatchArray) => { type: string; id: string };
	details: (m: RegExpMatchArray, url: URL) => Record<string, string>;
}

/** Successful GETs that are recorded: downloads of release data and reads of row-level data. */
const AUDITED_READS: AuditedRead[] = [
	{
		pattern: /^\/commune\/([^/]+)\/([^/]+)\/donnees\.parquet$/,
		action: 'export.parquet',
		target: (m) => ({ type: 'commune', id: m[1] }),
		details: (m) => ({ period: m[2] })
	},
	{
		pattern: /^\/departement\/([^/]+)\/comparer\/donnees$/,
		action: 'export.comparaison',
		target: (m) => ({ type: 'departement', id: m[1] }),
		details: (_m, url) => ({
			periods: (url.searchParams.get('periodes') ?? '').replace(/[^\w,-]/g, '').slice(0, 120)
		})
	},
	{
		pattern: /^\/groupe\/([^/]+)\/([^/]+)\/([^/]+)\/lignes$/,
		action: 'rows.read',
		target: (m) => ({ type: 'group', id: m[1] }),
		details: (m) => ({ period: m[2], kind: m[3] })
	}
];

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * SvelteKit's own origin check (turned off in svelte.config.js so that refusals can be recorded),
 * made here: a form post from another origin is refused; so is any unsafe request that declares
 * another origin.
 */
export function isCrossSite(event: RequestEvent): boolean {
	const { request, url } = event;
	if (!UNSAFE.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin === url.origin) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	return origin !== null || FORM_TYPES.includes(type);
}

export function crossSiteResponse(event: RequestEvent): Response {
	const message =
		'Requête refusée : elle ne vient pas de ce site (protection contre la falsification de requêtes).';
	const json = event.request.headers.get('accept') === 'application/json';
	return new Response(json ? JSON.stringify({ message }) : message, {
		status: 403,
		headers: { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' }
	});
}

const where = (event: RequestEvent) => ({
	method: event.request.method,
	path: event.url.pathname.slice(0, 200)
});

/** Records a refusal, within the actor's cap. */
export async function auditDenial(
	event: RequestEvent,
	action: 'access.denied' | 'csrf.rejected'
): Promise<void> {
	const who = event.locals.user?.id ?? `ip:${clientAddress(event) ?? '?'}`;
	const rate = await hitRateLimit(
		event.locals.store.db,
		`audit-denial:${who}`,
		DENIALS_PER_WINDOW,
		DENIAL_WINDOW_MS
	);
	if (rate.allowed) return auditEvent(event, action, where(event));
	if (rate.count === DENIALS_PER_WINDOW + 1)
		return auditEvent(event, 'access.denied_capped', {
			limit: DENIALS_PER_WINDOW,
			windowMinutes: DENIAL_WINDOW_MS / 60_000
		});
}

/** Records what the response says should be: a 403, or a successful audited read. */
export async function auditResponse(event: RequestEvent, response: Response): Promise<void> {
	if (response.status === 403) return auditDenial(event, 'access.denied');
	if (event.request.method !== 'GET' || response.status !== 200 || !event.locals.user) return;
	for (const read of AUDITED_READS) {
		const m = event.url.pathname.match(read.pattern);
		if (m) return auditEvent(event, read.action, read.details(m, event.url), read.target(m));
	}
}
