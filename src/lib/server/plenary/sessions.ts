// Plenary sessions of a commune (protocol §3, §5): the assembly chaired by the mayor receives the
// groups' bilans and, from a shared diagnosis, decides the orientations. This module stores them
// and answers « was this group's bilan of that period presented, and when? ». Only published (or
// complete, hence published at the first request) periods of the commune's groups can be
// presented: a plenary receives the bilan every audience sees, never a provisional one. Free text
// is scanned by the caller (`refuseIdentifiers`) before anything reaches these functions.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { periodLabel } from '$contracts/period';
import { compareFr } from '$lib/format';
import { presentationKey } from '$lib/plenary/presentation';

export { presentationKey };
import { completenessOf } from '../completeness';
import type { Database } from '../db/schema';
import { communePeriods } from './commune';

type Db = Kysely<Database>;

const TEXT_MAX = 20_000;

function isRealDate(s: string): boolean {
	const d = new Date(`${s}T12:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const plenarySchema = z.object({
	date: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'Indiquez la date de la séance (jj/mm/aaaa).')
		.refine(isRealDate, 'Cette date n’existe pas.')
		.refine((s) => s >= '2000-01-01' && s <= '2100-12-31', 'Date hors des années possibles.'),
	presented: z
		.array(z.string().regex(/^[^|]+\|\d{4}-S[12]$/, 'Bilan présenté inconnu.'))
		.max(500, 'Trop de bilans sélectionnés.'),
	orientations: z
		.string()
		.trim()
		.min(1, 'Indiquez les orientations décidées.')
		.max(TEXT_MAX, 'Texte trop long (20 000 caractères au plus).'),
	diagnostic: z
		.string()
		.trim()
		.min(1, 'Indiquez le diagnostic partagé.')
		.max(TEXT_MAX, 'Texte trop long (20 000 caractères au plus).')
});
export type PlenaryInput = z.infer<typeof plenarySchema>;

/** Reads the form (checkboxes `presente`, the date and both texts); the zod result. */
export function parsePlenaryForm(form: FormData) {
	return plenarySchema.safeParse({
		date: String(form.get('date') ?? ''),
		presented: form.getAll('presente').map(String),
		orientations: String(form.get('orientations') ?? ''),
		diagnostic: String(form.get('diagnostic') ?? '')
	});
}

export interface PlenaryCandidate {
	key: string;
	groupId: string;
	groupName: string;
	period: string;
	periodLabel: string;
}

/**
 * The bilans a plenary of the commune may receive: each group of the commune that transmitted
 * for a period whose figures are published (or complete), newest period first.
 */
export async function plenaryCandidates(db: Db, code: string): Promise<PlenaryCandidate[]> {
	const periods = await communePeriods(db, code);
	const complete = await completenessOf(db, { commune: code }, periods);
	const groups = await db
		.selectFrom('groups as g')
		.innerJoin('group_communes as gc', 'gc.group_id', 'g.id')
		.select(['g.id', 'g.name'])
		.where('gc.commune_code', '=', code)
		.execute();
	const nameOf = new Map(groups.map((g) => [g.id, g.name]));
	const out: PlenaryCandidate[] = [];
	for (const period of [...periods].reverse()) {
		const c = complete.get(period);
		if (!c || c.provisional) continue;
		const sent = c.groups
			.filter((id) => nameOf.has(id))
			.sort((a, b) => compareFr(nameOf.get(a) ?? a, nameOf.get(b) ?? b));
		for (const groupId of sent)
			out.push({
				key: presentationKey(groupId, period),
				groupId,
				groupName: nameOf.get(groupId) ?? groupId,
				period,
				periodLabel: periodLabel(period)
			});
	}
	return out;
}

export class UnknownPresentation extends Error {
	constructor() {
		super(
			'Un bilan coché ne peut pas être présenté : il n’est pas (ou plus) un bilan publié d’un groupe de la commune.'
		);
	}
}

export interface PlenarySessionView {
	id: string;
	communeCode: string;
	date: string;
	orientations: string;
	diagnostic: string;
	presented: { groupId: string; groupName: string; period: string; periodLabel: string }[];
	updatedAt: string;
}

export interface PlenarySessionSummary {
	id: string;
	date: string;
	presentedCount: number;
}

/** The commune's sessions, latest first. */
export async function listSessions(db: Db, code: string): Promise<PlenarySessionSummary[]> {
	const rows = await db
		.selectFrom('plenary_sessions as s')
		.leftJoin('plenary_presentations as p', 'p.session_id', 's.id')
		.select(['s.id', 's.session_date'])
		.select((eb) => eb.fn.count<number>('p.group_id').as('n'))
		.where('s.commune_code', '=', code)
		.groupBy(['s.id', 's.session_date'])
		.orderBy('s.session_date', 'desc')
		.orderBy('s.id')
		.execute();
	return rows.map((r) => ({ id: r.id, date: r.session_date, presentedCount: Number(r.n) }));
}

/** One session of the commune (null when the id is unknown or belongs to another commune). */
export async function getSession(
	db: Db,
	code: string,
	id: string
): Promise<PlenarySessionView | null> {
	const s = await db
		.selectFrom('plenary_sessions')
		.selectAll()
		.where('id', '=', id)
		.where('commune_code', '=', code)
		.executeTakeFirst();
	if (!s) return null;
	const presented = await db
		.selectFrom('plenary_presentations as p')
		.innerJoin('groups as g', 'g.id', 'p.group_id')
		.select(['p.group_id', 'g.name', 'p.period'])
		.where('p.session_id', '=', id)
		.execute();
	return {
		id: s.id,
		communeCode: s.commune_code,
		date: s.session_date,
		orientations: s.orientations,
		diagnostic: s.diagnostic,
		presented: presented
			.map((p) => ({
				groupId: p.group_id,
				groupName: p.name,
				period: p.period,
				periodLabel: periodLabel(p.period)
			}))
			.sort((a, b) => b.period.localeCompare(a.period) || compareFr(a.groupName, b.groupName)),
		updatedAt: s.updated_at
	};
}

async function checkedPresentations(db: Db, code: string, input: PlenaryInput) {
	const allowed = new Map((await plenaryCandidates(db, code)).map((c) => [c.key, c]));
	const keys = [...new Set(input.presented)];
	for (const k of keys) if (!allowed.has(k)) throw new UnknownPresentation();
	return keys.map((k) => allowed.get(k) as PlenaryCandidate);
}

/** The columns a session's form sets, stamped with who wrote them and when. */
function sessionFields(input: PlenaryInput, actorId: string | null, at: string) {
	return {
		session_date: input.date,
		orientations: input.orientations,
		diagnostic: input.diagnostic,
		updated_by: actorId,
		updated_at: at
	};
}

async function insertPresentations(
	trx: Transaction<Database>,
	sessionId: string,
	presented: PlenaryCandidate[]
): Promise<void> {
	if (presented.length)
		await trx
			.insertInto('plenary_presentations')
			.values(
				presented.map((p) => ({ session_id: sessionId, group_id: p.groupId, period: p.period }))
			)
			.execute();
}

/** Records a session; throws `UnknownPresentation` for a bilan the commune cannot present. */
export async function createSession(
	db: Db,
	code: string,
	input: PlenaryInput,
	actorId: string | null,
	now = new Date()
): Promise<string> {
	const presented = await checkedPresentations(db, code, input);
	const id = randomUUID();
	const at = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('plenary_sessions')
			.values({
				id,
				commune_code: code,
				created_by: actorId,
				created_at: at,
				...sessionFields(input, actorId, at)
			})
			.execute();
		await insertPresentations(trx, id, presented);
	});
	return id;
}

/** Replaces a session's date, texts and presented bilans; false when it is not the commune's. */
export async function updateSession(
	db: Db,
	code: string,
	id: string,
	input: PlenaryInput,
	actorId: string | null,
	now = new Date()
): Promise<boolean> {
	const presented = await checkedPresentations(db, code, input);
	return db.transaction().execute(async (trx) => {
		const r = await trx
			.updateTable('plenary_sessions')
			.set(sessionFields(input, actorId, now.toISOString()))
			.where('id', '=', id)
			.where('commune_code', '=', code)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) !== 1) return false;
		await trx.deleteFrom('plenary_presentations').where('session_id', '=', id).execute();
		await insertPresentations(trx, id, presented);
		return true;
	});
}

/** When each group's bilan of the period was first presented in a plenary (any commune's). */
export async function presentationDates(
	db: Db,
	groupIds: string[],
	period: string
): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	if (!groupIds.length) return out;
	const rows = await db
		.selectFrom('plenary_presentations as p')
		.innerJoin('plenary_sessions as s', 's.id', 'p.session_id')
		.select(['p.group_id', 's.session_date'])
		.where('p.group_id', 'in', groupIds)
		.where('p.period', '=', period)
		.execute();
	for (const r of rows) {
		const seen = out.get(r.group_id);
		if (!seen || r.session_date < seen) out.set(r.group_id, r.session_date);
	}
	return out;
}
