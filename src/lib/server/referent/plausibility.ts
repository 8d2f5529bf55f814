// Versions a referent must confirm before they are stored: one that deletes most of the rows of
// the version in force, or one with implausibly many situations (or incidents) for the population
// of the group's communes. The server decides (the browser only asks the question it is given),
// and the question carries the figures.
import type { Kysely } from 'kysely';
import type { TabularKind } from '$contracts/codes';
import { formatNumber, formatPercent, plural } from '$lib/format';
import type { Database } from '../db/schema';

export interface Confirmation {
	code: 'rows.drop' | 'rows.implausible';
	message: string;
}

/** A version keeping less than this share of the previous one's rows must be confirmed. */
export const DROP_SHARE = 0.5;
/** Below this many previous rows, a drop is ordinary. */
export const DROP_MIN_ROWS = 10;
/** More rows than this share of the population must be confirmed (demo groups: ~0.1 %). */
export const POPULATION_SHARE = 0.05;
/** Never asked below this many rows, whatever the population. */
export const IMPLAUSIBLE_MIN_ROWS = 50;

const NOUNS: Partial<Record<TabularKind, [string, string]>> = {
	situations: ['situation', 'situations'],
	incidents: ['incident', 'incidents']
};

/** The questions a version raises (pure: the figures are given). */
export function confirmationsFor(
	kind: TabularKind,
	rows: number,
	previousRows: number | null,
	population: number | null
): Confirmation[] {
	const out: Confirmation[] = [];
	if (previousRows !== null && previousRows >= DROP_MIN_ROWS && rows < previousRows * DROP_SHARE) {
		const gone = previousRows - rows;
		out.push({
			code: 'rows.drop',
			message: `Cette version supprime ${formatNumber(gone)} des ${plural(previousRows, 'ligne')} de la version en vigueur (${formatPercent(gone / previousRows)}) : il n’en resterait que ${formatNumber(rows)}. Envoyez-la seulement si ces lignes doivent vraiment disparaître du bilan.`
		});
	}
	const noun = NOUNS[kind];
	if (
		noun &&
		population !== null &&
		population > 0 &&
		rows >= IMPLAUSIBLE_MIN_ROWS &&
		rows > population * POPULATION_SHARE
	)
		out.push({
			code: 'rows.implausible',
			message: `${plural(rows, noun[0], noun[1])} pour ${plural(population, 'habitant')} dans les communes du groupe : ce nombre paraît invraisemblable. Vérifiez qu’il s’agit bien du fichier de ce groupe pour cette période.`
		});
	return out;
}

/** Population of the group's communes (null when unknown). */
export async function groupPopulation(
	db: Kysely<Database>,
	groupId: string
): Promise<number | null> {
	const row = await db
		.selectFrom('group_communes')
		.innerJoin('communes', 'communes.code', 'group_communes.commune_code')
		.select((eb) => eb.fn.sum<number>('communes.population').as('population'))
		.where('group_communes.group_id', '=', groupId)
		.executeTakeFirst();
	const n = Number(row?.population ?? 0);
	return n > 0 ? n : null;
}
