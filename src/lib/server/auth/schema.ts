// Table types of the accounts tables (migration 0003_auth), kept beside the auth code; `authDb`
// widens the shared store's Kysely type so auth modules query them with full typing.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

export const ROLES = ['referent', 'elu', 'analyste', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const SCOPE_TYPES = ['group', 'commune', 'epci', 'departement'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	referent: 'Référent de groupe',
	elu: 'Élu',
	analyste: 'Analyste départemental',
	admin: 'Administrateur'
};
export const SCOPE_LABELS: Record<ScopeType, string> = {
	group: 'Groupe',
	commune: 'Commune',
	epci: 'EPCI',
	departement: 'Département'
};
/** Which scope types each role accepts. */
export const ROLE_SCOPES: Record<Role, readonly ScopeType[]> = {
	referent: ['group'],
	elu: ['commune', 'epci'],
	analyste: ['departement'],
	admin: ['departement']
};

export interface UserTable {
	id: string;
	email: string;
	name: string | null;
	password_hash: string | null;
	/** `active` or `deactivated` */
	status: string;
	demo: number;
	totp_secret: string | null;
	totp_pending_secret: string | null;
	totp_last_counter: number | null;
	failed_logins: number;
	locked_until: string | null;
	oidc_subject: string | null;
	created_at: string;
	updated_at: string;
	last_login_at: string | null;
}

export interface UserRoleTable {
	user_id: string;
	role: string;
	scope_type: string;
	scope_value: string;
}

export interface SessionTable {
	/** sha256 of the cookie token: a leaked table cannot be replayed */
	id: string;
	user_id: string;
	created_at: string;
	expires_at: string;
	mfa_pending: number;
	/** `password` or `sso` */
	method: string;
	ip: string | null;
	user_agent: string | null;
}

export interface InvitationTable {
	token_hash: string;
	user_id: string;
	created_by: string | null;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface RateLimitTable {
	key: string;
	window_start: string;
	count: number;
}

export interface OidcLoginTable {
	state: string;
	nonce: string;
	code_verifier: string;
	redirect_to: string;
	expires_at: string;
}

export interface AuthTables {
	users: UserTable;
	user_roles: UserRoleTable;
	sessions: SessionTable;
	invitations: InvitationTable;
	rate_limits: RateLimitTable;
	oidc_logins: OidcLoginTable;
}

export type AuthDatabase = Database & AuthTables;
export type AuthDb = Kysely<AuthDatabase>;

export function authDb(db: Kysely<Database> | Transaction<Database>): AuthDb {
	return db as unknown as AuthDb;
}

export interface RoleGrant {
	role: Role;
	scopeType: ScopeType;
	scopeValue: string;
}

/** The signed-in user as every load, action and endpoint sees it (`locals.user`). */
export interface SessionUser {
	id: string;
	email: string;
	name: string | null;
	roles: RoleGrant[];
	totpEnabled: boolean;
	demo: boolean;
	sessionId: string;
	/** `password` or `sso` */
	method: string;
}
