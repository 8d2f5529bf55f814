// Filter queries of the département comparison on a 10× demo département (≈2,000 communes) in
// DuckDB-WASM (node blocking build: same engine as the browser, no worker round trip), loaded
// the way the browser client loads a release (Arrow). Goal: median filter under 100 ms.
// Run alone: npx tsx bench/duckdb-bench.ts (BENCH_COMMUNES, BENCH_RUNS to change the size).
import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { openNodeDuckDb } from './duckdb-node';
import { median } from './stats';

export interface BenchResult {
	name: string;
	rows: number;
	ms: number;
	note?: string;
}

const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const PERIODS = ['2022', '2023', '2024', '2025'];
const VARIABLES: [string, number][] = [
	['problematique', 12],
	['tranche_age', 6],
	['sexe', 3],
	['institution_pilote', 10],
	['strategie', 8],
	['information_interesse', 3],
	['accord', 3],
	['transmission_hors_groupe', 3],
	['motif', 6]
];

/** Deterministic pseudo-random numbers (the bench must be repeatable). */
function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

function releaseTable(): Table {
	const rand = rng(91);
	const commune: string[] = [];
	const epci: string[] = [];
	const taille: string[] = [];
	const population: number[] = [];
	const periode: string[] = [];
	const variable: string[] = [];
	const code: string[] = [];
	const value: (number | null)[] = [];
	const status: string[] = [];
	for (let c = 0; c < COMMUNES; c++) {
		const pop = Math.round(200 + rand() ** 3 * 120_000);
		const size =
			pop < 2_000 ? 'rurale' : pop < 10_000 ? 'petite' : pop < 50_000 ? 'moyenne' : 'grande';
		const e = `epci-${c % 60}`;
		for (const p of PERIODS)
			for (const [v, codes] of VARIABLES)
				for (let k = 0; k < codes; k++) {
					const n = Math.round(rand() * pop * 0.002);
					const hidden = n > 0 && n < 5;
					commune.push(`c${String(c).padStart(5, '0')}`);
					epci.push(e);
					taille.push(size);
					population.push(pop);
					periode.push(p);
					variable.push(v);
					code.push(`${v}-${k}`);
					value.push(hidden ? null : n);
					status.push(hidden ? 'hidden' : 'published');
				}
	}
	return new Table({
		commune: vectorFromArray(commune, new Utf8()),
		epci: vectorFromArray(epci, new Utf8()),
		taille: vectorFromArray(taille, new Utf8()),
		population: vectorFromArray(population, new Int32()),
		periode: vectorFromArray(periode, new Utf8()),
		variable: vectorFromArray(variable, new Utf8()),
		code: vectorFromArray(code, new Utf8()),
		value: vectorFromArray(value, new Float64()),
		status: vectorFromArray(status, new Utf8())
	});
}

export async function run(): Promise<BenchResult[]> {
	const t0 = performance.now();
	const db = await openNodeDuckDb({
		query: { castBigIntToDouble: true, castDecimalToDouble: true }
	});
	const conn = db.connect();
	const initMs = performance.now() - t0;
	try {
		const table = releaseTable();
		const ipc = tableToIPC(table, 'stream');
		const t1 = performance.now();
		conn.insertArrowFromIPCStream(ipc, { name: 'release', create: true });
		const loadMs = performance.now() - t1;

		// The comparison page's questions: rate per 1,000 of a category per commune, filtered by
		// size class / EPCI / period; a trend for one commune and its peers; ranking.
		const filters: { name: string; sql: string; params: unknown[][] }[] = [
			{
				name: 'rate per 1,000 by size class and period',
				sql: `SELECT commune, any_value(population) AS population,
				        sum(value) FILTER (WHERE status = 'published') AS n,
				        count(*) FILTER (WHERE status <> 'published') AS masques,
				        round(sum(value) / any_value(population) * 1000, 1) AS taux
				      FROM release WHERE variable = ? AND taille = ? AND periode = ?
				      GROUP BY commune ORDER BY taux DESC NULLS LAST LIMIT 50`,
				params: [
					['problematique', 'petite', '2024'],
					['problematique', 'grande', '2025'],
					['strategie', 'moyenne', '2023'],
					['motif', 'rurale', '2022']
				]
			},
			{
				name: 'EPCI filter, category breakdown',
				sql: `SELECT code, sum(value) AS n, count(*) FILTER (WHERE status <> 'published') AS masques
				      FROM release WHERE epci = ? AND variable = ? AND periode = ? GROUP BY code ORDER BY code`,
				params: [
					['epci-3', 'tranche_age', '2024'],
					['epci-17', 'institution_pilote', '2025'],
					['epci-42', 'problematique', '2023']
				]
			},
			{
				name: 'trend of a commune against its size class',
				sql: `WITH t AS (
				        SELECT commune, taille, periode, sum(value) / any_value(population) * 1000 AS taux
				        FROM release WHERE variable = ? GROUP BY commune, taille, periode)
				      SELECT periode, avg(taux) FILTER (WHERE commune = ?) AS commune,
				             median(taux) AS pairs
				      FROM t WHERE taille = (SELECT any_value(taille) FROM t WHERE commune = ?)
				      GROUP BY periode ORDER BY periode`,
				params: [
					['problematique', 'c00012', 'c00012'],
					['accord', 'c01500', 'c01500']
				]
			}
		];
		const results: BenchResult[] = [
			{ name: 'duckdb-wasm instantiate (node)', rows: 0, ms: initMs },
			{ name: 'load release (Arrow IPC)', rows: table.numRows, ms: loadMs }
		];
		const lines: string[] = [];
		for (const f of filters) {
			const stmt = conn.prepare(f.sql);
			const times: number[] = [];
			let rows = 0;
			try {
				for (let i = 0; i < RUNS; i++) {
					const params = f.params[i % f.params.length];
					const t = performance.now();
					const out = stmt.query(...params);
					times.push(performance.now() - t);
					rows = out.numRows;
				}
			} finally {
				stmt.close();
			}
			const med = median(times);
			results.push({
				name: f.name,
				rows,
				ms: med,
				note: `median of ${RUNS}, max ${Math.max(...times).toFixed(1)} ms`
			});
			lines.push(
				`  ${f.name.padEnd(44)} median ${med.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`
			);
		}
		const worst = Math.max(...results.slice(2).map((r) => r.ms));
		process.stdout.write(
			`duckdb-bench: ${COMMUNES} communes, ${table.numRows} release rows, ${PERIODS.length} periods\n` +
				`  instantiate ${initMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms (Arrow ${(ipc.byteLength / 1024 / 1024).toFixed(1)} MiB)\n` +
				lines.join('\n') +
				`\n  worst median ${worst.toFixed(1)} ms (goal < 100 ms per filter)\n`
		);
		return results;
	} finally {
		conn.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
