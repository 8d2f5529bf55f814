// Every release of the demo (each commune that has groups and the département, each demo period)
// against an intruder who sees which cells are hidden (so, zeros being published, that each is at
// least 1) and knows k, and against the classic intruder; and what the JSON release
// and its Parquet payload carry: no hidden value (checked against counts recomputed here by SQL),
// no row-level data, no free text, no small count.
import { parquetReadObjects } from 'hyparquet';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteStore } from '../../../../tests/helpers/stores';
import { audit } from '$lib/disclosure';
import { OTHER_CODE, type Release, type ReleaseCell } from '$lib/release';
import type { Store } from '../db';
import { DEMO_DEPARTEMENT, DEMO_PERIODS, seedDemo } from '../demo/seed';
import { buildRelease } from './build';
import { releaseParquet } from './payload';

const K = 5;
const SITUATION_COLUMNS = [
	'problematique',
	'tranche_age',
	'sexe',
	'institution_pilote',
	'strategie',
	'evaluation',
	'statut',
	'information_interesse',
	'accord',
	'transmission_hors_groupe'
];
const INCIDENT_COLUMNS = ['sens', 'motif', 'suite'];

type Counts = Map<string, number>;

/** True counts by SQL: group → coordinate key ('var=code' pairs) → number of rows. */
async function trueCounts(store: Store, period: string) {
	const current = (kind: string) =>
		sql`select id, group_id from submissions where period = ${period} and kind = ${kind} and status = 'submitted'`;
	const byGroup = new Map<string, Counts>();
	const add = (group: string, key: string, n: number) => {
		const m = byGroup.get(group) ?? new Map<string, number>();
		m.set(key, (m.get(key) ?? 0) + n);
		byGroup.set(group, m);
	};
	const groupBy = async (table: string, kind: string, cols: string[], prefix: string) => {
		const select = cols.map((c) => (c === 'instance_type' ? 'g.instance_type' : `r.${c}`));
		const { rows } = await sql<Record<string, string | number>>`
			select s.group_id as group_id, ${sql.raw(select.map((c, i) => `${c} as c${i}`).join(', '))},
				count(*) as n
			from ${sql.table(table)} r
			join (${current(kind)}) s on s.id = r.submission_id
			join groups g on g.id = s.group_id
			group by s.group_id, ${sql.raw(select.join(', '))}`.execute(store.db);
		for (const r of rows) {
			const key = cols.map((c, i) => `${c}=${r[`c${i}`]}`).join('|');
			add(String(r.group_id), `${prefix}|${key}`, Number(r.n));
		}
	};
	const totals = async (table: string, kind: string, prefix: string) => {
		const { rows } = await sql<{ group_id: string; n: number }>`
			select s.group_id as group_id, count(*) as n from ${sql.table(table)} r
			join (${current(kind)}) s on s.id = r.submission_id group by s.group_id`.execute(store.db);
		for (const r of rows) add(r.group_id, `${prefix}|total`, Number(r.n));
	};
	await totals('situation_rows', 'situations', 'situations');
	await totals('incident_rows', 'incidents', 'incidents');
	for (const c of SITUATION_COLUMNS)
		await groupBy('situation_rows', 'situations', [c], 'situations');
	for (const c of INCIDENT_COLUMNS) await groupBy('incident_rows', 'incidents', [c], 'incidents');
	await groupBy('situation_rows', 'situations', ['tranche_age', 'sexe'], 'situations');
	await groupBy('situation_rows', 'situations', ['instance_type'], 'situations');
	await groupBy('situation_rows', 'situations', ['instance_type', 'problematique'], 'situations');
	return byGroup;
}

/** Groups counted in a unit of the release (residual units and EPCIs through `parent`). */
function groupsOf(release: Release, unit: string): string[] {
	if (unit === '*') return release.groups.map((g) => g.id);
	const members = new Set([unit]);
	for (let grew = true; grew;) {
		grew = false;
		for (const u of release.units) {
			if (u.parent !== null && members.has(u.parent) && !members.has(u.id)) {
				members.add(u.id);
				grew = true;
			}
		}
	}
	return release.groups
		.filter((g) =>
			release.audience === 'commune'
				? members.has(g.id)
				: members.has(g.communes.length === 1 ? g.communes[0] : `inter:${g.id}`)
		)
		.map((g) => g.id);
}

function trueValue(
	release: Release,
	counts: Map<string, Counts>,
	cell: Pick<ReleaseCell, 'measure' | 'unit' | 'variable' | 'code' | 'variable2' | 'code2'>
): number {
	const codesOf = (variable: string, code: string) =>
		code === OTHER_CODE ? (release.recoded?.[variable] ?? []) : [code];
	const keys: string[] = [];
	if (cell.variable === '*') keys.push(`${cell.measure}|total`);
	else if (cell.variable2 === null) {
		for (const c of codesOf(cell.variable, cell.code)) {
			keys.push(`${cell.measure}|${cell.variable}=${c}`);
		}
	} else {
		for (const a of codesOf(cell.variable, cell.code)) {
			for (const b of codesOf(cell.variable2, cell.code2 as string)) {
				keys.push(`${cell.measure}|${cell.variable}=${a}|${cell.variable2}=${b}`);
			}
		}
	}
	let n = 0;
	for (const g of groupsOf(release, cell.unit)) {
		for (const key of keys) n += counts.get(g)?.get(key) ?? 0;
	}
	return n;
}

describe('every release of the demo, against an intruder who knows the statuses', () => {
	const backend = sqliteStore();
	let store: Store;
	let communes: string[] = [];
	let freeText = new Set<string>();
	let references = new Set<string>();
	beforeAll(async () => {
		store = await backend.open();
		await seedDemo(store.db);
		const rows = await store.db
			.selectFrom('group_communes')
			.innerJoin('groups', 'groups.id', 'group_communes.group_id')
			.select('group_communes.commune_code')
			.where('groups.departement', '=', DEMO_DEPARTEMENT)
			.distinct()
			.execute();
		communes = rows.map((r) => r.commune_code).sort();
		const comments = await store.db
			.selectFrom('situation_rows')
			.select(['commentaire', 'ref_situation'])
			.execute();
		const descriptions = await store.db
			.selectFrom('incident_rows')
			.select('description')
			.where('description', 'is not', null)
			.execute();
		const bilans = await store.db
			.selectFrom('bilan_rows')
			.select(['faits_marquants', 'difficultes', 'bonnes_pratiques', 'perspectives'])
			.execute();
		freeText = new Set(
			[
				...comments.map((c) => c.commentaire),
				...descriptions.map((d) => d.description),
				...bilans.flatMap((b) => [
					b.faits_marquants,
					b.difficultes,
					b.bonnes_pratiques,
					b.perspectives
				])
			]
				.filter((t): t is string => typeof t === 'string' && t.trim().length > 0)
				.map((t) => t.trim())
		);
		references = new Set(comments.map((c) => c.ref_situation));
	}, 180_000);
	afterAll(() => backend.dispose());

	it('covers the whole demo', () => {
		expect(communes.length).toBeGreaterThanOrEqual(20);
		expect(freeText.size).toBeGreaterThan(30);
		expect(references.size).toBeGreaterThan(1000);
	});

	for (const period of DEMO_PERIODS) {
		it(`protects every release of ${period}`, async () => {
			const counts = await trueCounts(store, period);
			const targets: Array<['commune' | 'departement', string]> = [
				...communes.map((c): ['commune', string] => ['commune', c]),
				['departement', DEMO_DEPARTEMENT]
			];
			for (const [audience, scope] of targets) {
				const { release, protection } = await buildRelease(store.db, {
					audience,
					scope,
					period,
					k: K
				});
				expect(protection).not.toBeNull();
				const { model, statuses } = protection as NonNullable<typeof protection>;

				// (1) the intruder who sees which cells are hidden: width ≥ 2, upper ≥ value + 1; the
				// classic intruder as well
				const known = await audit(model, statuses, {
					k: K,
					hiddenNonZero: true,
					protectionWidth: 2,
					groupWhole: false,
					boundsFor: 'primary'
				});
				expect(known.failures, `${scope} ${period}`).toEqual([]);
				expect(known.cells.some((c) => c.exact)).toBe(false);
				const classic = await audit(model, statuses, {
					k: K,
					groupWhole: false,
					boundsFor: 'primary'
				});
				expect(classic.failures, `${scope} ${period} (classic)`).toEqual([]);

				// (2) hidden values: in neither the JSON release nor the Parquet payload
				const rows = await parquetReadObjects({
					file: releaseParquet(release).buffer as ArrayBuffer
				});
				expect(rows.length).toBe(release.cells.length);
				release.cells.forEach((cell, i) => {
					const truth = trueValue(release, counts, cell);
					const idx = model.index.get(modelKey(cell));
					expect(idx, modelKey(cell)).toBeDefined();
					expect(model.values[idx as number], JSON.stringify(cell)).toBe(truth);
					const row = rows[i];
					expect(row.unit).toBe(cell.unit);
					expect(row.status).toBe(cell.status);
					if (cell.status === 'published') {
						expect(cell.value).toBe(truth);
						expect(Number(row.value)).toBe(truth);
						// (4) no small count published
						expect(truth === 0 || truth >= K).toBe(true);
					} else {
						expect(cell.value).toBeNull();
						expect(row.value).toBeNull();
						expect(Object.values(cell)).not.toContain(truth);
						expect(Object.values(row)).not.toContain(truth);
					}
				});

				// (3) no row-level data (situation references), no free text (comments, incident
				// descriptions, bilans): no string of the release or of the payload is one of them
				const json = JSON.stringify(release);
				expect(json).not.toMatch(/commentaire|description|faits_marquants|ref_situation/);
				const strings = [...stringsOf(release), ...stringsOf(rows)];
				expect(strings.length).toBeGreaterThan(release.cells.length);
				for (const text of strings) {
					expect(freeText.has(text.trim()), text).toBe(false);
					expect(references.has(text), text).toBe(false);
				}
			}
		}, 120_000);
	}
});

function stringsOf(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			out.push(k);
			stringsOf(v, out);
		}
	}
	return out;
}

/** The model key of a release cell (the inverse of the builder's `cellOf`). */
function modelKey(cell: ReleaseCell): string {
	const parts: string[] = [];
	if (cell.unit !== '*') parts.push(`${cell.unitLevel}=${cell.unit}`);
	if (cell.variable !== '*') parts.push(`${cell.variable}=${cell.code}`);
	if (cell.variable2 !== null) parts.push(`${cell.variable2}=${cell.code2}`);
	parts.sort();
	return parts.length ? `${cell.measure}|${parts.join('|')}` : cell.measure;
}
