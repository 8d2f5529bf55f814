// Secret statistique: the joint protection of a département-year (one protected table set per
// period, every commune's bilan and the département's cut from it) and its union audit, on the
// demo (2025: S1 + S2) and on a synthetic département 10× larger (the demo's communes, EPCIs and
// groups copied 9 times under new codes, each copy's rows resampled with a fixed seed). Hidden
// cells are compared, on the same runs, with two baselines: the per-release builder (`build.ts`,
// each release protected alone: what the same audiences got before, demo only since it reads the
// database) and a naive rule on the same table set cells (every count 1..k−1 hidden, and for each
// the smallest other non-zero cell of every relation it is part of). Last, releases served from
// a warm cache by `getRelease`. The bench prints; it does not assert.
// The 10× département is also protected on the server's worker pool (`joint/runner.ts`), printed beside.
// Beside joint and naive, a floor (« plancher »): cells that no safe protection of the same cells
// can avoid hiding (`suppressionFloor` in src/lib/disclosure/floor.ts: the primary cells, the
// cells forced as the only possible second unknown of a relation, and one cell per relation of a
// disjoint family still needing one). When the floor is above the naive count, hiding fewer cells
// than the naive rule is impossible for any safe protection. A tighter floor follows the cascade
// through the secondaries (`patternFloor`, src/lib/disclosure/pattern-floor.ts: the smallest
// pattern meeting conditions every safe pattern meets, a MIP solved by HiGHS), printed three ways:
// under the width rule alone, with the audit's upper margin, and with the joint protection's
// small-territory rule too (BENCH_PATTERN_FLOOR=0 skips it, BENCH_PATTERN_FLOOR_MS bounds each program).
// BENCH_SECRET_QUICK=1 skips the per-release baseline, the pool and the cache (protection figures
// only; BENCH_SECRET_ONLY=demo: the demo alone); BENCH_PROTECTION=1 protects as before the publish-back pass (see PROTECTION_VERSION).
// Goals: demo < 5 s, 10× < 60 s, warm cache ≥ 1,000 req/s. Run alone: npx tsx bench/secret-statistique-bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rng } from '../data-contracts/generate';
import type { Store } from '../src/lib/server/db/index';
import type { YearData } from '../src/lib/server/releases/joint/load';
import type { Row } from '../src/lib/server/releases/joint/plan';
import type { SetCell, TableSet, TableSetInput } from '../src/lib/server/releases/joint/table-set';

// quiet logs (migrations, table sets built by getRelease): set before the config is first read
process.env.LOG_LEVEL ??= 'error';
const { migrate, openStore } = await import('../src/lib/server/db/index');
const { DEMO_DEPARTEMENT, seedDemo } = await import('../src/lib/server/demo/seed');
const { buildRelease } = await import('../src/lib/server/releases/build');
const { getRelease, clearReleaseCache } = await import('../src/lib/server/releases/index');
const { getSettings } = await import('../src/lib/server/settings');
const { cutRelease } = await import('../src/lib/server/releases/joint/cut');
const { loadYear } = await import('../src/lib/server/releases/joint/load');
const { groupsByCommune, makePlan } = await import('../src/lib/server/releases/joint/plan');
const { auditTableSet, nodeOf, protectTableSet, setContext, tableModel } =
	await import('../src/lib/server/releases/joint/table-set');
const { buildModel, suppressionFloor } = await import('../src/lib/disclosure/index');
const { patternFloor } = await import('../src/lib/disclosure/pattern-floor');
const { protectInWorker, RELEASE_WORKERS } =
	await import('../src/lib/server/releases/joint/runner');

const K = 5;
const WIDTH = 2;
const YEAR = '2025';
const SERVE_MS = Number(process.env.BENCH_SERVE_MS ?? 3000);
const QUICK = process.env.BENCH_SECRET_QUICK === '1';
/** Time limit of each smallest-pattern program (its proven dual bound is printed past it). */
const PATTERN_FLOOR_MS = Number(process.env.BENCH_PATTERN_FLOOR_MS ?? 30_000);
const PATTERN_FLOOR = process.env.BENCH_PATTERN_FLOOR !== '0';
const PROTECTION = process.env.BENCH_PROTECTION ? Number(process.env.BENCH_PROTECTION) : undefined;

const ms = (x: number) => (x < 10_000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(1)} s`);
const pct = (h: number, n: number) => `${h}/${n} (${((100 * h) / Math.max(1, n)).toFixed(1)} %)`;
const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '—');

/** The demo's year copied `times` times: new commune, EPCI, group and submission codes, each
 * copy's files resampled (0.6× to 1.4× their rows, drawn from the original file). */
function multiply(data: YearData, times: number, seed = 18): YearData {
	const rand = rng(seed);
	const communes = new Map(data.communes);
	const groups = [...data.groups];
	const snapshot = { ...data.snapshot };
	const rows = {
		situations: new Map(data.rows.situations),
		incidents: new Map(data.rows.incidents)
	};
	for (let i = 1; i < times; i++) {
		const x = (code: string) => `${code}-x${i}`;
		for (const c of data.communes.values()) {
			communes.set(x(c.code), {
				...c,
				code: x(c.code),
				nom: `${c.nom} (${i + 1})`,
				epci: c.epci && x(c.epci),
				epciNom: c.epciNom && `${c.epciNom} (${i + 1})`
			});
		}
		for (const g of data.groups) {
			groups.push({ ...g, id: x(g.id), name: `${g.name} (${i + 1})`, communes: g.communes.map(x) });
			const byPeriod: YearData['snapshot'][string] = {};
			for (const [period, kinds] of Object.entries(data.snapshot[g.id] ?? {})) {
				byPeriod[period] = {};
				for (const kind of ['situations', 'incidents'] as const) {
					const id = kinds[kind];
					if (!id) continue;
					const source = data.rows[kind].get(id) ?? [];
					const n = Math.round(source.length * (0.6 + 0.8 * rand()));
					const copy: Row[] = [];
					for (let r = 0; r < n && source.length; r++) {
						copy.push(source[Math.floor(rand() * source.length)]);
					}
					rows[kind].set(x(id), copy);
					byPeriod[period][kind] = x(id);
				}
			}
			snapshot[x(g.id)] = byPeriod;
		}
	}
	return {
		departement: data.departement,
		groups,
		communes,
		snapshot,
		rows,
		publications: new Map(),
		frozenPlan: null
	};
}

/** The protection input of one period of the year, at the bench's width and protection. */
function periodInput(data: YearData, plan: TableSetInput['plan'], period: string): TableSetInput {
	return { year: YEAR, period, ...data, plan, width: WIDTH, protection: PROTECTION };
}

/** The naive rule on the set's cells: each count 1..k−1 hidden, and for each, in every relation
 * it is part of (a row or a column of its tables), the smallest other published non-zero cell. */
function naiveCells(input: TableSetInput): Map<string, SetCell> {
	const { blocks, published } = tableModel(input);
	const k = input.plan.k;
	const small = (id: string) => {
		const v = published.get(id)?.value ?? 0;
		return v > 0 && v < k;
	};
	const hidden = new Set([...published.keys()].filter(small));
	for (const m of blocks.values()) {
		for (const r of m.relations) {
			const members = [r.total, ...r.parts];
			for (const id of members) {
				if (!small(id)) continue;
				let best: string | null = null;
				for (const o of members) {
					if (o === id || !published.has(o)) continue;
					const v = m.values.get(o) ?? 0;
					if (v > 0 && (best === null || v < (m.values.get(best) ?? 0))) best = o;
				}
				if (best !== null) hidden.add(best);
			}
		}
	}
	const out = new Map<string, SetCell>();
	for (const [id, p] of published) out.set(id, { value: p.value, hidden: hidden.has(id) });
	return out;
}

/** The floor of the set's cells (see the top of this file), and the must-hide cells that a
 * suppression pattern publishes (0 for any safe one: a check of the floor's argument). */
async function floorOf(input: TableSetInput, cells: Map<string, SetCell>) {
	const { blocks } = tableModel(input);
	const parts = [...blocks].map(([name, b]) => ({
		model: buildModel([
			{
				name,
				cells: [...b.values].map(([key, value]) => ({ key, value, coords: {}, depth: 0 })),
				relations: b.relations
			}
		]),
		latent: b.latent
	}));
	const f = suppressionFloor(parts, { k: input.plan.k, groupWhole: false });
	const published = [...f.mustHide].filter((id) => cells.get(id)?.hidden === false).length;
	const k = input.plan.k;
	const timeLimitMs = PATTERN_FLOOR_MS;
	const widthOnly = await patternFloor(parts, { k, width: WIDTH, upperMargin: false, timeLimitMs });
	const margin = await patternFloor(parts, { k, width: WIDTH, timeLimitMs });
	const rule = await patternFloor(parts, {
		k,
		width: WIDTH,
		mustHide: smallTerritory(input),
		timeLimitMs
	});
	return { ...f, published, pattern: { widthOnly, margin, rule } };
}

/** Cells the joint protection hides by its small-territory rule: every category of a territory
 * whose total is 1..k−1 (its incidents, total included), zeros too. */
function smallTerritory(input: TableSetInput): string[] {
	const { published, smallNodes } = setContext(input);
	return [...published.keys()].filter((id) => smallNodes.has(nodeOf(id)));
}

/** Cells and hidden cells summed over the releases of a period cut from `set` (each commune's
 * bilan and the département's): a count shown by two releases counts twice, as in the baseline. */
function releaseTotals(data: YearData, period: string, set: TableSet, communes: string[]) {
	let cells = 0;
	let hidden = 0;
	const audiences = [
		{ audience: 'departement' as const, scope: data.departement.code },
		...communes.map((scope) => ({ audience: 'commune' as const, scope }))
	];
	for (const a of audiences) {
		const r = cutRelease({
			...a,
			period,
			year: YEAR,
			departement: data.departement,
			groups: data.groups,
			communes: data.communes,
			sets: new Map([[period, set]]),
			k: K,
			dataVersion: '-',
			versions: new Map(),
			seances: []
		});
		cells += r.cells.length;
		hidden += r.stats.hidden;
	}
	return { cells, hidden };
}

interface Figures {
	protectMs: number;
	/** CPU time of this thread's process over protection and audits (wall time misleads when
	 * the machine is shared) */
	cpuMs: number;
	auditMs: number;
	ok: boolean;
	set: { cells: number; joint: number; naive: number; jointZeros: number; nonZero: number };
	floor: { primary: number; forced: number; packed: number; floor: number; jointMisses: number };
	/** smallest-pattern floors (pattern-floor.ts): width rule only, with the audit's upper margin,
	 * and with the small-territory rule too; whether every program was solved to optimality */
	pattern: { widthOnly: number; margin: number; rule: number; optimal: boolean; ms: number };
	releases: { cells: number; joint: number; naive: number };
	naiveFailures: number;
	/** slowest blocks of the protection: period, variable, rounds, ms */
	slowest: string[];
}

/** Joint protection + union audit of every period of the year, and the naive rule beside it. */
async function joint(data: YearData, periods: string[]): Promise<Figures> {
	const t0 = performance.now();
	const plan = makePlan(YEAR, data.groups, data.communes, data.snapshot, data.rows, K);
	const communes = [...groupsByCommune(data.groups).keys()];
	const f: Figures = {
		protectMs: performance.now() - t0,
		cpuMs: 0,
		auditMs: 0,
		ok: true,
		set: { cells: 0, joint: 0, naive: 0, jointZeros: 0, nonZero: 0 },
		floor: { primary: 0, forced: 0, packed: 0, floor: 0, jointMisses: 0 },
		pattern: { widthOnly: 0, margin: 0, rule: 0, optimal: true, ms: 0 },
		releases: { cells: 0, joint: 0, naive: 0 },
		naiveFailures: 0,
		slowest: []
	};
	const blocks: Array<{ label: string; ms: number }> = [];
	for (const period of periods) {
		const input = periodInput(data, plan, period);
		const t1 = performance.now();
		const cpu0 = process.cpuUsage();
		const set = await protectTableSet(input);
		const t2 = performance.now();
		const audit = await auditTableSet(input, set.cells);
		f.protectMs += t2 - t1;
		f.auditMs += performance.now() - t2;
		const cpu = process.cpuUsage(cpu0);
		f.cpuMs += (cpu.user + cpu.system) / 1000;
		f.ok &&= set.ok && audit.ok;
		for (const b of set.stats.perBlock) {
			blocks.push({ label: `${period} ${b.name} ${ms(b.ms)} (${b.rounds} rounds)`, ms: b.ms });
		}
		const fl = await floorOf(input, set.cells);
		for (const key of ['widthOnly', 'margin', 'rule'] as const) {
			f.pattern[key] += fl.pattern[key].floor;
			f.pattern.optimal &&= fl.pattern[key].optimal;
			f.pattern.ms += fl.pattern[key].ms;
		}
		f.floor.primary += fl.primary;
		f.floor.forced += fl.forced;
		f.floor.packed += fl.packed;
		f.floor.floor += fl.floor;
		f.floor.jointMisses += fl.published;
		const naive = naiveCells(input);
		const naiveSet: TableSet = { ...set, cells: naive };
		const count = (cells: Map<string, SetCell>) =>
			[...cells.values()].filter((c) => c.hidden).length;
		f.set.cells += set.cells.size;
		f.set.joint += count(set.cells);
		f.set.naive += count(naive);
		for (const c of set.cells.values()) {
			if (c.value > 0) f.set.nonZero++;
			else if (c.hidden) f.set.jointZeros++;
		}
		const j = releaseTotals(data, period, set, communes);
		const n = releaseTotals(data, period, naiveSet, communes);
		f.releases.cells += j.cells;
		f.releases.joint += j.hidden;
		f.releases.naive += n.hidden;
		f.naiveFailures += (await auditTableSet(input, naive)).failures.length;
	}
	f.slowest = blocks
		.sort((a, b) => b.ms - a.ms)
		.slice(0, 4)
		.map((b) => b.label);
	return f;
}

/** The same protection as the server runs it: each period's blocks spread over the worker pool
 * (`joint/runner.ts`, two threads at most), then the union audit in this thread. */
async function pooled(data: YearData, periods: string[]) {
	const t0 = performance.now();
	const plan = makePlan(YEAR, data.groups, data.communes, data.snapshot, data.rows, K);
	let ok = true;
	let hidden = 0;
	let auditMs = 0;
	for (const period of periods) {
		const input = periodInput(data, plan, period);
		const set = await protectInWorker(input).done;
		const t1 = performance.now();
		const audit = await auditTableSet(input, set.cells);
		auditMs += performance.now() - t1;
		ok &&= set.ok && audit.ok;
		hidden += set.stats.hidden;
	}
	return { ms: performance.now() - t0, auditMs, ok, hidden };
}

/** The per-release baseline: each release of the same audiences built and protected alone. */
async function perRelease(store: Store, data: YearData, periods: string[]) {
	const communes = [...groupsByCommune(data.groups).keys()];
	const t0 = performance.now();
	let cells = 0;
	let hidden = 0;
	for (const period of periods) {
		for (const [audience, scope] of [
			['departement', data.departement.code] as const,
			...communes.map((c) => ['commune', c] as const)
		]) {
			const { release } = await buildRelease(store.db, { audience, scope, period, k: K });
			cells += release.cells.length;
			hidden += release.stats.hidden;
		}
	}
	return {
		ms: performance.now() - t0,
		cells,
		hidden,
		releases: periods.length * (communes.length + 1)
	};
}

/** The smallest-pattern floors (pattern-floor.ts) against the joint and the naive counts. */
function reportPatternFloor(f: Figures) {
	const p = f.pattern;
	const verdict = (floor: number) =>
		floor > f.set.naive
			? `above naive by ${floor - f.set.naive}: no safe protection hides fewer cells than the naive rule`
			: `${f.set.naive - floor} below naive`;
	console.log(
		`  smallest-pattern floor (MIP, ${p.optimal ? 'solved to optimality' : 'dual bound at the time limit'}, ${ms(p.ms)}): ` +
			`width ≥ ${WIDTH} only ${pct(p.widthOnly, f.set.cells)} (${verdict(p.widthOnly)}); ` +
			`with the audit's upper margin ${pct(p.margin, f.set.cells)} (${verdict(p.margin)}); ` +
			`with the small-territory rule too ${pct(p.rule, f.set.cells)}, joint / this floor = ${ratio(f.set.joint, p.rule)}`
	);
}

function report(label: string, data: YearData, periods: string[], f: Figures, goalMs: number) {
	const total = f.protectMs + f.auditMs;
	console.log(
		`${label}: ${data.groups.length} groups, ${data.communes.size} communes, ` +
			`${[...data.rows.situations.values()].reduce((n, r) => n + r.length, 0)} situation rows (${YEAR}), periods ${periods.join(' + ')}`
	);
	console.log(
		`  joint protection ${ms(f.protectMs)} + union audit ${ms(f.auditMs)} = ${ms(total)} ` +
			`(goal < ${goalMs / 1000} s: ${total < goalMs ? 'met' : 'NOT met'}; CPU ${ms(f.cpuMs)}); audit ${f.ok ? 'ok' : 'FAILED'}`
	);
	console.log(`  slowest blocks: ${f.slowest.join(', ')}`);
	console.log(
		`  hidden, table set cells:    joint ${pct(f.set.joint, f.set.cells)}, naive ${pct(f.set.naive, f.set.cells)}; ` +
			`joint / naive = ${ratio(f.set.joint, f.set.naive)}`
	);
	const fl = f.floor;
	console.log(
		`  floor (plancher, no safe protection hides fewer): ${pct(fl.floor, f.set.cells)} = ` +
			`${fl.primary} primary + ${fl.forced} forced + ${fl.packed} disjoint relations needing one more; ` +
			`joint / floor = ${ratio(f.set.joint, fl.floor)}, naive / floor = ${ratio(f.set.naive, fl.floor)}` +
			(fl.floor > f.set.naive
				? ` — floor above naive by ${fl.floor - f.set.naive}: fewer than naive is impossible for a safe protection`
				: ` — ${f.set.naive - fl.floor} cells between floor and naive`) +
			`; must-hide cells the joint protection publishes: ${fl.jointMisses}`
	);
	if (PATTERN_FLOOR) reportPatternFloor(f);
	const jointNonZero = f.set.joint - f.set.jointZeros;
	console.log(
		`  of which zeros (breakdowns hidden whole): joint ${f.set.jointZeros}, naive 0; non-zero cells hidden: ` +
			`joint ${pct(jointNonZero, f.set.nonZero)}, naive ${pct(f.set.naive, f.set.nonZero)}; ` +
			`joint / naive = ${ratio(jointNonZero, f.set.naive)}`
	);
	console.log(
		`  hidden, summed over releases: joint ${pct(f.releases.joint, f.releases.cells)}, naive ${pct(f.releases.naive, f.releases.cells)}; ` +
			`joint / naive = ${ratio(f.releases.joint, f.releases.naive)}`
	);
	console.log(
		`  naive rule under the union audit: ${f.naiveFailures ? `${f.naiveFailures} small counts pinned (unsafe)` : 'ok'}`
	);
}

/** Requests per second of `fn`, called one after the other for `duration` ms. */
async function rate(fn: () => Promise<unknown>, duration = SERVE_MS): Promise<number> {
	let n = 0;
	const t0 = performance.now();
	while (performance.now() - t0 < duration) {
		await fn();
		n++;
	}
	return n / ((performance.now() - t0) / 1000);
}

export async function run(): Promise<void> {
	const dir = mkdtempSync(path.join(tmpdir(), 'bp-secret-bench-'));
	const store = openStore({ databaseUrl: null, dataDir: dir });
	try {
		await migrate(store);
		await seedDemo(store.db);
		const demo = await loadYear(store.db, DEMO_DEPARTEMENT, YEAR);
		if (!demo) throw new Error('démo absente');
		const periods = [
			...new Set(Object.values(demo.snapshot).flatMap((byPeriod) => Object.keys(byPeriod)))
		].sort();

		const f = await joint(demo, periods);
		report(`demo ${YEAR}`, demo, periods, f, 5_000);
		const base = QUICK ? null : await perRelease(store, demo, periods);
		if (base)
			console.log(
				`  per-release baseline (build.ts, ${base.releases} releases, ${ms(base.ms)}): hidden ${pct(base.hidden, base.cells)}; ` +
					`joint / per-release = ${ratio(f.releases.joint, base.hidden)} hidden cells, ` +
					`share ${ratio(f.releases.joint / f.releases.cells, base.hidden / base.cells)}×; ` +
					`time joint / per-release = ${ratio(f.protectMs + f.auditMs, base.ms)}`
			);

		if (process.env.BENCH_SECRET_ONLY === 'demo') return;
		const t0 = performance.now();
		const big = multiply(demo, 10);
		const buildMs = performance.now() - t0;
		const g = await joint(big, periods);
		report(`10× département (generated in ${ms(buildMs)}, seed 18)`, big, periods, g, 60_000);
		console.log(
			`  10× / demo: time ${ratio(g.protectMs + g.auditMs, f.protectMs + f.auditMs)}, ` +
				`table set cells ${ratio(g.set.cells, f.set.cells)}`
		);
		if (QUICK) return;
		const p = await pooled(big, periods);
		console.log(
			`  the same on the server's pool (${RELEASE_WORKERS} worker threads, union audit in the main thread): ` +
				`${ms(p.ms)}, of which union audit ${ms(p.auditMs)} (goal < 60 s: ${p.ms < 60_000 ? 'met' : 'NOT met'}); ` +
				`audit ${p.ok ? 'ok' : 'FAILED'}; hidden ${p.hidden} cells (sequential: ${g.set.joint}); ` +
				`pool / sequential = ${ratio(p.ms, g.protectMs + g.auditMs)}`
		);

		// served from the cache: the département's release and a commune's (Évry-Courcouronnes)
		clearReleaseCache();
		for (const [audience, scope] of [
			['departement', DEMO_DEPARTEMENT],
			['commune', '91228']
		] as const) {
			const key = { audience, scope, period: '2025-S2' };
			const c0 = performance.now();
			await getRelease(store.db, key);
			const firstMs = performance.now() - c0;
			const warm = await rate(() => getRelease(store.db, key));
			const floor = await rate(() => getSettings(store.db));
			console.log(
				`getRelease ${audience} ${scope} 2025-S2: first request ${ms(firstMs)}${audience === 'commune' ? ' (table set already built)' : ''}, warm cache ${Math.round(warm)} req/s ` +
					`(goal ≥ 1,000: ${warm >= 1000 ? 'met' : 'NOT met'}); baseline getSettings alone ${Math.round(floor)} req/s, ` +
					`ratio ${ratio(warm, floor)}`
			);
		}
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
