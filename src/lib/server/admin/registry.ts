// What the administration pages read and write: the département's communes and groups, its users
// and their grants, scoped to the départements the admin administers.
import type { Kysely } from 'kysely';
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Report } from '$contracts/report';
import { refuseIdentifiers } from '../free-text';
import { INSTANCE_TYPES, INSTITUTIONS } from '$contracts/codes';
import type { Database } from '../db/schema';
import type { RoleGrant } from '../auth/schema';
import { rolesOf } from '../auth/users';
import { dataChanged } from '../events';
import { communesWithEpci } from '../releases/territory-rows';
import { requireAdmin } from '../auth/scopes';
import { sortFr } from '$lib/format';

type Db = Kysely<Database>;

export async function communesOf(db: Db, departements: string[]) {
	if (!departements.length) return [];
	return communesWithEpci(db)
		.select((eb) =>
			eb
				.selectFrom('group_communes')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('group_communes.commune_code', '=', 'communes.code')
				.as('groups')
		)
		.where('communes.departement', 'in', departements)
		.execute()
		.then((rows) => sortFr(rows, (c) => c.nom));
}

export async function groupsOf(db: Db, departements: string[]) {
	if (!departements.length) return [];
	const groups = await db
		.selectFrom('groups')
		.selectAll()
		.where('departement', 'in', departements)
		.execute()
		.then((rows) => sortFr(rows, (g) => g.name));
	const links = await db
		.selectFrom('group_communes')
		.innerJoin('communes', 'communes.code', 'group_communes.commune_code')
		.select(['group_communes.group_id', 'communes.code', 'communes.nom'])
		.where('group_communes.group_id', 'in', groups.length ? groups.map((g) => g.id) : [''])
		.execute();
	return groups.map((g) => ({
		...g,
		member_institutions: JSON.parse(g.member_institutions) as string[],
		communes: sortFr(
			links.filter((l) => l.group_id === g.id).map((l) => ({ code: l.code, nom: l.nom })),
			(c) => c.nom
		)
	}));
}

/** A group of the admin's départements (the route's `id`), or 404. */
export async function adminGroup(
	event: Pick<RequestEvent, 'locals' | 'params' | 'url' | 'request'>
) {
	const { departements } = requireAdmin(event);
	const id = (event.params as { id?: string }).id;
	const group = (await groupsOf(event.locals.store.db, departements)).find((g) => g.id === id);
	if (!group) error(404, 'Groupe introuvable dans votre département.');
	return { group, departements };
}

export const groupSchema = z
	.object({
		name: z
			.string()
			.trim()
			.min(3, 'Le nom du groupe doit contenir au moins 3 caractères.')
			.max(200, 'Nom trop long.'),
		instanceType: z.enum(INSTANCE_TYPES.codes, { error: 'Choisissez le type d’instance.' }),
		coordinator: z.enum(INSTITUTIONS.codes, { error: 'Choisissez l’institution coordinatrice.' }),
		members: z.array(z.enum(INSTITUTIONS.codes)).min(1, 'Cochez au moins une institution membre.'),
		communes: z
			.string()
			.transform((s) => [...new Set(s.split(/[\s,;]+/).filter(Boolean))])
			.pipe(
				z
					.array(z.string().regex(/^\d[\dAB]\d{3}$/, 'Code commune invalide.'))
					.min(1, 'Indiquez au moins une commune (code INSEE).')
			)
	})
	.refine((g) => g.members.includes(g.coordinator), {
		message: 'L’institution coordinatrice doit faire partie des membres.',
		path: ['coordinator']
	});
export type GroupInput = z.infer<typeof groupSchema>;

export function groupFormData(form: FormData) {
	return {
		name: form.get('name') ?? '',
		instanceType: form.get('instanceType') ?? '',
		coordinator: form.get('coordinator') ?? '',
		members: form.getAll('members'),
		communes: form.get('communes') ?? ''
	};
}

/**
 * The group form of a create or save action, parsed, with its communes in the admin's
 * départements and its name free of personal identifiers; or the action's `fail(400)`.
 */
export async function parseGroupForm(
	event: RequestEvent,
	departements: string[]
): Promise<
	{ ok: true; data: GroupInput } | { ok: false; failure: ActionFailure<GroupFormErrors> }
> {
	const parsed = groupSchema.safeParse(groupFormData(await event.request.formData()));
	if (!parsed.success)
		return { ok: false, failure: fail(400, { errors: parsed.error.issues.map((i) => i.message) }) };
	const refused = await refuseIdentifiers(event, 'groupe', [
		{ name: 'Nom du groupe', value: parsed.data.name }
	]);
	if (refused)
		return {
			ok: false,
			failure: fail(400, { errors: [refused.data.message], report: refused.data.report })
		};
	const foreign = await foreignCommunes(event.locals.store.db, parsed.data.communes, departements);
	if (foreign.length)
		return {
			ok: false,
			failure: fail(400, {
				errors: [`Communes hors de votre département : ${foreign.join(', ')}.`]
			})
		};
	return { ok: true, data: parsed.data };
}
export interface GroupFormErrors {
	errors: string[];
	report?: Report;
}

/** Commune codes that are not in the département(s); empty when all are. */
export async function foreignCommunes(
	db: Db,
	codes: string[],
	departements: string[]
): Promise<string[]> {
	const found = await db
		.selectFrom('communes')
		.select('code')
		.where('code', 'in', codes.length ? codes : [''])
		.where('departement', 'in', departements.length ? departements : [''])
		.execute();
	const ok = new Set(found.map((r) => r.code));
	return codes.filter((c) => !ok.has(c));
}

export function slugify(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
}

export async function saveGroup(
	db: Db,
	id: string | null,
	departement: string,
	g: GroupInput
): Promise<string> {
	const saved = await db.transaction().execute(async (trx) => {
		let groupId = id;
		if (!groupId) {
			const base = slugify(g.name) || 'groupe';
			groupId = base;
			for (
				let i = 2;
				await trx.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst();
				i++
			)
				groupId = `${base}-${i}`;
			await trx
				.insertInto('groups')
				.values({
					id: groupId,
					name: g.name,
					instance_type: g.instanceType,
					departement,
					coordinator_institution: g.coordinator,
					member_institutions: JSON.stringify(g.members),
					demo: 0,
					created_at: new Date().toISOString()
				})
				.execute();
		} else {
			await trx
				.updateTable('groups')
				.set({
					name: g.name,
					instance_type: g.instanceType,
					coordinator_institution: g.coordinator,
					member_institutions: JSON.stringify(g.members)
				})
				.where('id', '=', groupId)
				.execute();
			await trx.deleteFrom('group_communes').where('group_id', '=', groupId).execute();
		}
		await trx
			.insertInto('group_communes')
			.values(g.communes.map((c) => ({ group_id: groupId, commune_code: c })))
			.execute();
		return groupId;
	});
	// Names and communes appear in releases: this server stops serving its checked copies now.
	dataChanged('submissions');
	return saved;
}

/** True when the grant's scope exists and lies inside the administered départements. */
export async function grantWithin(db: Db, g: RoleGrant, departements: string[]): Promise<boolean> {
	switch (g.scopeType) {
		case 'departement':
			return departements.includes(g.scopeValue);
		case 'group':
		case 'commune': {
			const row = await (
				g.scopeType === 'group'
					? db.selectFrom('groups').select('departement').where('id', '=', g.scopeValue)
					: db.selectFrom('communes').select('departement').where('code', '=', g.scopeValue)
			).executeTakeFirst();
			return !!row && departements.includes(row.departement);
		}
		case 'epci': {
			const row = await db
				.selectFrom('communes')
				.select('code')
				.where('epci', '=', g.scopeValue)
				.where('departement', 'in', departements.length ? departements : [''])
				.executeTakeFirst();
			return !!row;
		}
	}
}

export interface AdminUserRow {
	id: string;
	email: string;
	name: string | null;
	status: string;
	demo: boolean;
	lastLoginAt: string | null;
	locked: boolean;
	grants: RoleGrant[];
}

/** Users an admin manages: those without grants, and those whose every grant is in its scope. */
export async function usersFor(
	db: Db,
	departements: string[],
	now = new Date()
): Promise<AdminUserRow[]> {
	const users = await db.selectFrom('users').selectAll().orderBy('email').execute();
	const out: AdminUserRow[] = [];
	for (const u of users) {
		const grants = await rolesOf(db, u.id);
		let inside = true;
		for (const g of grants) if (!(await grantWithin(db, g, departements))) inside = false;
		if (!inside) continue;
		out.push({
			id: u.id,
			email: u.email,
			name: u.name,
			status: u.status,
			demo: !!u.demo,
			lastLoginAt: u.last_login_at,
			locked: !!u.locked_until && new Date(u.locked_until) > now,
			grants
		});
	}
	return out;
}

export async function userFor(
	db: Db,
	id: string,
	departements: string[]
): Promise<AdminUserRow | null> {
	return (await usersFor(db, departements)).find((u) => u.id === id) ?? null;
}
