// The département comparison page of the demo in headless Chromium, driven like a user would:
// the built app (demo mode) serves the page; the bench times the first paint, the moment the
// page's DuckDB engine says it is ready (its status line, « Analyse dans le navigateur prête »),
// then filter changes made with the page's own controls, end to end (from the choice until the
// status counts one more calculation and the table is redrawn), and the SQL part the status line
// reports. Goal: each filter < 100 ms. No hook in the page: only what a user sees.
// Run alone: npx tsx bench/departement-bench.ts (BP_BUILD_DIR for another build folder,
// BENCH_RUNS to change the number of changes).
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startServer } from '../support/server';
import { signInContext } from '../support/session';
import { median, quantile } from './stats';

export interface BenchResult {
	name: string;
	rows: number;
	ms: number;
	note?: string;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** The engine's status line: calculations answered, and the last one's SQL time. */
async function status(page: Page): Promise<{ answered: number; sqlMs: number }> {
	const text = (await page.getByTestId('engine').textContent()) ?? '';
	const m = /(\d+) calculs?, le dernier en (\d+) ms/.exec(text);
	return { answered: Number(m?.[1] ?? 0), sqlMs: Number(m?.[2] ?? NaN) };
}

/** Chooses `value` in the control `select`; resolves once the page has answered and redrawn. */
async function change(page: Page, select: string, value: string) {
	const before = (await status(page)).answered;
	const t0 = Date.now();
	await page.locator(select).selectOption(value);
	await page.waitForFunction(
		(n) =>
			Number(
				/(\d+) calculs?,/.exec(
					document.querySelector('[data-testid="engine"]')?.textContent ?? ''
				)?.[1] ?? 0
			) > n,
		before,
		{ polling: 'raf', timeout: 30_000 }
	);
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
	const total = Date.now() - t0;
	return { total, sql: (await status(page)).sqlMs };
}

export async function run(): Promise<BenchResult[]> {
	const server = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
	const browser = await launchBrowser();
	try {
		const cookie = await signInContext(browser.context, server.url, 'analyste@demo.bilans.fr');
		const page = await browser.newPage();
		const url = `${server.url}/departement/91/comparer?periode=2025-S2`;
		// Warm the server's release cache (first build of the releases) before timing the page.
		await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
		const t0 = Date.now();
		await page.goto(url);
		const firstPaint = Date.now() - t0;
		await page
			.getByTestId('engine')
			.getByText(/prête — \d+ calculs?/)
			.waitFor({ timeout: 120_000 });
		const interactive = Date.now() - t0;
		// The page's own options, so every change is one a user can make.
		const options = async (select: string) =>
			(
				await page
					.locator(`${select} option`)
					.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
			).filter((v) => v !== '');
		const [sizes, epcis, arrondissements, indicators, references] = await Promise.all(
			['#c-taille', '#c-epci', '#c-arrondissement', '#c-indicateur', '#c-reference'].map(options)
		);
		// Each run walks through different values, so the page's answers cache rarely helps.
		const steps: [string, string][] = [];
		for (let i = 0; i < RUNS; i++)
			steps.push(
				['#c-taille', sizes[i % sizes.length]],
				['#c-taille', ''],
				['#c-epci', epcis[(i * 7) % epcis.length]],
				['#c-epci', ''],
				['#c-arrondissement', arrondissements[i % arrondissements.length]],
				['#c-arrondissement', ''],
				['#c-indicateur', indicators[(i * 5 + 1) % indicators.length]],
				['#c-reference', references[(i * 37) % references.length]],
				['#c-reference', ''],
				['#c-tri', i % 2 ? 'population' : 'nom']
			);
		const totals: number[] = [];
		const sqls: number[] = [];
		for (const [select, v] of steps) {
			const r = await change(page, select, v);
			totals.push(r.total);
			sqls.push(r.sql);
		}
		const rows = await page.locator('table[data-testid="compare-table"] tbody tr').count();
		const p90 = quantile(totals, 0.9);
		return [
			{ name: 'comparer: first paint (server-rendered, demo)', rows: 0, ms: firstPaint },
			{ name: 'comparer: interactive (DuckDB ready, demo)', rows: 0, ms: interactive },
			{
				name: `comparer: filter change with the page's controls, median (${steps.length} changes)`,
				rows,
				ms: Math.round(median(totals)),
				note: `p90 ${Math.round(p90)} ms; goal < 100 ms`
			},
			{
				name: 'comparer: filter change, median (SQL, from the status line)',
				rows,
				ms: Math.round(median(sqls))
			}
		];
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
