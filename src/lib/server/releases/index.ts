// Releases as the app serves them: built once per (audience, scope, period, k, width, data
// version), cached in memory (any server can rebuild them: the cache is not state), with the
// previous period's mask carried over so the hidden pattern stays stable from one period to the
// next. A release is a function of the data and the settings only: the mask carried over is
// always the previous period's own base mask (built without a mask of its own), never whatever
// version of it the cache happens to hold.
import type { Kysely } from 'kysely';
import { parsePeriod } from '$contracts/codes';
import type { Audience, Release } from '$lib/release';
import type { Database } from '../db/schema';
import { getSettings } from '../settings';
import { logger } from '../logger';
import { buildRelease, dataVersion, groupsInScope, ReleaseRefused } from './build';

export { ReleaseRefused } from './build';

interface Entry {
	release: Release;
	mask: string[];
}

const MAX_ENTRIES = 300;
const cache = new Map<string, Promise<Entry>>();

// Checking the data version costs a few queries; a release checked less than a second ago is
// served as is (hot endpoints answer from memory). Submissions stored by this process bump the
// generation, so its own writes are seen at once; other servers see them within the second.
const FRESH_MS = 1000;
const checked = new Map<string, { at: number; cacheKey: string; generation: number }>();
let generation = 0;

/** Called after data that releases are built from has changed (a stored submission). */
export function releasesMayHaveChanged(): void {
	generation++;
}

function remember(key: string, value: Promise<Entry>) {
	cache.delete(key);
	cache.set(key, value);
	while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
	value.catch(() => cache.delete(key));
}

/** The period just before (same granularity), for the stable mask and the change figures. */
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

async function entry(db: Kysely<Database>, key: ReleaseKey, depth: number): Promise<Entry> {
	const scopeKey = `${key.audience}|${key.scope}|${key.period}|${depth > 0 ? 'chained' : 'base'}`;
	const fresh = checked.get(scopeKey);
	if (fresh && fresh.generation === generation && performance.now() - fresh.at < FRESH_MS) {
		const hit = cache.get(fresh.cacheKey);
		if (hit) return hit;
	}
	const seen = generation;
	const { disclosureThreshold: k, protectionWidth: width } = await getSettings(db);
	const groups = await groupsInScope(db, key.audience, key.scope);
	const version = await dataVersion(
		db,
		groups.map((g) => g.id),
		key.period
	);
	// Group names and communes are printed in the release: a rename must not be served stale.
	const cacheKey = `${scopeKey}|${k}|${width}|${version}|${JSON.stringify(groups)}`;
	checked.set(scopeKey, { at: performance.now(), cacheKey, generation: seen });
	if (checked.size > MAX_ENTRIES) checked.delete(checked.keys().next().value as string);
	const hit = cache.get(cacheKey);
	if (hit) {
		remember(cacheKey, hit);
		return hit;
	}
	const built = (async () => {
		const previous = previousPeriod(key.period);
		const previousMask =
			depth > 0 && previous
				? (await entry(db, { ...key, period: previous }, depth - 1).catch(() => null))?.mask
				: undefined;
		const result = await buildRelease(db, { ...key, k, width, previousMask });
		logger.info(
			{
				audience: key.audience,
				scope: key.scope,
				period: key.period,
				cells: result.release.stats.cells,
				hidden: result.mask.length,
				ms: result.release.stats.buildMs
			},
			'release built'
		);
		return { release: result.release, mask: result.mask };
	})();
	remember(cacheKey, built);
	return built;
}

/** The protected release of an audience for a period (audited; refused if the audit fails). */
export async function getRelease(db: Kysely<Database>, key: ReleaseKey): Promise<Release> {
	return (await entry(db, key, 1)).release;
}

export function clearReleaseCache(): void {
	cache.clear();
	checked.clear();
}

export function isReleaseRefused(e: unknown): e is ReleaseRefused {
	return e instanceof ReleaseRefused;
}
