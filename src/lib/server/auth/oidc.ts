// OpenID Connect single sign-on, configured by the environment (OIDC_ISSUER, OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, optional OIDC_ROLE_CLAIM and OIDC_LABEL, read in config.ts). Authorization code flow with PKCE,
// state and nonce; the pending login is kept in the database so any app server can finish it.
// An identity maps to an existing account by subject, then by verified e-mail; otherwise a new
// account without roles is created. With OIDC_ROLE_CLAIM, the claim's `role:scope:value` entries
// replace the account's grants at each login.
import * as client from 'openid-client';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { config, type OidcSettings } from '../config';
import type { RoleGrant } from './schema';
import {
	createUser,
	findUserByEmail,
	normalizeEmail,
	parseGrant,
	setRoles,
	updateUser,
	type UserRow
} from './users';

export const OIDC_STATE_COOKIE = 'bp_oidc_state';
const PENDING_MS = 10 * 60_000;

export type { OidcSettings } from '../config';

/** The single sign-on settings, or null when it is not configured. */
export function oidcSettings(): OidcSettings | null {
	return config().oidc;
}

const configurations = new Map<string, Promise<client.Configuration>>();

function isLoopback(url: URL): boolean {
	return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function configuration(s: OidcSettings): Promise<client.Configuration> {
	const key = `${s.issuer}|${s.clientId}`;
	let found = configurations.get(key);
	if (!found) {
		const issuer = new URL(s.issuer);
		found = client.discovery(
			issuer,
			s.clientId,
			s.clientSecret || undefined,
			undefined,
			// Plain http is only accepted for a provider on this machine (tests, local setups).
			isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined
		);
		found.catch(() => configurations.delete(key));
		configurations.set(key, found);
	}
	return found;
}

/** Starts a login: returns the provider URL to redirect to and the state to keep in a cookie. */
export async function startOidcLogin(
	db: Kysely<Database>,
	s: OidcSettings,
	redirectUri: string,
	redirectTo: string,
	now = new Date()
): Promise<{ url: URL; state: string }> {
	const config = await configuration(s);
	const codeVerifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const nonce = client.randomNonce();
	await db.deleteFrom('oidc_logins').where('expires_at', '<=', now.toISOString()).execute();
	await db
		.insertInto('oidc_logins')
		.values({
			state,
			nonce,
			code_verifier: codeVerifier,
			redirect_to: redirectTo,
			expires_at: new Date(now.getTime() + PENDING_MS).toISOString()
		})
		.execute();
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUri,
		scope: 'openid email profile',
		response_type: 'code',
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		state,
		nonce
	});
	return { url, state };
}

export interface OidcIdentity {
	subject: string;
	email: string | null;
	emailVerified: boolean;
	name: string | null;
	grants: RoleGrant[] | null;
}

/** Finishes a login from the callback URL; throws when anything does not check out. */
export async function finishOidcLogin(
	db: Kysely<Database>,
	s: OidcSettings,
	callbackUrl: URL,
	cookieState: string | undefined,
	now = new Date()
): Promise<{ identity: OidcIdentity; redirectTo: string }> {
	const state = callbackUrl.searchParams.get('state') ?? '';
	if (!state || state !== cookieState) throw new Error('state mismatch');
	const pending = await db
		.selectFrom('oidc_logins')
		.selectAll()
		.where('state', '=', state)
		.executeTakeFirst();
	await db.deleteFrom('oidc_logins').where('state', '=', state).execute();
	if (!pending || new Date(pending.expires_at) <= now) throw new Error('unknown or expired state');
	const config = await configuration(s);
	const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
		pkceCodeVerifier: pending.code_verifier,
		expectedState: state,
		expectedNonce: pending.nonce,
		idTokenExpected: true
	});
	const idClaims = tokens.claims();
	if (!idClaims) throw new Error('no id token');
	const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
	const claims: Record<string, unknown> = { ...info, ...idClaims };
	const email = typeof claims.email === 'string' ? normalizeEmail(claims.email) : null;
	return {
		redirectTo: pending.redirect_to,
		identity: {
			subject: `${config.serverMetadata().issuer}|${idClaims.sub}`,
			email,
			emailVerified: claims.email_verified !== false,
			name: typeof claims.name === 'string' ? claims.name : null,
			// Without the claim in this login, the grants managed in the app stay as they are.
			grants:
				s.roleClaim && claims[s.roleClaim] !== undefined
					? grantsFromClaim(claims[s.roleClaim])
					: null
		}
	};
}

export function grantsFromClaim(value: unknown): RoleGrant[] {
	const items = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[\s,]+/)
			: [];
	return items.flatMap((v) => {
		const g = typeof v === 'string' ? parseGrant(v) : null;
		return g ? [g] : [];
	});
}

export interface MappedIdentity {
	user: UserRow;
	created: boolean;
	roleChanges: { added: string[]; removed: string[] } | null;
}

/** Finds or creates the account of an SSO identity; null when no account can be matched. */
export async function mapOidcIdentity(
	db: Kysely<Database>,
	identity: OidcIdentity
): Promise<MappedIdentity | null> {
	let user = await db
		.selectFrom('users')
		.selectAll()
		.where('oidc_subject', '=', identity.subject)
		.executeTakeFirst();
	let created = false;
	if (!user) {
		if (!identity.email || !identity.emailVerified) return null;
		user = await findUserByEmail(db, identity.email);
		if (user && user.oidc_subject && user.oidc_subject !== identity.subject) return null;
		if (user) await updateUser(db, user.id, { oidc_subject: identity.subject });
		else {
			user = await createUser(db, {
				email: identity.email,
				name: identity.name,
				oidcSubject: identity.subject
			});
			created = true;
		}
	}
	const roleChanges = identity.grants ? await setRoles(db, user.id, identity.grants) : null;
	return { user, created, roleChanges };
}
