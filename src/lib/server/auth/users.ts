// Accounts and their role grants: the only module that writes `users` and `user_roles`.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UserTable } from '../db/schema';
import { ROLE_SCOPES, SCOPE_TYPES, type RoleGrant, type ScopeType } from './schema';
import { ROLES, type Role } from '$lib/roles';
import type { Selectable } from 'kysely';

export type UserRow = Selectable<UserTable>;
type Db = Kysely<Database>;

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
	return db
		.selectFrom('users')
		.selectAll()
		.where('email', '=', normalizeEmail(email))
		.executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewUser {
	email: string;
	name?: string | null;
	passwordHash?: string | null;
	demo?: boolean;
	status?: 'active' | 'deactivated';
	oidcSubject?: string | null;
}

export async function createUser(db: Db, input: NewUser, now = new Date()): Promise<UserRow> {
	const row: UserRow = {
		id: randomUUID(),
		email: normalizeEmail(input.email),
		name: input.name?.trim() || null,
		password_hash: input.passwordHash ?? null,
		status: input.status ?? 'active',
		demo: input.demo ? 1 : 0,
		totp_secret: null,
		totp_pending_secret: null,
		totp_last_counter: null,
		failed_logins: 0,
		locked_until: null,
		oidc_subject: input.oidcSubject ?? null,
		created_at: now.toISOString(),
		updated_at: now.toISOString(),
		last_login_at: null
	};
	await db.insertInto('users').values(row).execute();
	return row;
}

export async function updateUser(
	db: Db,
	id: string,
	patch: Partial<Omit<UserRow, 'id' | 'created_at'>>,
	now = new Date()
): Promise<void> {
	await db
		.updateTable('users')
		.set({ ...patch, updated_at: now.toISOString() })
		.where('id', '=', id)
		.execute();
}

export function isRoleGrant(g: {
	role: string;
	scopeType: string;
	scopeValue: string;
}): g is RoleGrant {
	return (
		(ROLES as readonly string[]).includes(g.role) &&
		(SCOPE_TYPES as readonly string[]).includes(g.scopeType) &&
		ROLE_SCOPES[g.role as Role].includes(g.scopeType as ScopeType) &&
		g.scopeValue.length > 0
	);
}

export async function rolesOf(db: Db, userId: string): Promise<RoleGrant[]> {
	const rows = await db
		.selectFrom('user_roles')
		.select(['role', 'scope_type', 'scope_value'])
		.where('user_id', '=', userId)
		.orderBy('role')
		.orderBy('scope_type')
		.orderBy('scope_value')
		.execute();
	return rows
		.map((r) => ({ role: r.role, scopeType: r.scope_type, scopeValue: r.scope_value }))
		.filter(isRoleGrant);
}

export function grantKey(g: RoleGrant): string {
	return `${g.role}:${g.scopeType}:${g.scopeValue}`;
}

/** Replaces all grants of a user; returns what was added and removed (for the audit trail). */
export async function setRoles(
	db: Db,
	userId: string,
	grants: RoleGrant[]
): Promise<{ before: string[]; after: string[]; added: string[]; removed: string[] }> {
	const before = new Set((await rolesOf(db, userId)).map(grantKey));
	const unique = new Map(grants.filter(isRoleGrant).map((g) => [grantKey(g), g]));
	await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
	if (unique.size)
		await db
			.insertInto('user_roles')
			.values(
				[...unique.values()].map((g) => ({
					user_id: userId,
					role: g.role,
					scope_type: g.scopeType,
					scope_value: g.scopeValue
				}))
			)
			.execute();
	return {
		before: [...before].sort(),
		after: [...unique.keys()].sort(),
		added: [...unique.keys()].filter((k) => !before.has(k)),
		removed: [...before].filter((k) => !unique.has(k))
	};
}

export function parseGrant(text: string): RoleGrant | null {
	const [role, scopeType, ...rest] = text.trim().split(':');
	const g = { role: role ?? '', scopeType: scopeType ?? '', scopeValue: rest.join(':') };
	return isRoleGrant(g) ? g : null;
}
