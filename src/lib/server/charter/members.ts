// A group's member list (protocole §3: « une liste des membres est définie pour chaque groupe »)
// and its coordinator (§4), kept by the group's referents. Members are institutions and functions;
// the professional's name and e-mail are optional contact data that only the group's referents and
// the admin read (`withContacts`). Attendance compares the séances' `institutions_presentes` (the
// versions in force) with the list: a share of séances per institution, shown to the referents.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { INSTITUTIONS, type Institution } from '$contracts/codes';
import { compareFr } from '$lib/format';
import type { Attendance } from '$lib/charter/types';
import type { Database } from '../db/schema';
import { currentSubmissions } from '../submissions';

type Db = Kysely<Database>;

export interface Member {
	id: string;
	institution: Institution;
	institutionLabel: string;
	fonction: string;
	coordinator: boolean;
	/** null unless the reader may see contacts */
	contactName: string | null;
	contactEmail: string | null;
}

const institution = z.enum(INSTITUTIONS.codes, {
	error: 'Choisissez une institution de la liste.'
});
const optional = (max: number, message: string) =>
	z
		.string()
		.trim()
		.max(max, message)
		.optional()
		.transform((v) => v || null);
const email = z.email();

export const memberSchema = z.object({
	institution,
	fonction: z
		.string({ error: 'Indiquez la fonction du membre.' })
		.trim()
		.min(2, 'Indiquez la fonction du membre (par exemple « conseillère principale d’éducation »).')
		.max(120, 'La fonction ne doit pas dépasser 120 caractères.'),
	contact_name: optional(120, 'Le nom du contact ne doit pas dépasser 120 caractères.'),
	contact_email: optional(200, 'L’adresse du contact ne doit pas dépasser 200 caractères.').refine(
		(v) => v === null || email.safeParse(v).success,
		'L’adresse électronique du contact n’est pas valide.'
	),
	coordinator: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === '1')
});
export type MemberInput = z.infer<typeof memberSchema>;

export const memberIdSchema = z.object({
	member: z.string().min(1, 'Membre introuvable : rechargez la page.').max(64)
});

export async function listMembers(
	db: Db,
	groupId: string,
	withContacts: boolean
): Promise<Member[]> {
	const rows = await db
		.selectFrom('group_members')
		.selectAll()
		.where('group_id', '=', groupId)
		.execute();
	const order = (c: string) => INSTITUTIONS.codes.indexOf(c as Institution);
	return rows
		.map((r) => ({
			id: r.id,
			institution: r.institution as Institution,
			institutionLabel: INSTITUTIONS.labels[r.institution as Institution] ?? r.institution,
			fonction: r.fonction,
			coordinator: r.coordinator === 1,
			contactName: withContacts ? r.contact_name : null,
			contactEmail: withContacts ? r.contact_email : null
		}))
		.sort(
			(a, b) =>
				Number(b.coordinator) - Number(a.coordinator) ||
				order(a.institution) - order(b.institution) ||
				compareFr(a.fonction, b.fonction)
		);
}

/** The group has no coordinator any more (before another one is named, in the same transaction). */
async function clearCoordinator(db: Db, groupId: string, now: string, actorId: string | null) {
	await db
		.updateTable('group_members')
		.set({ coordinator: 0, updated_at: now, updated_by: actorId })
		.where('group_id', '=', groupId)
		.where('coordinator', '=', 1)
		.execute();
}

/** Adds a member; a new coordinator takes the role from the previous one, in one transaction. */
export async function addMember(
	db: Db,
	groupId: string,
	input: MemberInput,
	actorId: string | null
): Promise<string> {
	const id = randomUUID();
	const now = new Date().toISOString();
	await db.transaction().execute(async (trx) => {
		if (input.coordinator) await clearCoordinator(trx, groupId, now, actorId);
		await trx
			.insertInto('group_members')
			.values({
				id,
				group_id: groupId,
				institution: input.institution,
				fonction: input.fonction,
				contact_name: input.contact_name,
				contact_email: input.contact_email,
				coordinator: input.coordinator ? 1 : 0,
				created_at: now,
				updated_at: now,
				updated_by: actorId
			})
			.execute();
	});
	return id;
}

/** Removes a member of this group; false when it is not one (another group's id included). */
export async function removeMember(db: Db, groupId: string, memberId: string): Promise<boolean> {
	const r = await db
		.deleteFrom('group_members')
		.where('group_id', '=', groupId)
		.where('id', '=', memberId)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/** Makes one member of this group its coordinator (and no other); false when not a member. */
export async function setCoordinator(
	db: Db,
	groupId: string,
	memberId: string,
	actorId: string | null
): Promise<boolean> {
	const now = new Date().toISOString();
	return db.transaction().execute(async (trx) => {
		const hit = await trx
			.selectFrom('group_members')
			.select('id')
			.where('group_id', '=', groupId)
			.where('id', '=', memberId)
			.executeTakeFirst();
		if (!hit) return false;
		await clearCoordinator(trx, groupId, now, actorId);
		await trx
			.updateTable('group_members')
			.set({ coordinator: 1, updated_at: now, updated_by: actorId })
			.where('id', '=', memberId)
			.execute();
		return true;
	});
}

/**
 * Attendance of the group's séances (versions in force of every period) per institution: the
 * listed institutions (present or not), then those present without being on the list.
 */
export async function attendance(db: Db, groupId: string): Promise<Attendance> {
	const [rows, listed] = await Promise.all([
		currentSubmissions(db)
			.innerJoin('seance_rows', 'seance_rows.submission_id', 'submissions.id')
			.select(['submissions.period', 'seance_rows.institutions_presentes'])
			.where('submissions.group_id', '=', groupId)
			.where('submissions.kind', '=', 'seances')
			.execute(),
		db
			.selectFrom('group_members')
			.select('institution')
			.distinct()
			.where('group_id', '=', groupId)
			.execute()
	]);
	const present = new Map<string, number>();
	for (const r of rows)
		for (const code of new Set(r.institutions_presentes.split('|').filter(Boolean)))
			present.set(code, (present.get(code) ?? 0) + 1);
	const onList = new Set(listed.map((l) => l.institution));
	const codes = INSTITUTIONS.codes.filter((c) => onList.has(c) || present.has(c));
	return {
		seances: rows.length,
		periods: [...new Set(rows.map((r) => r.period))].sort(),
		rows: codes
			.map((c) => ({
				institution: c,
				label: INSTITUTIONS.labels[c],
				present: present.get(c) ?? 0,
				listed: onList.has(c)
			}))
			.sort((a, b) => Number(b.listed) - Number(a.listed))
	};
}
