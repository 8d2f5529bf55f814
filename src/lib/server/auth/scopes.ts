// THE authorization module: every load, action and endpoint asks it who may see what. Roles are
// scoped — referent → groups (their rows), elu → communes or an EPCI (aggregated bilans),
// analyste and admin → a département (aggregated data; admin also its registry and users).
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from './schema';
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

/** Départements where the user holds one of the roles (analyste, admin). */
export function departementsOf(user: SessionUser, ...roles: Role[]): string[] {
	const wanted = roles.length ? roles : (['analyste', 'admin'] as Role[]);
	return unique(
		user.roles
			.filter((g) => wanted.includes(g.role) && g.scopeType === 'departement')
			.map((g) => g.scopeValue)
	);
}

export function groupsReferentOf(user: SessionUser): string[] {
	return unique(
		user.roles
			.filter((g) => g.role === 'referent' && g.scopeType === 'group')
			.map((g) => g.scopeValue)
	);
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
	const communes = new Set<string>();
	const depts = departementsOf(user, 'analyste', 'admin');
	if (depts.length)
		for (const r of await db
			.selectFrom('communes')
			.select('code')
			.where('departement', 'in', depts)
			.execute())
			communes.add(r.code);
	const elu = user.roles.filter((g) => g.role === 'elu');
	for (const g of elu) if (g.scopeType === 'commune') communes.add(g.scopeValue);
	const epcis = elu.filter((g) => g.scopeType === 'epci').map((g) => g.scopeValue);
	if (epcis.length)
		for (const r of await db
			.selectFrom('communes')
			.select('code')
			.where('epci', 'in', epcis)
			.execute())
			communes.add(r.code);
	return [...communes].sort();
}

export async function canReadCommune(
	user: SessionUser | null | undefined,
	db: Db,
	code: string
): Promise<boolean> {
	if (!user) return false;
	if (
		user.roles.some((g) => g.role === 'elu' && g.scopeType === 'commune' && g.scopeValue === code)
	)
		return true;
	const commune = await db
		.selectFrom('communes')
		.select(['departement', 'epci'])
		.where('code', '=', code)
		.executeTakeFirst();
	if (!commune) return false;
	return user.roles.some(
		(g) =>
			(g.role === 'elu' && g.scopeType === 'epci' && g.scopeValue === commune.epci) ||
			((g.role === 'analyste' || g.role === 'admin') &&
				g.scopeType === 'departement' &&
				g.scopeValue === commune.departement)
	);
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
	if (!user) return false;
	if (
		user.roles.some((g) => g.role === 'elu' && g.scopeType === 'commune' && g.scopeValue === code)
	)
		return true;
	const admin = departementsOf(user, 'admin');
	if (!admin.length) return false;
	const commune = await db
		.selectFrom('communes')
		.select('departement')
		.where('code', '=', code)
		.executeTakeFirst();
	return !!commune && admin.includes(commune.departement);
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
	const groups = new Set(groupsReferentOf(user));
	const depts = departementsOf(user, 'analyste', 'admin');
	if (depts.length)
		for (const r of await db
			.selectFrom('groups')
			.select('id')
			.where('departement', 'in', depts)
			.execute())
			groups.add(r.id);
	const eluCommunes = await communesOfElu(user, db);
	if (eluCommunes.length)
		for (const r of await db
			.selectFrom('group_communes')
			.select('group_id')
			.distinct()
			.where('commune_code', 'in', eluCommunes)
			.execute())
			groups.add(r.group_id);
	return [...groups].sort();
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
	if (
		!departementsOf(user, ...(roles.length ? roles : (['analyste', 'admin'] as Role[]))).includes(
			code
		)
	)
		error(403, 'Accès refusé : ce département n’est pas dans votre périmètre.');
	return user;
}

/** Administration pages: the admin and the départements it administers. */
export function requireAdmin(event: Event): { user: SessionUser; departements: string[] } {
	const user = requireRole(event, 'admin');
	return { user, departements: departementsOf(user, 'admin') };
}

async function communesOfElu(user: SessionUser, db: Db): Promise<string[]> {
	const elu = user.roles.filter((g) => g.role === 'elu');
	const communes = new Set(elu.filter((g) => g.scopeType === 'commune').map((g) => g.scopeValue));
	const epcis = elu.filter((g) => g.scopeType === 'epci').map((g) => g.scopeValue);
	if (epcis.length)
		for (const r of await db
			.selectFrom('communes')
			.select('code')
			.where('epci', 'in', epcis)
			.execute())
			communes.add(r.code);
	return [...communes];
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}
