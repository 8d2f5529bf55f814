// The département comparison page on a 10× demo département in headless Chromium: the built app
// (demo mode) serves the page; once it is interactive, the bench loads a synthesized release of
// ≈2,000 territories (same Parquet shape as /departement/[code]/comparer/donnees: six periods,
// every variable, hidden cells with null values) into the page's own DuckDB engine, then times
// filter changes end to end (the page's SQL + the table redrawn). Goal: each filter < 100 ms.
// Run alone: npx tsx bench/departement-bench.ts (BP_BUILD_DIR for another build folder,
// BENCH_TERRITORIES, BENCH_RUNS to change the size).
import { parquetWriteBuffer } from 'hyparquet-writer';
import { rng } from '../data-contracts/generate';
import { VARIABLE_BY_NAME } from '../src/lib/release';
import { launchBrowser } from '../tests/helpers/browser';
import { startServer } from '../tests/helpers/server';

export interface BenchResult {
	name: string;
	rows: number;
	ms: number;
	note?: string;
}

const TERRITORIES = Number(process.env.BENCH_TERRITORIES ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PERIODS = ['2023-S1', '2023-S2', '2024-S1', '2024-S2', '2025-S1', '2025-S2'];
const NAMES = [
	'problematique',
	'tranche_age',
	'sexe',
	'information_interesse',
	'accord',
	'transmission_hors_groupe',
	'statut'
];
const VARIABLES: [string, string[]][] = [
	['*', ['*']],
	...NAMES.map((name): [string, string[]] => [name, [...(VARIABLE_BY_NAME.get(name)?.codes ?? [])]])
];
const SIZE = (pop: number) =>
	pop < 2_000
		? 'moins-2000'
		: pop < 10_000
			? '2000-9999'
			: pop < 50_000
				? '10000-49999'
				: '50000-plus';

function synthesize() {
	const rand = rng(91);
	const units = [];
	const cols: Record<string, (string | number | null)[]> = {
		period: [],
		measure: [],
		unit: [],
		unit_level: [],
		variable: [],
		code: [],
		variable2: [],
		code2: [],
		value: [],
		status: []
	};
	for (let t = 0; t < TERRITORIES; t++) {
		const population = Math.round(300 + rand() ** 3 * 120_000);
		const id = `t${String(t).padStart(5, '0')}`;
		units.push({
			id,
			label: `Territoire ${t}`,
			epci: `epci-${t % 60}`,
			epciLabel: `EPCI ${t % 60}`,
			arrondissement: `arr-${t % 6}`,
			arrondissementLabel: `Arrondissement ${t % 6}`,
			population,
			sizeClass: SIZE(population)
		});
		for (const period of PERIODS)
			for (const [variable, codes] of VARIABLES)
				for (const code of codes) {
					const n = Math.round(rand() * population * 0.002 * (variable === '*' ? 8 : 1));
					const hidden = n > 0 && n < 5;
					cols.period.push(period);
					cols.measure.push('situations');
					cols.unit.push(id);
					cols.unit_level.push('territoire');
					cols.variable.push(variable);
					cols.code.push(code);
					cols.variable2.push(null);
					cols.code2.push(null);
					cols.value.push(hidden ? null : n);
					cols.status.push(hidden ? 'hidden' : 'published');
				}
	}
	const parquet = new Uint8Array(
		parquetWriteBuffer({
			columnData: Object.entries(cols).map(([name, data]) => ({
				name,
				data,
				type: name === 'value' ? 'INT32' : 'STRING'
			}))
		})
	);
	return { units, parquet, rows: cols.unit.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<BenchResult[]> {
	const data = synthesize();
	const server = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
	const browser = await launchBrowser();
	try {
		const login = await fetch(`${server.url}/connexion?/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				email: 'analyste@demo.bilans.fr',
				password: 'demo-bilans-2026',
				redirectTo: ''
			})
		});
		const cookie = login.headers.getSetCookie().find((c) => c.startsWith('bp_session='))!;
		const [name, value] = cookie.split(';')[0].split('=');
		await browser.context.addCookies([{ name, value, url: server.url }]);
		const page = await browser.newPage();
		await page.route('**/__bench/cells.parquet', (route) =>
			route.fulfill({
				status: 200,
				contentType: 'application/vnd.apache.parquet',
				body: Buffer.from(data.parquet)
			})
		);
		const url = `${server.url}/departement/91/comparer?periode=2025-S2`;
		// Warm the server's release cache (first build of the releases) before timing the page.
		await fetch(url, { headers: { cookie: cookie.split(';')[0] } }).then((r) => r.arrayBuffer());
		const t0 = Date.now();
		await page.goto(url);
		const firstPaint = Date.now() - t0;
		await page.waitForSelector('html[data-compare-ready]', { timeout: 120_000 });
		const interactive = Date.now() - t0;
		const loadMs = await page.evaluate(
			async ([u, units]) =>
				(
					window as unknown as { __bpCompareLoad: (u: string, x: unknown) => Promise<number> }
				).__bpCompareLoad(u as string, units),
			[`${server.url}/__bench/cells.parquet`, data.units] as const
		);
		// Every change is a combination not seen before: the page's answers cache never helps.
		const PROBLEMATIQUES = VARIABLES[1][1];
		const filters: Record<string, string>[] = [];
		for (let i = 0; i < RUNS; i++)
			filters.push(
				{ sizeClass: ['moins-2000', '2000-9999', '10000-49999', '50000-plus'][i % 4], epci: '' },
				{ sizeClass: '', epci: `epci-${i}` },
				{ epci: '', arrondissement: `arr-${i % 6}` },
				{ arrondissement: '', indicator: `problematique:${PROBLEMATIQUES[i % 12]}` },
				{ reference: `t${String(100 + i).padStart(5, '0')}` },
				{ reference: '', sort: i % 2 ? 'population' : 'nom' },
				{ sort: 'taux', indicator: 'situations', epci: `epci-${30 + i}` }
			);
		const totals: number[] = [];
		const sqls: number[] = [];
		let rows = 0;
		for (const f of filters) {
			const r = await page.evaluate(
				(next) =>
					(
						window as unknown as {
							__bpCompareFilter: (
								f: unknown
							) => Promise<{ total: number; sql: number; rows: number }>;
						}
					).__bpCompareFilter(next),
				f
			);
			totals.push(r.total);
			sqls.push(r.sql);
			rows = Math.max(rows, r.rows);
		}
		const results: BenchResult[] = [
			{ name: 'comparer: first paint (server-rendered, demo)', rows: 0, ms: firstPaint },
			{ name: 'comparer: interactive (DuckDB ready, demo)', rows: 0, ms: interactive },
			{
				name: `comparer: load 10× release into DuckDB (${TERRITORIES} territories)`,
				rows: data.rows,
				ms: Math.round(loadMs)
			},
			{
				name: 'comparer: filter change, median (SQL + table redrawn)',
				rows,
				ms: Math.round(median(totals)),
				note: `p90 ${Math.round([...totals].sort((a, b) => a - b)[Math.floor(totals.length * 0.9)])} ms; goal < 100 ms`
			},
			{
				name: 'comparer: filter change, median (three SQL queries)',
				rows,
				ms: Math.round(median(sqls))
			}
		];
		return results;
	} finally {
		await browser.close();
		await server.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const results = await run();
	for (const r of results)
		console.log(
			`${r.name.padEnd(62)} ${String(r.ms).padStart(7)} ms  ${r.rows ? `${r.rows} rows` : ''} ${r.note ?? ''}`
		);
}
