// Password login with lock-out (5 wrong passwords lock the account for 15 minutes, counted in the
// database) and per-address throttling of FAILED attempts only, so that agents signing in behind
// one town-hall proxy never lock each other out. Returns what happened; the caller audits it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { dummyHash, verifyPassword } from './password';
import { hitRateLimit, peekRateLimit } from './rate-limit';
import { findUserByEmail, updateUser, type UserRow } from './users';
import { verifyTotp } from './totp';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** failed sign-ins allowed per client address and window (successes are not counted) */
export const ADDRESS_LIMIT = 30;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

export type LoginResult =
	| { ok: true; user: UserRow; needsTotp: boolean }
	| {
			ok: false;
			reason: 'invalid' | 'locked' | 'deactivated' | 'demo-disabled' | 'throttled' | 'sso-only';
			user?: UserRow;
			/** set when this failure locked the account */
			lockedNow?: boolean;
			until?: Date;
	  };

export interface LoginInput {
	email: string;
	password: string;
	ip: string | null;
	allowDemo: boolean;
}

export async function passwordLogin(
	db: Kysely<Database>,
	input: LoginInput,
	now = new Date()
): Promise<LoginResult> {
	const addressKey = `login:${input.ip ?? '?'}`;
	const throttle = await peekRateLimit(db, addressKey, ADDRESS_LIMIT, ADDRESS_WINDOW_MS, now);
	if (!throttle.allowed)
		return {
			ok: false,
			reason: 'throttled',
			until: new Date(now.getTime() + throttle.retryAfterSeconds * 1000)
		};
	const result = await checkPassword(db, input, now);
	if (!result.ok) await hitRateLimit(db, addressKey, ADDRESS_LIMIT, ADDRESS_WINDOW_MS, now);
	return result;
}

async function checkPassword(
	db: Kysely<Database>,
	input: LoginInput,
	now: Date
): Promise<LoginResult> {
	const user = await findUserByEmail(db, input.email);
	if (!user) {
		await verifyPassword(input.password, await dummyHash());
		return { ok: false, reason: 'invalid' };
	}
	// A deactivated account gets the same answer whatever the password: it must not confirm one.
	if (user.status !== 'active') {
		await verifyPassword(input.password, user.password_hash ?? (await dummyHash()));
		return { ok: false, reason: 'deactivated', user };
	}
	if (user.locked_until && new Date(user.locked_until) > now)
		return { ok: false, reason: 'locked', user, until: new Date(user.locked_until) };
	if (!user.password_hash) return { ok: false, reason: 'sso-only', user };
	const good = await verifyPassword(input.password, user.password_hash);
	if (!good) return registerFailure(db, user, now);
	if (user.demo && !input.allowDemo) return { ok: false, reason: 'demo-disabled', user };
	await updateUser(db, user.id, { failed_logins: 0, locked_until: null }, now);
	return { ok: true, user, needsTotp: !!user.totp_secret };
}

/** Counts a wrong password or second-factor code; locks the account at the threshold. */
export async function registerFailure(
	db: Kysely<Database>,
	user: UserRow,
	now = new Date()
): Promise<LoginResult> {
	const fresh = user.locked_until && new Date(user.locked_until) <= now ? 0 : user.failed_logins;
	const failures = fresh + 1;
	if (failures >= MAX_FAILED_LOGINS) {
		const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
		await updateUser(db, user.id, { failed_logins: 0, locked_until: until.toISOString() }, now);
		return { ok: false, reason: 'locked', user, lockedNow: true, until };
	}
	await updateUser(db, user.id, { failed_logins: failures, locked_until: null }, now);
	return { ok: false, reason: 'invalid', user };
}

/** Second step of a login with TOTP: accepts a fresh code once. */
export async function checkSecondFactor(
	db: Kysely<Database>,
	user: UserRow,
	code: string,
	now = new Date()
): Promise<LoginResult> {
	if (user.locked_until && new Date(user.locked_until) > now)
		return { ok: false, reason: 'locked', user, until: new Date(user.locked_until) };
	const counter = user.totp_secret
		? verifyTotp(user.totp_secret, code, user.totp_last_counter, now.getTime())
		: null;
	if (counter === null) return registerFailure(db, user, now);
	await updateUser(
		db,
		user.id,
		{
			failed_logins: 0,
			locked_until: null,
			totp_last_counter: counter,
			last_login_at: now.toISOString()
		},
		now
	);
	return { ok: true, user, needsTotp: false };
}

export const LOGIN_MESSAGES: Record<Exclude<LoginResult, { ok: true }>['reason'], string> = {
	invalid: 'Adresse électronique ou mot de passe incorrect.',
	locked:
		'Ce compte est temporairement verrouillé après plusieurs tentatives infructueuses. Réessayez dans 15 minutes ou contactez votre administrateur.',
	deactivated: 'Ce compte est désactivé. Contactez votre administrateur.',
	'demo-disabled': 'Les comptes de démonstration sont désactivés sur cette instance.',
	throttled:
		'Trop de tentatives de connexion échouées depuis votre adresse. Réessayez dans quelques minutes.',
	// Same words as a wrong password: the form must not reveal which accounts exist.
	'sso-only': 'Adresse électronique ou mot de passe incorrect.'
};
