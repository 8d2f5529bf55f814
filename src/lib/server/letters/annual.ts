// Why: the incident letters reach the annual CDP bilan only as a small protected table set of the
// département (never per group, never to an élu): letters by direction × reason, by direction ×
// reply delay band and by direction × closure delay band, linked by their direction and grand
// totals, protected with the disclosure module's public API (primary and secondary suppression,
// then the attacker's LP audit). A year is published once, on 1 April of the next year: its coded
// letters (no group, no text) are stored then and every later request protects that snapshot with
// the deployment's k and width, so the published tables never move when letters are edited later
// (two versions could be differenced) and are a pure function of the snapshot, k and the width.
import type { Kysely } from 'kysely';
import {
	cellKey,
	defineTables,
	protect,
	type ProtectionStatus,
	type CrossTableSpec,
	type Model
} from '$lib/disclosure';
import {
	CLOSURE_BANDS,
	closureBand,
	daysBetween,
	DIRECTIONS,
	REASONS,
	REPLY_BANDS,
	replyBand,
	type ClosureBand,
	type ReplyBand
} from '$lib/letters';
import type { Database } from '../db/schema';
import { getSettings } from '../settings';
import { todayInParis } from '../departement/campaigns/timer';
import { HIDDEN, type ExportCell, type ExportTable } from '../exports/table';
import { formatDate } from '$lib/format';
import type { LetterCell, LetterRow, LetterShare, LettersBilan } from '$lib/letters';

export type { LetterCell, LetterRow, LetterShare, LettersBilan };

type Db = Kysely<Database>;

/** One letter as published: codes and bands only. */
export interface PublishedLetter {
	direction: string;
	reason: string;
	reply: ReplyBand;
	closure: ClosureBand;
}

const MEASURE = 'lettres';

/** The day a year's letters are published, and the day their replies and closures are read at. */
export const publishOn = (year: number) => `${year + 1}-04-01`;
export const asOfDate = (year: number) => `${year + 1}-03-31`;

/** The year's letters of the département's groups, coded as at the cutoff (canonical order). */
export async function codedLetters(
	db: Db,
	departement: string,
	year: number
): Promise<PublishedLetter[]> {
	const asOf = asOfDate(year);
	const rows = await db
		.selectFrom('incident_letters')
		.innerJoin('groups', 'groups.id', 'incident_letters.group_id')
		.select([
			'incident_letters.letter_date',
			'incident_letters.direction',
			'incident_letters.reason',
			'incident_letters.reply_date',
			'incident_letters.closed_date'
		])
		.where('groups.departement', '=', departement)
		.where('incident_letters.letter_date', '>=', `${year}-01-01`)
		.where('incident_letters.letter_date', '<=', `${year}-12-31`)
		.execute();
	const at = (d: string | null, from: string) => (d && d <= asOf ? daysBetween(from, d) : null);
	return rows
		.map((r) => ({
			direction: r.direction,
			reason: r.reason,
			reply: replyBand(at(r.reply_date, r.letter_date)),
			closure: closureBand(at(r.closed_date, r.letter_date))
		}))
		.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * The year's published letters: stored at the first request from `publishOn(year)` (insert or
 * ignore, then read back, so concurrent servers all serve the one kept), null before.
 */
export async function publishedLetters(
	db: Db,
	departement: string,
	year: number,
	today = todayInParis()
): Promise<{ letters: PublishedLetter[]; publishedAt: string } | null> {
	if (today < publishOn(year)) return null;
	const read = () =>
		db
			.selectFrom('letter_publications')
			.select(['letters_json', 'published_at'])
			.where('departement', '=', departement)
			.where('year', '=', year)
			.executeTakeFirst();
	let row = await read();
	if (!row) {
		const letters = await codedLetters(db, departement, year);
		await db
			.insertInto('letter_publications')
			.values({
				departement,
				year,
				letters_json: JSON.stringify(letters),
				published_at: new Date().toISOString()
			})
			.onConflict((oc) => oc.columns(['departement', 'year']).doNothing())
			.execute();
		row = await read();
	}
	if (!row) throw new Error('letter publication not kept');
	return {
		letters: JSON.parse(row.letters_json) as PublishedLetter[],
		publishedAt: row.published_at
	};
}

/** The three linked tables of a year's letters (counts by direction × reason, reply band, closure band). */
export function letterSpecs(letters: PublishedLetter[]): CrossTableSpec[] {
	const count = (field: 'reason' | 'reply' | 'closure') => {
		const m = new Map<string, number>();
		for (const l of letters) {
			const key = `${l.direction}|${l[field]}`;
			m.set(key, (m.get(key) ?? 0) + 1);
		}
		return m;
	};
	const direction = { name: 'sens', values: DIRECTIONS.codes };
	return [
		{
			name: 'lettres-motif',
			measure: MEASURE,
			dims: [direction, { name: 'motif', values: REASONS.codes }],
			counts: count('reason')
		},
		{
			name: 'lettres-reponse',
			measure: MEASURE,
			dims: [direction, { name: 'reponse', values: REPLY_BANDS.codes }],
			counts: count('reply')
		},
		{
			name: 'lettres-cloture',
			measure: MEASURE,
			dims: [direction, { name: 'cloture', values: CLOSURE_BANDS.codes }],
			counts: count('closure')
		}
	];
}

export interface ProtectedLetters {
	model: Model;
	statuses: Map<string, ProtectionStatus>;
	withdrawn: boolean;
}

/** The protected set: deterministic in the letters, k and the width. */
export async function protectLetters(
	letters: PublishedLetter[],
	k: number,
	width: number
): Promise<ProtectedLetters> {
	const model = defineTables(letterSpecs(letters));
	const result = await protect(model, {
		k,
		protectionWidth: width,
		// as in the joint set: the intruder sees which cells are hidden (so knows them ≥ 1), not why
		statusKnowledge: false,
		hiddenNonZero: true,
		groupWhole: false,
		maxIterations: 20,
		timeLimitMs: 30_000
	});
	if (result.ok) return { model, statuses: result.statuses, withdrawn: false };
	// Not protectable: every non-zero count hidden. With no published non-zero cell, no hidden
	// cell has an upper bound, whatever the relations.
	const statuses = new Map<string, ProtectionStatus>(
		model.keys.map((key, i) => [key, model.values[i] === 0 ? 'published' : 'hidden-secondary'])
	);
	return { model, statuses, withdrawn: true };
}

const cache = new Map<string, Promise<ProtectedLetters>>();

function cached(letters: PublishedLetter[], k: number, width: number) {
	const key = `${k}|${width}|${JSON.stringify(letters)}`;
	let hit = cache.get(key);
	if (!hit) {
		if (cache.size > 50) cache.clear();
		hit = protectLetters(letters, k, width);
		hit.catch(() => cache.delete(key));
		cache.set(key, hit);
	}
	return hit;
}

export function cellOf(p: ProtectedLetters, coords: Record<string, string>): LetterCell {
	const key = cellKey(MEASURE, coords);
	const i = p.model.index.get(key);
	if (i === undefined) throw new Error(`unknown letter cell ${key}`);
	const published = (p.statuses.get(key) ?? 'published') === 'published';
	return published
		? { value: p.model.values[i], status: 'published' }
		: { value: null, status: 'hidden' };
}

function rows(
	p: ProtectedLetters,
	dim: string,
	bands: { codes: readonly string[]; labels: Record<string, string> }
): LetterRow[] {
	return bands.codes.map((code) => {
		const cells: Record<string, LetterCell> = { total: cellOf(p, { [dim]: code }) };
		for (const d of DIRECTIONS.codes) cells[d] = cellOf(p, { sens: d, [dim]: code });
		return { code, label: bands.labels[code], cells };
	});
}

/** The annual bilan's section on incident letters, for the analyst and the admin. */
export async function lettersBilan(
	db: Db,
	departement: string,
	year: number,
	today = todayInParis()
): Promise<LettersBilan> {
	const pub = await publishedLetters(db, departement, year, today);
	if (!pub) return { year, published: false, publishOn: publishOn(year) };
	const settings = await getSettings(db);
	const k = settings.disclosureThreshold;
	const p = await cached(pub.letters, k, settings.protectionWidth);
	const byReply = rows(p, 'reponse', REPLY_BANDS);
	const share = (code: string, label: string, key: string): LetterShare => {
		const all = key === 'total' ? cellOf(p, {}) : cellOf(p, { sens: key });
		const none = byReply[0].cells[key];
		const hidden = all.status !== 'published' || none.status !== 'published';
		return {
			code,
			label,
			ratio: hidden || !all.value ? null : (all.value - (none.value ?? 0)) / all.value,
			hidden
		};
	};
	const directions = DIRECTIONS.codes.map((code) => ({ code, label: DIRECTIONS.labels[code] }));
	return {
		year,
		published: true,
		publishedAt: pub.publishedAt,
		asOf: asOfDate(year),
		k,
		directions,
		total: cellOf(p, {}),
		byReason: rows(p, 'motif', REASONS),
		byReply,
		byClosure: rows(p, 'cloture', CLOSURE_BANDS),
		answered: [
			...directions.map((d) => share(d.code, d.label, d.code)),
			share('total', 'Ensemble', 'total')
		],
		withdrawn: p.withdrawn
	};
}

/** The section as one export table (CSV/XLSX through the one writer): hidden cells carry no value. */
export function lettersTable(b: LettersBilan, scopeLabel: string): ExportTable {
	const title = `Lettres d’incident ${b.year}`;
	if (!b.published)
		return {
			title,
			columns: [{ header: 'Information' }],
			rows: [
				[`Les lettres d’incident de ${b.year} seront publiées le ${formatDate(b.publishOn)}.`]
			],
			notes: [`${scopeLabel}.`]
		};
	const cell = (c: LetterCell): ExportCell => (c.status === 'published' ? c.value : HIDDEN);
	const block = (name: string, rows: LetterRow[]) =>
		rows.map((r) => [
			name,
			r.label,
			...b.directions.map((d) => cell(r.cells[d.code])),
			cell(r.cells.total)
		]);
	return {
		title,
		columns: [
			{ header: 'Tableau' },
			{ header: 'Catégorie' },
			...b.directions.map((d) => ({ header: d.label, kind: 'count' as const })),
			{ header: 'Ensemble', kind: 'count' }
		],
		rows: [
			...block('Motif', b.byReason),
			...block('Délai de réponse', b.byReply),
			...block('Délai de clôture', b.byClosure)
		],
		notes: [
			`${scopeLabel} — lettres d’incident de ${b.year} (protocole, §4), réponses et clôtures au ${formatDate(b.asOf)}.`
		]
	};
}
