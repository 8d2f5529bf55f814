// Per-user limits on PDF exports, checked before the route runs: one PDF in preparation at a time
// per user (in this process), and a number per window counted in the database (shared by every
// app server). Beyond either: 429 with a French message, so one person cannot keep Chromium busy
// for everyone else.
import type { RequestEvent } from '@sveltejs/kit';
import { hitRateLimit } from '../auth/rate-limit';

export const PDF_PER_WINDOW = 20;
export const PDF_WINDOW_MS = 10 * 60_000;

/** The routes that print a PDF with Chromium. */
export function isPdfPath(pathname: string): boolean {
	return /^\/commune\/[^/]+\/[^/]+\/bilan\.pdf$|^\/departement\/[^/]+\/bilan-annuel\/[^/]+\/pdf$/.test(
		pathname
	);
}

const inFlight = new Set<string>();

const tooMany = (message: string, retryAfter: number) =>
	new Response(message, {
		status: 429,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfter) }
	});

/** Runs `resolve` within the user's PDF limits, or answers 429. */
export async function withinPdfLimits(
	event: RequestEvent,
	resolve: () => Response | Promise<Response>
): Promise<Response> {
	const user = event.locals.user;
	if (!user) return resolve();
	if (inFlight.has(user.id))
		return tooMany(
			'Un PDF est déjà en préparation pour vous : attendez qu’il soit téléchargé avant d’en demander un autre.',
			5
		);
	inFlight.add(user.id);
	try {
		return await countedPdf(event, user.id, resolve);
	} finally {
		inFlight.delete(user.id);
	}
}

async function countedPdf(
	event: RequestEvent,
	userId: string,
	resolve: () => Response | Promise<Response>
): Promise<Response> {
	const rate = await hitRateLimit(
		event.locals.store.db,
		`pdf:${userId}`,
		PDF_PER_WINDOW,
		PDF_WINDOW_MS
	);
	if (!rate.allowed)
		return tooMany(
			`Vous avez demandé ${PDF_PER_WINDOW} PDF en moins de ${PDF_WINDOW_MS / 60_000} minutes : réessayez dans ${Math.max(1, Math.ceil(rate.retryAfterSeconds / 60))} minute(s), ou utilisez la version imprimable.`,
			rate.retryAfterSeconds
		);
	return resolve();
}
