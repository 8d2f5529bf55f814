// The browser data layer in Chromium. On the built app, a small commune's bilan: its charts are
// drawn by the server (hidden cells read « s », with their legend, JavaScript or not) and
// DuckDB-WASM comes from the app's own assets after the first paint. On the test bench page
// (tests/harness/duckdb, built apart from the app): the browser redraws a chart in the same box
// and shows its table without touching DuckDB, and the DuckDB-WASM client loads only when asked
// and answers prepared queries over Arrow, Parquet and inserted rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Request } from 'playwright-core';
import { HIDDEN_KEY } from '$lib/format';
import { startServer, type RunningServer } from '../helpers/server';
import { serveHarness, type RunningHarness } from '../helpers/harness';
import { launchBrowser, watchConsole, type Browser } from '../helpers/browser';
import { axeViolations } from '../helpers/axe';
import { loginPage } from '../helpers/session';

const EMAIL = 'analyste@demo.bilans.fr';
/** A small commune of the demo (Dourdan): most of its counts are hidden. */
const SMALL = '/commune/91200/2025-S1';

describe('DuckDB-WASM and charts in Chromium', () => {
	let server: RunningServer;
	let bench: RunningHarness;
	let browser: Browser;
	beforeAll(async () => {
		[server, bench] = await Promise.all([
			startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 }),
			serveHarness('duckdb')
		]);
		browser = await launchBrowser();
	}, 240_000);
	afterAll(async () => {
		await browser?.close();
		await bench?.stop();
		await server?.stop();
	});

	it('draws the bilan’s charts on the server, and loads DuckDB from the app after the first paint', async () => {
		const page = await browser.newPage();
		await loginPage(page, server.url, EMAIL, SMALL);
		const requests: { url: string; at: number }[] = [];
		const onRequest = (r: Request) => requests.push({ url: r.url(), at: Date.now() });
		browser.context.on('request', onRequest);

		const res = await page.goto(`${server.url}${SMALL}`);
		expect(res?.status()).toBe(200);
		const html = await res!.text();
		// The charts are in the server's HTML, hidden cells drawn with the one neutral marker.
		expect(html).toContain('role="img"');
		expect(html).toMatch(/>s<\/text>/);
		expect(html).not.toContain('&lt; 5');
		const paint = await page.evaluate(async () => {
			for (let i = 0; i < 100; i++) {
				const e = performance.getEntriesByName('first-contentful-paint')[0];
				if (e) return performance.timeOrigin + e.startTime;
				await new Promise((r) => setTimeout(r, 20));
			}
			return null;
		});
		expect(paint).not.toBeNull();
		await page.waitForSelector('form[data-phase="ready"]', { timeout: 60_000 });
		browser.context.off('request', onRequest);

		// The wasm came from the app itself, once, after the first paint; nothing from elsewhere.
		const wasm = requests.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));
		expect(wasm).toHaveLength(1);
		expect(new URL(wasm[0].url).pathname).toMatch(
			/^\/_app\/immutable\/assets\/duckdb-(eh|mvp)\.[\w-]+\.wasm$/
		);
		expect(wasm[0].at).toBeGreaterThan(paint!);
		for (const r of requests) expect(new URL(r.url).origin).toBe(server.url);
		await page.close();
	});

	it('shows the charts and their hidden-cell legend with JavaScript disabled', async () => {
		const noJs = await launchBrowser({ javaScriptEnabled: false });
		try {
			const page = await noJs.newPage();
			// The login form works without JavaScript (plain form post).
			await loginPage(page, server.url, EMAIL, SMALL);
			await page.goto(`${server.url}${SMALL}`);
			const svgs = page.locator('.bp-chart__canvas svg[role="img"]');
			expect(await svgs.count()).toBeGreaterThan(0);
			await expect(svgs.first().getAttribute('aria-label')).resolves.toBeTruthy();
			expect(
				await page.locator('.bp-chart__legend li', { hasText: HIDDEN_KEY }).count()
			).toBeGreaterThan(0);
			expect(await svgs.locator('text', { hasText: /^s$/ }).count()).toBeGreaterThan(0);
		} finally {
			await noJs.close();
		}
	});

	it('redraws a chart in the same box and shows its table, without DuckDB', async () => {
		const page = await browser.newPage();
		const messages = watchConsole(page);
		const requests: string[] = [];
		page.on('request', (r) => requests.push(r.url()));
		await page.goto(`${bench.url}/`, { waitUntil: 'networkidle' });
		await page.waitForSelector('html[data-bench-ready="1"]');
		const canvas = page.locator('.bp-chart__canvas');
		await canvas.locator('svg[role="img"]').waitFor();
		const before = await canvas.boundingBox();
		const firstSvg = await canvas.innerHTML();
		await page.getByRole('button', { name: 'Changer les données' }).click();
		await page.waitForFunction(
			(old) => document.querySelector('.bp-chart__canvas')?.innerHTML !== old,
			firstSvg
		);
		expect(await canvas.boundingBox()).toEqual(before);
		await expect(canvas.locator('svg[role="img"] text', { hasText: /^s$/ }).count()).resolves.toBe(
			1
		);
		// Table alternative.
		await page.getByRole('button', { name: 'Voir le tableau' }).click();
		const table = page.locator('.bp-chart-table table');
		await expect(table.locator('caption').textContent()).resolves.toContain('tranche d’âge');
		await expect(table.locator('td.bp-hidden').textContent()).resolves.toMatch(/^\s*s\b/);
		await expect(canvas.isHidden()).resolves.toBe(true);
		expect(await axeViolations(page, '.bp-chart')).toEqual([]);
		await page.getByRole('button', { name: 'Voir le graphique' }).click();
		await expect(canvas.isVisible()).resolves.toBe(true);
		expect(await axeViolations(page, '.bp-chart')).toEqual([]);
		// Drawing charts in the browser did not touch DuckDB.
		expect(requests.filter((u) => /duckdb|\.wasm$/.test(new URL(u).pathname))).toEqual([]);
		expect(messages).toEqual([]);
		await page.close();
	});

	it('loads DuckDB only when asked, from the page’s own assets, and answers prepared queries', async () => {
		const page = await browser.newPage();
		const messages = watchConsole(page);
		const requests: { url: string; at: number }[] = [];
		page.on('request', (r) => requests.push({ url: r.url(), at: Date.now() }));
		await page.goto(`${bench.url}/`, { waitUntil: 'networkidle' });
		await page.waitForSelector('html[data-bench-ready="1"]');
		await page.waitForTimeout(500);
		const duckRequests = () =>
			requests.filter((r) => /duckdb|\.wasm$/.test(new URL(r.url).pathname));
		expect(duckRequests()).toEqual([]);
		const asked = Date.now();

		// Arrow IPC and Parquet built here, registered in the page's DuckDB.
		const arrow = tableToIPC(
			tableFromArrays({
				commune: ['91228', '91377', '91174', '91228'],
				periode: ['2024', '2024', '2024', '2025'],
				situations: Int32Array.from([120, 85, 12, 130])
			}),
			'stream'
		);
		const parquet = new Uint8Array(
			parquetWriteBuffer({
				columnData: [
					{ name: 'commune', data: ['91228', '91377', '91174'], type: 'STRING' },
					{ name: 'population', data: Int32Array.from([69_000, 50_000, 40_000]), type: 'INT32' }
				]
			})
		);
		const result = await page.evaluate(
			async ({ arrowBytes, parquetBytes }) => {
				const w = window as unknown as {
					__bpDuckDb: () => Promise<typeof import('../../src/lib/duckdb/client')>;
				};
				const db = await w.__bpDuckDb();
				const [a, b] = await Promise.all([db.getDuckDb(), db.getDuckDb()]);
				await db.registerArrow('situations', new Uint8Array(arrowBytes));
				await db.registerParquet('population', new Uint8Array(parquetBytes));
				await db.insertRows(
					'seances',
					[
						{ name: 'commune', type: 'varchar' },
						{ name: 'date', type: 'date' },
						{ name: 'ordre_du_jour', type: 'boolean' },
						{ name: 'participants', type: 'integer' }
					],
					[
						{ commune: '91228', date: '2024-03-12', ordre_du_jour: true, participants: 9 },
						{ commune: '91228', date: '2024-06-04', ordre_du_jour: 'non', participants: null },
						{ commune: '91377', date: '2024-05-21', ordre_du_jour: 'oui', participants: 7 }
					]
				);
				const rates = await db.query(
					`SELECT s.commune, s.situations, round(s.situations / p.population * 1000, 2) AS taux
					 FROM situations s JOIN population p USING (commune)
					 WHERE s.periode = ? AND s.situations >= ? ORDER BY s.commune`,
					['2024', 50]
				);
				const counts = await db.query(
					`SELECT commune, count(*) AS seances, count(participants) AS renseignees,
					        min(date) AS premiere, bool_and(ordre_du_jour) AS toutes_odj
					 FROM seances GROUP BY commune ORDER BY commune`
				);
				let refused = '';
				try {
					await db.query('SELECT * FROM inexistante');
				} catch (e) {
					refused = String(e);
				}
				// Connections are closed after each query, including the failed one.
				const open = await db.query<{ n: number }>('SELECT count(*) AS n FROM duckdb_tables()');
				return {
					shared: a === b,
					rates,
					counts,
					refused,
					tables: open[0].n,
					types: counts.map((r) => typeof r.seances)
				};
			},
			{ arrowBytes: [...arrow], parquetBytes: [...parquet] }
		);
		expect(result.shared).toBe(true);
		expect(result.rates).toEqual([
			{ commune: '91228', situations: 120, taux: 1.74 },
			{ commune: '91377', situations: 85, taux: 1.7 }
		]);
		expect(result.counts).toEqual([
			{
				commune: '91228',
				seances: 2,
				renseignees: 1,
				premiere: '2024-03-12',
				toutes_odj: false
			},
			{ commune: '91377', seances: 1, renseignees: 1, premiere: '2024-05-21', toutes_odj: true }
		]);
		expect(result.types).toEqual(['number', 'number']);
		expect(result.refused).toMatch(/inexistante/);
		expect(result.tables).toBe(3);

		// The wasm came from the page's own assets, once, when asked; nothing from elsewhere.
		const wasm = requests.filter((r) => r.url.endsWith('.wasm'));
		expect(wasm).toHaveLength(1);
		expect(new URL(wasm[0].url).pathname).toMatch(/^\/assets\/duckdb-(eh|mvp)[-.][\w-]+\.wasm$/);
		expect(wasm[0].at).toBeGreaterThanOrEqual(asked);
		for (const r of requests) expect(new URL(r.url).origin).toBe(bench.url);
		await expect(page.getByTestId('duckdb-phase').textContent()).resolves.toBe('ready');

		// The page's own demo button goes through the same client.
		await page.getByRole('button', { name: 'Démarrer DuckDB et interroger' }).click();
		await expect(
			page.getByTestId('duckdb-answer').filter({ hasText: 'Total' }).textContent()
		).resolves.toBe('Total : 49');
		// The worker itself logs the planted SQL error (console.log in duckdb-wasm); nothing else.
		expect(messages.filter((m) => !m.includes('inexistante'))).toEqual([]);
		await page.close();
	});
});
