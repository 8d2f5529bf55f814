// Why: a département-year's index (groups, communes, submissions, publications) and its rows and
// plan are read by the release cache (index.ts) and by whoever publishes a period (publish.ts,
// campaigns/store.ts), which records the year's plan as releases read it. Kept below both, so
// that publishing never imports the release cache. Checked copies are dropped at once on any
// change this server commits (events.ts) and, through the release cache, on the database's
// announcements.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { onDataChanged } from '../events';
import { getSettings } from '../settings';
import { loadRows, loadYearIndex, type YearData } from './joint/load';
import { makePlan, type Plan, type RowSource } from './joint/plan';
import { ReleaseRefused } from './build';

/** Département-years whose rows and plan are kept (and served lately, see index.ts). */
export const MAX_YEARS = 8;
/** Checked year indexes kept (one per département-year and k). */
const MAX_CHECKED = 300;
/** The year's rows and plan, by year version (département, year, its submissions, groups, k). */
const prepared = new Map<string, Promise<Prepared>>();
/** Rows of the submissions of each département-year last read (rows of a version never change). */
const rowCache = new Map<string, RowSource>();

/** Submissions whose rows are read in one query (a few hundred rows each). */
const ROW_BATCH = 8;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Prepared {
	rows: RowSource;
	plan: Plan;
	/** what every set of the year depends on besides its period's files */
	planKey: string;
}

// Checking the data version costs a few queries; a year checked less than a second ago is served
// as is (hot endpoints answer from memory). Changes committed by this process bump the
// generation, so its own writes are seen at once; other servers' writes are announced by
// PostgreSQL (NOTIFY, see db/notify.ts) and seen at once too, or within the second if the
// announcement is lost.
const FRESH_MS = 1000;
export type YearEntry = { at: number; generation: number; index: YearIndex; key: string };
export type YearIndex = Omit<YearData, 'rows'>;
const checked = new Map<string, YearEntry>();
const checking = new Map<string, Promise<YearEntry>>();
let generation = 0;

/** The next reading of any year asks the database again (its data may have changed). */
export function markYearsStale(): void {
	generation++;
}

onDataChanged(markYearsStale);

export function clearYearData(): void {
	checked.clear();
	prepared.clear();
	rowCache.clear();
}

/** Keeps `value` under `key` as the most recent entry, dropping the oldest beyond `max`. */
export function remember<T>(
	map: Map<string, Promise<T>>,
	key: string,
	value: Promise<T>,
	max: number
) {
	map.delete(key);
	map.set(key, value);
	while (map.size > max) map.delete(map.keys().next().value as string);
	value.catch(() => map.delete(key));
}

/** Short stable hash (FNV-1a) of a text. */
export function fnv(text: string): string {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return (h >>> 0).toString(36);
}

/** The département-year's groups, communes and submissions, checked at most once a second. */
export async function yearIndex(
	db: Kysely<Database>,
	departement: string,
	year: string,
	k: number
): Promise<YearEntry> {
	const id = `${departement}|${year}|${k}`;
	const fresh = checked.get(id);
	if (fresh && fresh.generation === generation && performance.now() - fresh.at < FRESH_MS) {
		return fresh;
	}
	const seen = generation;
	// requests arriving together share one reading (made after the change they wait for)
	const flight = `${id}|${seen}`;
	const pending = checking.get(flight);
	if (pending) return pending;
	const load = (async () => {
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
		const before = checked.get(id);
		if (!before || before.generation <= seen) checked.set(id, entry);
		if (checked.size > MAX_CHECKED) checked.delete(checked.keys().next().value as string);
		return entry;
	})();
	checking.set(flight, load);
	void load.then(
		() => checking.delete(flight),
		() => checking.delete(flight)
	);
	return load;
}

/** The year's rows (only the submissions not read before are loaded) and its plan. */
export function prepare(
	db: Kysely<Database>,
	entry: YearEntry,
	year: string,
	k: number
): Promise<Prepared> {
	const { index } = entry;
	const id = `${index.departement.code}|${year}|${entry.key}`;
	const hit = prepared.get(id);
	if (hit) {
		remember(prepared, id, hit, MAX_YEARS);
		return hit;
	}
	const built = (async () => {
		const rows = await yearRows(db, index, year);
		const plan = yearPlanOf(index, year, rows, k);
		// group names are printed by releases, not protected: a rename rebuilds no set
		const groups = index.groups.map(({ name: _, ...g }) => g);
		const planKey = fnv(
			JSON.stringify([plan, index.departement, groups, [...index.communes.values()]])
		);
		return { rows, plan, planKey };
	})();
	remember(prepared, id, built, MAX_YEARS);
	return built;
}

/** The rows of the year's submissions: those read before from the cache, the others loaded. */
async function yearRows(db: Kysely<Database>, index: YearIndex, year: string): Promise<RowSource> {
	const cacheId = `${index.departement.code}|${year}`;
	const cached = rowCache.get(cacheId);
	const rows: RowSource = { situations: new Map(), incidents: new Map() };
	const missing = { situations: [] as string[], incidents: [] as string[] };
	for (const byPeriod of Object.values(index.snapshot)) {
		for (const kinds of Object.values(byPeriod)) {
			for (const measure of ['situations', 'incidents'] as const) {
				const file = kinds[measure];
				if (!file) continue;
				const known = cached?.[measure].get(file);
				if (known) rows[measure].set(file, known);
				else missing[measure].push(file);
			}
		}
	}
	// a few files at a time, the event loop free in between (SQLite reads block it)
	for (const measure of ['situations', 'incidents'] as const) {
		for (let i = 0; i < missing[measure].length; i += ROW_BATCH) {
			const files = missing[measure].slice(i, i + ROW_BATCH);
			const loaded = await loadRows(db, {
				situations: measure === 'situations' ? files : [],
				incidents: measure === 'incidents' ? files : []
			});
			for (const file of files) rows[measure].set(file, loaded[measure].get(file) ?? []);
			await yieldToRequests();
		}
	}
	rowCache.delete(cacheId);
	rowCache.set(cacheId, rows);
	while (rowCache.size > MAX_YEARS) rowCache.delete(rowCache.keys().next().value as string);
	return rows;
}

/** The year's plan: its regroupings and withheld groups as fixed by its first publication. */
function yearPlanOf(index: YearIndex, year: string, rows: RowSource, k: number): Plan {
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
	// the year's rows and plan as releases read them (cached: the close follows a release build)
	return (await prepare(db, await yearIndex(db, departement, year, k), year, k)).plan;
}
