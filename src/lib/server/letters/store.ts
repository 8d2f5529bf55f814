// Why: the incident letters of one group, read and written only here, so every query is scoped
// by the group id the route has already checked; the list puts open letters first.
import type { Kysely } from 'kysely';
import type { Database, IncidentLetterTable } from '../db/schema';
import { daysBetween } from '$lib/letters';
import type { LetterForm } from './form';
import type { Letter } from '$lib/letters';

export type { Letter };

type Db = Kysely<Database>;

function toLetter(r: IncidentLetterTable, today: string): Letter {
	const open = r.closed_date === null;
	return {
		id: r.id,
		date: r.letter_date,
		direction: r.direction,
		institution: r.institution,
		reason: r.reason,
		note: r.note ?? '',
		replyDate: r.reply_date,
		closedDate: r.closed_date,
		days: daysBetween(r.letter_date, r.closed_date ?? today),
		open
	};
}

/** Open letters first (the oldest first: they wait longest), then closed ones, latest first. */
export async function listLetters(db: Db, groupId: string, today: string): Promise<Letter[]> {
	const rows = await db
		.selectFrom('incident_letters')
		.selectAll()
		.where('group_id', '=', groupId)
		.execute();
	const letters = rows.map((r) => toLetter(r, today));
	return letters.sort((a, b) =>
		a.open !== b.open
			? Number(b.open) - Number(a.open)
			: a.open
				? a.date.localeCompare(b.date) || a.id.localeCompare(b.id)
				: b.date.localeCompare(a.date) || a.id.localeCompare(b.id)
	);
}

export async function getLetter(
	db: Db,
	groupId: string,
	id: string,
	today: string
): Promise<Letter | null> {
	const r = await db
		.selectFrom('incident_letters')
		.selectAll()
		.where('group_id', '=', groupId)
		.where('id', '=', id)
		.executeTakeFirst();
	return r ? toLetter(r, today) : null;
}

const columns = (f: LetterForm) => ({
	letter_date: f.date,
	direction: f.sens,
	institution: f.institution,
	reason: f.motif,
	note: f.precisions === '' ? null : f.precisions,
	reply_date: f.date_reponse,
	closed_date: f.date_cloture
});

export async function createLetter(
	db: Db,
	groupId: string,
	form: LetterForm,
	actorId: string | null,
	id: string = crypto.randomUUID()
): Promise<string> {
	const now = new Date().toISOString();
	await db
		.insertInto('incident_letters')
		.values({
			id,
			group_id: groupId,
			...columns(form),
			created_by: actorId,
			created_at: now,
			updated_by: actorId,
			updated_at: now
		})
		.execute();
	return id;
}

/** False when the letter is not one of the group's. */
export async function updateLetter(
	db: Db,
	groupId: string,
	id: string,
	form: LetterForm,
	actorId: string | null
): Promise<boolean> {
	const res = await db
		.updateTable('incident_letters')
		.set({ ...columns(form), updated_by: actorId, updated_at: new Date().toISOString() })
		.where('group_id', '=', groupId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(res.numUpdatedRows) > 0;
}
