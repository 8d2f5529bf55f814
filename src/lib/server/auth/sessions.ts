// Sessions live in the database (any app server can validate them); the cookie carries a random
// token and the table only its sha256. Sliding expiry, bounded by an absolute lifetime.
import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from './schema';
import { rolesOf } from './users';

type Db = Kysely<Database>;

export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
export const MFA_PENDING_MS = 5 * 60_000;

export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-bp_session' : 'bp_session';
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
	userId: string;
	method: 'password' | 'sso';
	mfaPending?: boolean;
	ip?: string | null;
	userAgent?: string | null;
}

/**
 * Creates a session and returns the cookie token (never stored). Expired sessions (with their
 * address and browser) are deleted on the way: they are kept no longer than they serve.
 */
export async function createSession(db: Db, s: NewSession, now = new Date()): Promise<string> {
	await purgeExpiredSessions(db, now);
	const token = randomBytes(32).toString('base64url');
	const ttl = s.mfaPending ? MFA_PENDING_MS : SESSION_IDLE_MS;
	await db
		.insertInto('sessions')
		.values({
			id: hashToken(token),
			user_id: s.userId,
			created_at: now.toISOString(),
			expires_at: new Date(now.getTime() + ttl).toISOString(),
			mfa_pending: s.mfaPending ? 1 : 0,
			method: s.method,
			ip: s.ip ?? null,
			user_agent: s.userAgent?.slice(0, 300) ?? null
		})
		.execute();
	return token;
}

export type SessionCheck =
	| { kind: 'none' }
	| { kind: 'mfa'; userId: string; sessionId: string }
	| { kind: 'user'; user: SessionUser; expiresAt: Date };

/** Resolves a cookie token to its user. `allowDemo` is false outside demo mode. */
export async function validateSession(
	db: Db,
	token: string | undefined,
	options: { allowDemo: boolean },
	now = new Date()
): Promise<SessionCheck> {
	if (!token || token.length > 100) return { kind: 'none' };
	const id = hashToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id as sid',
			'sessions.created_at',
			'sessions.expires_at',
			'sessions.mfa_pending',
			'sessions.method',
			'users.id',
			'users.email',
			'users.name',
			'users.status',
			'users.demo',
			'users.totp_secret'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return { kind: 'none' };
	const expires = new Date(row.expires_at);
	if (expires <= now || row.status !== 'active' || (row.demo && !options.allowDemo)) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return { kind: 'none' };
	}
	if (row.mfa_pending) return { kind: 'mfa', userId: row.id, sessionId: id };
	let expiresAt = expires;
	// Slide the expiry when less than half of the idle period is left.
	if (expires.getTime() - now.getTime() < SESSION_IDLE_MS / 2) {
		const cap = new Date(row.created_at).getTime() + SESSION_MAX_MS;
		expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, cap));
		if (expiresAt > expires)
			await db
				.updateTable('sessions')
				.set({ expires_at: expiresAt.toISOString() })
				.where('id', '=', id)
				.execute();
	}
	return {
		kind: 'user',
		expiresAt,
		user: {
			id: row.id,
			email: row.email,
			name: row.name,
			roles: await rolesOf(db, row.id),
			totpEnabled: !!row.totp_secret,
			demo: !!row.demo,
			sessionId: id,
			method: row.method
		}
	};
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Logout everywhere; returns the number of sessions ended. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
	const res = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
	return Number(res.numDeletedRows);
}

export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<void> {
	await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}

export function setSessionCookie(cookies: Cookies, token: string, secure: boolean, expires: Date) {
	cookies.set(sessionCookieName(secure), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
