// Releases as the app serves them: cut from their département-year's protected table set, which
// is built once per (département, year, k, width, data version) in a worker thread and cached in
// memory (any server can rebuild it: the cache is not state). A release is a function of the
// data and the settings only, whatever the request order: every release of a year is cut from
// the same protected set (see ARCHITECTURE.md, « Secret statistique »).
import type { Kysely } from 'kysely';
import { parsePeriod } from '$contracts/codes';
import type { Audience, Release } from '$lib/release';
import type { Database } from '../db/schema';
import { getSettings } from '../settings';
import { logger } from '../logger';
import { periodsOf, ReleaseRefused } from './build';
import { cutRelease } from './joint/cut';
import { loadRows, loadYear, loadYearIndex, snapshotIds, type YearData } from './joint/load';
import { makePlan, type Plan, type RowSource } from './joint/plan';
import { protectInWorker } from './joint/runner';
import type { TableSet } from './joint/table-set';
import type { Publication } from './publications';

export { ReleaseRefused } from './build';

const MAX_SETS = 12;
const MAX_RELEASES = 300;
const sets = new Map<string, Promise<TableSet>>();
const releases = new Map<string, Promise<Release>>();

// Checking the data version costs a few queries; a year checked less than a second ago is served
// as is (hot endpoints answer from memory). Submissions stored by this process bump the
// generation, so its own writes are seen at once; other servers see them within the second.
const FRESH_MS = 1000;
const checked = new Map<
	string,
	{ at: number; generation: number; index: Omit<YearData, 'rows'>; key: string }
>();
let generation = 0;

/** Called after data that releases are built from has changed (a stored submission). */
export function releasesMayHaveChanged(): void {
	generation++;
}

function remember<T>(map: Map<string, Promise<T>>, key: string, value: Promise<T>, max: number) {
	map.delete(key);
	map.set(key, value);
	while (map.size > max) map.delete(map.keys().next().value as string);
	value.catch(() => map.delete(key));
}

/** The period just before (same granularity), for the change figures. */
export function previousPeriod(code: string): string | null {
	const p = parsePeriod(code);
	if (!p) return null;
	const part = code.split('-')[1];
	if (!part) return String(p.year - 1);
	const n = Number(part[1]);
	if (part[0] === 'S') return n === 1 ? `${p.year - 1}-S2` : `${p.year}-S1`;
	return n === 1 ? `${p.year - 1}-T4` : `${p.year}-T${n - 1}`;
}

export interface ReleaseKey {
	audience: Audience;
	scope: string;
	period: string;
}

/** Short stable hash (FNV-1a) of a text. */
function fnv(text: string): string {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return (h >>> 0).toString(36);
}

async function departementOf(db: Kysely<Database>, key: ReleaseKey): Promise<string> {
	if (key.audience === 'departement') return key.scope;
	const row = await db
		.selectFrom('communes')
		.select('departement')
		.where('code', '=', key.scope)
		.executeTakeFirst();
	if (!row) throw new ReleaseRefused(`Périmètre inconnu : ${key.scope}`);
	return row.departement;
}

/** The département-year's groups, communes and submissions, checked at most once a second. */
async function yearIndex(db: Kysely<Database>, departement: string, year: string, k: number) {
	const id = `${departement}|${year}`;
	const fresh = checked.get(id);
	if (fresh && fresh.generation === generation && performance.now() - fresh.at < FRESH_MS) {
		return fresh;
	}
	const seen = generation;
	const index = await loadYearIndex(db, departement, year);
	if (!index) throw new ReleaseRefused(`Périmètre inconnu : ${departement}`);
	// group names and communes are printed in releases: a rename must not be served stale
	const version = fnv(
		JSON.stringify([
			index.snapshot,
			index.groups,
			[...index.communes.values()],
			k,
			[...index.publications.values()],
			index.frozenPlan
		])
	);
	const entry = { at: performance.now(), generation: seen, index, key: version };
	checked.set(id, entry);
	if (checked.size > MAX_RELEASES) checked.delete(checked.keys().next().value as string);
	return entry;
}

function tableSet(
	db: Kysely<Database>,
	index: Omit<YearData, 'rows'>,
	year: string,
	period: string,
	k: number,
	width: number,
	yearKey: string
): Promise<TableSet> {
	const key = `${yearKey}|${period}`;
	const hit = sets.get(key);
	if (hit) {
		remember(sets, key, hit, MAX_SETS);
		return hit;
	}
	const built = (async () => {
		const rows = await loadRows(db, snapshotIds(index.snapshot));
		const plan = yearPlanOf(index, year, rows, k);
		const set = await protectInWorker({ year, period, ...index, rows, plan, width });
		const { perBlock: _, ...stats } = set.stats;
		logger.info(
			{ departement: index.departement.code, period, ...stats, ok: set.ok },
			'table set protected'
		);
		return set;
	})();
	remember(sets, key, built, MAX_SETS);
	return built;
}

/** The year's plan: its regroupings and withheld groups as fixed by its first publication. */
function yearPlanOf(index: Omit<YearData, 'rows'>, year: string, rows: RowSource, k: number): Plan {
	const plan = makePlan(year, index.groups, index.communes, index.snapshot, rows, k);
	const frozen = index.frozenPlan;
	if (!frozen || frozen.k !== k) return plan;
	const { recode, collapsed, epciMerges, dropped, withheld } = frozen;
	return { ...plan, recode, collapsed, epciMerges, dropped, withheld };
}

/** The plan a new publication of the year records: the one releases are cut from today. */
export async function currentYearPlan(
	db: Kysely<Database>,
	departement: string,
	year: string
): Promise<Plan> {
	const { disclosureThreshold: k } = await getSettings(db);
	const data = await loadYear(db, departement, year);
	if (!data) throw new ReleaseRefused(`Périmètre inconnu : ${departement}`);
	return yearPlanOf(data, year, data.rows, k);
}

/** The protected release of an audience for a period (refused if the year's audit fails). */
export async function getRelease(db: Kysely<Database>, key: ReleaseKey): Promise<Release> {
	const { disclosureThreshold: k, protectionWidth } = await getSettings(db);
	const width = Math.max(2, protectionWidth);
	const departement = await departementOf(db, key);
	const year = key.period.slice(0, 4);
	const { index, key: version } = await yearIndex(db, departement, year, k);
	const setKey = `${departement}|${year}|${k}|${width}|${version}`;
	const releaseKey = `${key.audience}|${key.scope}|${key.period}|${setKey}`;
	const hit = releases.get(releaseKey);
	if (hit) {
		remember(releases, releaseKey, hit, MAX_RELEASES);
		return hit;
	}
	const built = (async () => {
		// a year's figures are sums of its periods' (and its annual files'), each protected alone
		const parts = key.period === year ? yearParts(index.snapshot, year) : [key.period];
		const built = await Promise.all(
			parts.map((p) => tableSet(db, index, year, p, k, width, setKey))
		);
		if (built.some((s) => !s.ok)) {
			throw new ReleaseRefused(
				'La publication a été bloquée : le contrôle du secret statistique n’a pas pu protéger toutes les cases.'
			);
		}
		const sets = new Map(parts.map((p, i) => [p, built[i]]));
		const groups = index.groups.filter(
			(g) => key.audience === 'departement' || g.communes.includes(key.scope)
		);
		const ids = groups.map((g) => g.id);
		const periods = periodsOf(key.period);
		const submissions = await submissionsInForce(db, ids, periods, index.publications);
		const [versions, seances] = submissions.length
			? await Promise.all([
					db
						.selectFrom('submissions')
						.select(['group_id', 'kind', 'version'])
						.where('id', 'in', submissions)
						.execute(),
					db
						.selectFrom('seance_rows as r')
						.innerJoin('submissions as s', 's.id', 'r.submission_id')
						.select([
							's.group_id',
							'r.ordre_du_jour_prealable',
							'r.compte_rendu',
							'r.evaluation_strategies_precedentes'
						])
						.where('s.id', 'in', submissions)
						.where('s.kind', '=', 'seances')
						.execute()
				])
			: [[], []];
		const byGroup = new Map<string, Record<string, number>>();
		for (const v of versions) {
			const entry = byGroup.get(v.group_id) ?? {};
			entry[v.kind] = v.version;
			byGroup.set(v.group_id, entry);
		}
		return cutRelease({
			...key,
			year,
			departement: index.departement,
			groups: index.groups,
			communes: index.communes,
			sets,
			k,
			dataVersion: version,
			versions: byGroup,
			seances: seances.map((s) => ({
				...s,
				ordre_du_jour_prealable: Number(s.ordre_du_jour_prealable),
				compte_rendu: Number(s.compte_rendu)
			}))
		});
	})();
	remember(releases, releaseKey, built, MAX_RELEASES);
	return built;
}

/** The parts a year's figures are summed from: its periods with files, and its annual files. */
function yearParts(snapshot: Omit<YearData, 'rows'>['snapshot'], year: string): string[] {
	const out = new Set<string>();
	for (const byPeriod of Object.values(snapshot)) {
		for (const [p, kinds] of Object.entries(byPeriod)) {
			if (kinds.situations || kinds.incidents) out.add(p);
		}
	}
	return out.size ? [...out].sort() : [year];
}

/** Ids of the submissions a release reads: the published versions of a published period, else
 * the latest ones. */
async function submissionsInForce(
	db: Kysely<Database>,
	groupIds: string[],
	periods: string[],
	publications: Map<string, Publication>
): Promise<string[]> {
	const out: string[] = [];
	const open = periods.filter((p) => !publications.has(p));
	for (const p of periods) {
		const pub = publications.get(p);
		if (!pub) continue;
		for (const g of groupIds) out.push(...Object.values(pub.ids[g] ?? {}));
	}
	if (groupIds.length && open.length) {
		const rows = await db
			.selectFrom('submissions')
			.select('id')
			.where('group_id', 'in', groupIds)
			.where('period', 'in', open)
			.where('status', '=', 'submitted')
			.execute();
		out.push(...rows.map((r) => r.id));
	}
	return out;
}

export function clearReleaseCache(): void {
	sets.clear();
	releases.clear();
	checked.clear();
}

export function isReleaseRefused(e: unknown): e is ReleaseRefused {
	return e instanceof ReleaseRefused;
}
