// Why: the commune's name and the periods its groups sent are read by the plenary page, its
// access checks and the sessions store alike; kept apart so that the sessions store does not
// import the page it feeds (page.ts reads the sessions' presentation dates).
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { currentSubmissions } from '../submissions';

/** The commune's name; 404 for an unknown code (access was checked before). */
export async function communeName(db: Kysely<Database>, code: string): Promise<string> {
	const c = await db
		.selectFrom('communes')
		.select('nom')
		.where('code', '=', code)
		.executeTakeFirst();
	if (!c) error(404, 'Commune inconnue.');
	return c.nom;
}

/** Periods with at least one current submission of a group covering the commune, oldest first. */
export async function communePeriods(db: Kysely<Database>, code: string): Promise<string[]> {
	const rows = await currentSubmissions(db)
		.select('period')
		.distinct()
		.where(
			'group_id',
			'in',
			db.selectFrom('group_communes').select('group_id').where('commune_code', '=', code)
		)
		.execute();
	return rows.map((r) => r.period).sort();
}
