// THE authorization module: every load, action and endpoint asks it who may see what. Roles are
// scoped — referent → groups (their rows), elu → communes or an EPCI (aggregated bilans),
// analyste and admin → a département (aggregated data; admin also its registry and users).
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { RoleGrant, ScopeType, SessionUser } from './schema';
import type { Role } from '$lib/roles';

type Db = Kysely<Database>;
type Event = Pick<RequestEvent, 'locals' | 'url' | 'request'>;

export const FORBIDDEN =
	'Accès refusé : votre compte n’a pas les droits nécessaires pour cette page.';

/** The signed-in user, or: a page GET redirects to the login form, anything else gets 401. */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (event.request.method === 'GET') {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/connexion?redirectTo=${encodeURIComponent(back)}`);
	}
	error(401, 'Authentification requise : connectez-vous pour continuer.');
}

export function hasRole(user: SessionUser | null | undefined, ...roles: Role[]): boolean {
	return !!user?.roles.some((g) => roles.includes(g.role));
}

export function requireRole(event: Event, ...roles: Role[]): SessionUser {
	const user = requireUser(event);
	if (!hasRole(user, ...roles)) error(403, FORBIDDEN);
	return user;
}

/** The scope values of the user's grants of one of the roles on that scope type, once each. */
function scopesOf(user: SessionUser, roles: readonly Role[], scopeType: ScopeType): string[] {
	return unique(
		user.roles
			.filter((g) => roles.includes(g.role) && g.scopeType === scopeType)
			.map((g) => g.scopeValue)
	);
}

/** Départements where the user holds one of the roles (analyste, admin). */
export function departementsOf(user: SessionUser, ...roles: Role[]): string[] {
	return scopesOf(user, roles.length ? roles : ['analyste', 'admin'], 'departement');
}

export function groupsReferentOf(user: SessionUser): string[] {
	return scopesOf(user, ['referent'], 'group');
}

/** Row-level data of a group (uploads, rows, submissions) belong to the group: its referents only. */
export function canReadGroupRows(user: SessionUser | null | undefined, groupId: string): boolean {
	return !!user && groupsReferentOf(user).includes(groupId);
}

export function assertGroupRowsAccess(event: Event, groupId: string): SessionUser {
	const user = requireUser(event);
	if (!canReadGroupRows(user, groupId))
		error(403, 'Accès refusé : vous n’êtes pas référent de ce groupe.');
	return user;
}

/** Communes whose aggregated bilans the user may read (elu, analyste, admin). */
export async function communesVisibleTo(user: SessionUser, db: Db): Promise<string[]> {
	const depts = departementsOf(user, 'analyste', 'admin');
	const inDepts = depts.length
		? await db.selectFrom('communes').select('code').where('departement', 'in', depts).execute()
		: [];
	return unique([...inDepts.map((r) => r.code), ...(await communesOfElu(user, db))]).sort();
}

/** A grant reaching a commune through the commune's département or EPCI. */
type Through = { role: Role; scopeType: 'departement' | 'epci' };

/**
 * Whether the user holds a grant on the commune: as its own élu, or by one of the `through`
 * grants on its département or EPCI (false for an unknown commune).
 */
async function communeGrant(
	user: SessionUser | null | undefined,
	db: Db,
	code: string,
	through: readonly Through[]
): Promise<boolean> {
	if (!user) return false;
	if (
		user.roles.some((g) => g.role === 'elu' && g.scopeType === 'commune' && g.scopeValue === code)
	)
		return true;
	const reach = user.roles.filter((g): g is RoleGrant & Through =>
		through.some((t) => t.role === g.role && t.scopeType === g.scopeType)
	);
	if (!reach.length) return false;
	const commune = await db
		.selectFrom('communes')
		.select(['departement', 'epci'])
		.where('code', '=', code)
		.executeTakeFirst();
	return !!commune && reach.some((g) => g.scopeValue === commune[g.scopeType]);
}

export async function canReadCommune(
	user: SessionUser | null | undefined,
	db: Db,
	code: string
): Promise<boolean> {
	return communeGrant(user, db, code, [
		{ role: 'elu', scopeType: 'epci' },
		{ role: 'analyste', scopeType: 'departement' },
		{ role: 'admin', scopeType: 'departement' }
	]);
}

export async function assertCommuneAccess(event: Event, code: string): Promise<SessionUser> {
	const user = requireUser(event);
	if (!(await canReadCommune(user, event.locals.store.db, code)))
		error(403, 'Accès refusé : cette commune n’est pas dans votre périmètre.');
	return user;
}

/**
 * Plenary sessions of a commune (protocol §3): recorded by the élu of that commune (the mayor
 * chairs the assembly) or the admin of its département; read by whoever reads the commune's
 * bilan (élus of the commune or its EPCI, analyste, admin).
 */
export async function canManagePlenary(
	user: SessionUser | null | undefined,
	db: Db,
	code: string
): Promise<boolean> {
	return communeGrant(user, db, code, [{ role: 'admin', scopeType: 'departement' }]);
}

export async function assertPlenaryManage(event: Event, code: string): Promise<SessionUser> {
	const user = requireUser(event);
	if (!(await canManagePlenary(user, event.locals.store.db, code)))
		error(
			403,
			'Accès refusé : seuls l’élu de la commune et l’administrateur enregistrent les assemblées plénières.'
		);
	return user;
}

/** Groups whose aggregated bilan the user may read: its own groups, groups of visible communes. */
export async function groupsVisibleTo(user: SessionUser, db: Db): Promise<string[]> {
	const depts = departementsOf(user, 'analyste', 'admin');
	const inDepts = depts.length
		? await db.selectFrom('groups').select('id').where('departement', 'in', depts).execute()
		: [];
	const eluCommunes = await communesOfElu(user, db);
	const ofElu = eluCommunes.length
		? await db
				.selectFrom('group_communes')
				.select('group_id')
				.distinct()
				.where('commune_code', 'in', eluCommunes)
				.execute()
		: [];
	return unique([
		...groupsReferentOf(user),
		...inDepts.map((r) => r.id),
		...ofElu.map((r) => r.group_id)
	]).sort();
}

export async function canReadGroupBilan(
	user: SessionUser | null | undefined,
	db: Db,
	groupId: string
): Promise<boolean> {
	if (!user) return false;
	if (canReadGroupRows(user, groupId)) return true;
	const group = await db
		.selectFrom('groups')
		.select('departement')
		.where('id', '=', groupId)
		.executeTakeFirst();
	if (!group) return false;
	if (departementsOf(user, 'analyste', 'admin').includes(group.departement)) return true;
	const eluCommunes = await communesOfElu(user, db);
	if (!eluCommunes.length) return false;
	const hit = await db
		.selectFrom('group_communes')
		.select('commune_code')
		.where('group_id', '=', groupId)
		.where('commune_code', 'in', eluCommunes)
		.executeTakeFirst();
	return !!hit;
}

/** Departmental aggregates: analyste or admin of that département. */
export function assertDepartementAccess(event: Event, code: string, ...roles: Role[]): SessionUser {
	const user = requireUser(event);
	if (!departementsOf(user, ...roles).includes(code))
		error(403, 'Accès refusé : ce département n’est pas dans votre périmètre.');
	return user;
}

/** Administration pages: the admin and the départements it administers. */
export function requireAdmin(event: Event): { user: SessionUser; departements: string[] } {
	const user = requireRole(event, 'admin');
	return { user, departements: departementsOf(user, 'admin') };
}

async function communesOfElu(user: SessionUser, db: Db): Promise<string[]> {
	const epcis = scopesOf(user, ['elu'], 'epci');
	const inEpcis = epcis.length
		? await db.selectFrom('communes').select('code').where('epci', 'in', epcis).execute()
		: [];
	return unique([...scopesOf(user, ['elu'], 'commune'), ...inEpcis.map((r) => r.code)]);
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}
