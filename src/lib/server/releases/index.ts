// Releases as the app serves them: cut from their département-year's protected table sets, one per
// period, each built once per (year's plan, period's submissions, width) by the worker pool and
// cached in memory (any server can rebuild it: the cache is not state). A release is a function of
// the data and the settings only, whatever the request order: every release of a year is cut from
// sets of one plan and one reading of the year's submissions (see ARCHITECTURE.md, « Secret
// statistique »). A change (this server's write, or another server's announced by the database)
// rebuilds the sets of the years this server serves at once, in the background, so that the
// next request finds them ready or nearly so; a server also warms the current year at start.
import type { Kysely } from 'kysely';
import type { Audience, Release } from '$lib/release';
import type { Database } from '../db/schema';
import { currentSubmissions } from '../submissions';
import { getSettings } from '../settings';
import { logger } from '../logger';
import { ReleaseRefused } from './build';
import { periodsOf } from '$contracts/period';
import { cutRelease } from './joint/cut';
import { onDataChange } from '../db/notify';
import { onDataChanged } from '../events';
import { protectInWorker, type Protection } from './joint/runner';
import { pruneSharedSets, sharedSet } from './shared';
import { PROTECTION_VERSION, type TableSet } from './joint/table-set';
import type { Publication } from './publications';
import { ensurePublished, PeriodNotPublished } from './publish';
import { periodCompleteness } from '../completeness';
import {
	clearYearData,
	fnv,
	markYearsStale,
	MAX_YEARS,
	prepare,
	remember,
	yearIndex,
	type YearEntry,
	type YearIndex
} from './year-data';

export { ReleaseRefused } from './build';
export { isPeriodNotPublished, PeriodNotPublished } from './publish';

const MAX_SETS = 24;
const MAX_RELEASES = 300;
const sets = new Map<string, Promise<TableSet>>();
/** Sets being built, by key: what puts one first when a request waits for it. */
const hurry = new Map<string, () => void>();
const releases = new Map<string, Promise<Release>>();
/** Département-years served lately, rebuilt in the background when their data change. */
const watched = new Map<string, { db: Kysely<Database>; departement: string; year: string }>();
const listening = new WeakSet<Kysely<Database>>();
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
/** département-year → periods known to have changed (built first) */
const refreshYears = new Map<string, Set<string>>();
/** When this server last heard of a change (for the logs: how long until the sets were ready). */
let changedAt = 0;

// This server's committed changes (the year indexes are read again, see year-data.ts). After a
// publication no set changes (a publication records the versions and the plan its sets were
// built from), so nothing is rebuilt; after any other change the watched years are.
onDataChanged((scope) => {
	if (scope === 'publication') return;
	changedAt = performance.now();
	// on PostgreSQL the database announces the change once committed (the rebuild starts then);
	// on SQLite this process is the only writer and reads wait for the transaction to end
	scheduleRefresh(null, null);
});

/** A change announced by the database: `table:period` (period empty when not a submission). */
function changed(payload: string): void {
	markYearsStale();
	changedAt = performance.now();
	const period = payload.startsWith('submissions:') ? payload.split(':')[1] || null : null;
	scheduleRefresh(period ? period.slice(0, 4) : null, period);
}

/** Rebuilds, in the background, the sets of the watched years that may have changed. */
function scheduleRefresh(year: string | null, period: string | null): void {
	for (const [id, w] of watched) {
		if (year && w.year !== year) continue;
		const periods = refreshYears.get(id) ?? new Set<string>();
		if (period) periods.add(period);
		refreshYears.set(id, periods);
	}
	if (refreshTimer || !refreshYears.size) return;
	refreshTimer = setTimeout(() => {
		refreshTimer = null;
		const ids = [...refreshYears];
		refreshYears.clear();
		for (const [id, periods] of ids) {
			const w = watched.get(id);
			if (w) void warmYear(w.db, w.departement, w.year, periods);
		}
	}, 5);
	refreshTimer.unref?.();
}

function watch(db: Kysely<Database>, departement: string, year: string): void {
	const id = `${departement}|${year}`;
	watched.delete(id);
	watched.set(id, { db, departement, year });
	while (watched.size > MAX_YEARS) watched.delete(watched.keys().next().value as string);
	if (!listening.has(db)) {
		listening.add(db);
		onDataChange(db, changed);
	}
}

/** Builds the sets of every period of a département-year not built yet for its current data. */
export async function warmYear(
	db: Kysely<Database>,
	departement: string,
	year: string,
	first: ReadonlySet<string> = new Set()
): Promise<void> {
	try {
		watch(db, departement, year);
		const { disclosureThreshold: k, protectionWidth } = await getSettings(db);
		const width = Math.max(2, protectionWidth);
		const entry = await yearIndex(db, departement, year, k);
		// the periods that changed first, then the latest first
		const parts = yearParts(entry.index.snapshot, year).sort(
			(a, b) => Number(first.has(b)) - Number(first.has(a)) || (a < b ? 1 : -1)
		);
		const setOf = await tableSets(db, entry, year, k, width);
		await Promise.all(parts.map((p) => setOf(p, false)));
	} catch (e) {
		logger.warn({ departement, year, err: String(e) }, 'table set warm-up failed');
	}
}

/** At start: the current year (the latest with submissions) of every département, one by one. */
export async function warmReleases(db: Kysely<Database>): Promise<void> {
	await pruneSharedSets(db);
	const rows = await currentSubmissions(db)
		.innerJoin('groups', 'groups.id', 'submissions.group_id')
		.select(['groups.departement', db.fn.max('submissions.period').as('period')])
		.groupBy('groups.departement')
		.execute();
	for (const r of rows) {
		if (r.period) await warmYear(db, r.departement, String(r.period).slice(0, 4));
	}
}

export interface ReleaseKey {
	audience: Audience;
	scope: string;
	period: string;
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

/** The set of each period of the year as read in `entry`: rebuilt only when the year's plan or
 * the period's own files changed. */
async function tableSets(
	db: Kysely<Database>,
	entry: YearEntry,
	year: string,
	k: number,
	width: number
): Promise<(period: string, urgent: boolean) => Promise<TableSet>> {
	const { index } = entry;
	const { rows, plan, planKey } = await prepare(db, entry, year, k);
	return (period, urgent) => {
		// in a fixed order: a period read from its publication is the same files as before it
		const files = Object.keys(index.snapshot)
			.sort()
			.map((g) => {
				const kinds = index.snapshot[g][period];
				return [g, kinds?.situations ?? null, kinds?.incidents ?? null];
			});
		// a published period is protected as it was published (its recorded version), for good:
		// a later version of the algorithm must not give the same cells a second hidden pattern
		const version = index.publications.get(period)?.protection ?? PROTECTION_VERSION;
		const key = `${index.departement.code}|${year}|${width}|${planKey}|${period}|${fnv(JSON.stringify(files))}|p${version}`;
		const hit = sets.get(key);
		if (hit) {
			remember(sets, key, hit, MAX_SETS);
			if (urgent) hurry.get(key)?.();
			return hit;
		}
		let protection: Protection | null = null;
		let hurried = urgent;
		hurry.set(key, () => {
			hurried = true;
			protection?.hurry();
		});
		// another server sharing the database may have built it, or be building it
		const built = sharedSet(db, key, async () => {
			protection = protectInWorker(
				{ year, period, ...index, rows, plan, width, protection: version },
				hurried
			);
			const set = await protection.done;
			const { perBlock: _, ...stats } = set.stats;
			logger.info(
				{
					departement: index.departement.code,
					period,
					...stats,
					ok: set.ok,
					sinceChange: changedAt ? Math.round(performance.now() - changedAt) : null
				},
				'table set protected'
			);
			return set;
		});
		void built.then(
			() => hurry.delete(key),
			() => hurry.delete(key)
		);
		remember(sets, key, built, MAX_SETS);
		return built;
	};
}

/**
 * The protected release of an audience for a period (refused if the year's audit fails), served
 * only once the period is published (recorded now if it is complete; `PeriodNotPublished`
 * otherwise). A year's release sums its published periods only.
 */
export async function getRelease(db: Kysely<Database>, key: ReleaseKey): Promise<Release> {
	return releaseOf(db, key, false);
}

/**
 * The release of the versions in force, published or not: for the analyst's check that a period
 * can be published (its set passes its audit), never served to an audience.
 */
export async function draftRelease(db: Kysely<Database>, key: ReleaseKey): Promise<Release> {
	return releaseOf(db, key, true);
}

/** Publishes the parts of the requested period that can be (see publish.ts); true if any was. */
async function publishParts(
	db: Kysely<Database>,
	departement: string,
	year: string,
	period: string,
	index: YearIndex
): Promise<boolean> {
	const parts = period === year ? yearParts(index.snapshot, year) : [period];
	let published = false;
	for (const p of parts) {
		if (index.publications.has(p)) continue;
		const { publication, completeness } = await ensurePublished(db, departement, p);
		if (publication) published = true;
		else if (period !== year) throw new PeriodNotPublished(completeness);
	}
	return published;
}

async function releaseOf(db: Kysely<Database>, key: ReleaseKey, draft: boolean): Promise<Release> {
	const { disclosureThreshold: k, protectionWidth } = await getSettings(db);
	const width = Math.max(2, protectionWidth);
	const departement = await departementOf(db, key);
	const year = key.period.slice(0, 4);
	watch(db, departement, year);
	let entry = await yearIndex(db, departement, year, k);
	if (!draft && (await publishParts(db, departement, year, key.period, entry.index))) {
		// read the publications just recorded (here or by another server) before cutting
		markYearsStale();
		entry = await yearIndex(db, departement, year, k);
	}
	const { index, key: version } = entry;
	const served = (p: string) => draft || index.publications.has(p);
	const parts = (key.period === year ? yearParts(index.snapshot, year) : [key.period]).filter(
		served
	);
	if (!parts.length)
		throw new PeriodNotPublished(await periodCompleteness(db, { departement }, key.period));
	const setKey = `${departement}|${year}|${k}|${width}|${version}`;
	const releaseKey = `${draft ? 'brouillon|' : ''}${key.audience}|${key.scope}|${key.period}|${setKey}`;
	const hit = releases.get(releaseKey);
	if (hit) {
		remember(releases, releaseKey, hit, MAX_RELEASES);
		return hit;
	}
	const built = (async () => {
		// a year's figures are sums of its periods' (and its annual files'), each protected alone
		const setOf = await tableSets(db, entry, year, k, width);
		const built = await Promise.all(parts.map((p) => setOf(p, true)));
		if (built.some((s) => !s.ok)) {
			throw new ReleaseRefused(
				'La publication a été bloquée : le contrôle du secret statistique n’a pas pu protéger toutes les cases.'
			);
		}
		const sets = new Map(parts.map((p, i) => [p, built[i]]));
		const groups = index.groups.filter(
			(g) => key.audience === 'departement' || g.communes.includes(key.scope)
		);
		const { versions, seances } = await releaseVersions(
			db,
			groups.map((g) => g.id),
			periodsOf(key.period).filter(served),
			index.publications
		);
		return cutRelease({
			...key,
			year,
			departement: index.departement,
			groups: index.groups,
			communes: index.communes,
			sets,
			k,
			dataVersion: version,
			versions,
			seances
		});
	})();
	remember(releases, releaseKey, built, MAX_RELEASES);
	return built;
}

/** The version of each kind each group's release reads, and the séance rows of those versions. */
async function releaseVersions(
	db: Kysely<Database>,
	groupIds: string[],
	periods: string[],
	publications: Map<string, Publication>
) {
	const submissions = await submissionsInForce(db, groupIds, periods, publications);
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
	return {
		versions: byGroup,
		seances: seances.map((s) => ({
			...s,
			ordre_du_jour_prealable: Number(s.ordre_du_jour_prealable),
			compte_rendu: Number(s.compte_rendu)
		}))
	};
}

/** The parts a year's figures are summed from: its periods with files, and its annual files. */
function yearParts(snapshot: YearIndex['snapshot'], year: string): string[] {
	const out = new Set<string>();
	for (const byPeriod of Object.values(snapshot)) {
		for (const [p, kinds] of Object.entries(byPeriod)) {
			if (kinds.situations || kinds.incidents) out.add(p);
		}
	}
	return out.size ? [...out].sort() : [year];
}

/** Ids of the submissions a release reads: the published versions of a published period, else
 * (a draft release only) the latest ones. */
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
		const rows = await currentSubmissions(db)
			.select('id')
			.where('group_id', 'in', groupIds)
			.where('period', 'in', open)
			.execute();
		out.push(...rows.map((r) => r.id));
	}
	return out;
}

export function clearReleaseCache(): void {
	sets.clear();
	releases.clear();
	clearYearData();
}

export function isReleaseRefused(e: unknown): e is ReleaseRefused {
	return e instanceof ReleaseRefused;
}
