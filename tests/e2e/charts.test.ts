// The browser data layer in Chromium on the built app: the developer bench page (served with
// BP_DEV_ROUTES=1) paints a server-drawn chart with no DuckDB request, then loads DuckDB-WASM
// from the app's own assets when asked, and answers prepared queries over Arrow, Parquet and
// inserted rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Request } from 'playwright-core';
import { HIDDEN_KEY } from '$lib/format';
import { startServer, type RunningServer } from '../helpers/server';
import { launchBrowser, watchConsole, type Browser } from '../helpers/browser';
import { axeViolations } from '../helpers/axe';
import { loginPage } from '../helpers/session';

const EMAIL = 'analyste@demo.bilans.fr';

describe('DuckDB-WASM and charts in Chromium', () => {
	let server: RunningServer;
	let browser: Browser;
	beforeAll(async () => {
		server = await startServer({ env: { BP_DEV_ROUTES: '1' } });
		browser = await launchBrowser();
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('is a 404 without BP_DEV_ROUTES', async () => {
		const plain = await startServer();
		try {
			const page = await browser.newPage();
			await loginPage(page, plain.url, EMAIL, '/dev/duckdb');
			const res = await page.goto(`${plain.url}/dev/duckdb`);
			expect(res?.status()).toBe(404);
			await page.close();
		} finally {
			await plain.stop();
		}
	});

	it('paints the server-drawn chart first, loads DuckDB only when asked, and queries it', async () => {
		const page = await browser.newPage();
		await loginPage(page, server.url, EMAIL, '/dev/duckdb');
		const messages = watchConsole(page);
		const requests: { url: string; at: number }[] = [];
		const onRequest = (r: Request) => requests.push({ url: r.url(), at: Date.now() });
		browser.context.on('request', onRequest);

		const res = await page.goto(`${server.url}/dev/duckdb`, { waitUntil: 'networkidle' });
		expect(res?.status()).toBe(200);
		const html = await res!.text();
		// The chart is in the server's HTML, hidden cell marker included.
		expect(html).toContain('role="img"');
		expect(html).toMatch(/>s<\/text>/);
		expect(html).not.toContain('&lt; 5');
		await page.waitForSelector('html[data-bench-ready="1"]');
		await page.waitForTimeout(500);
		const duckRequests = () =>
			requests.filter((r) => /^\/_app\/.*(duckdb|\.wasm$)/.test(new URL(r.url).pathname));
		expect(duckRequests()).toEqual([]);
		const paint = await page.evaluate(() => {
			const fcp = performance.getEntriesByName('first-contentful-paint')[0];
			return fcp ? performance.timeOrigin + fcp.startTime : null;
		});
		expect(paint).not.toBeNull();

		// The browser redraws the chart in the same box when the data changes.
		const canvas = page.locator('.bp-chart__canvas');
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
		await page.getByRole('button', { name: 'Voir le graphique' }).click();
		await expect(canvas.isVisible()).resolves.toBe(true);
		// Chart drawing in the browser did not touch DuckDB either.
		expect(duckRequests()).toEqual([]);

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

		// The wasm came from the app itself, once, after the first paint; nothing from elsewhere.
		const wasm = requests.filter((r) => r.url.endsWith('.wasm'));
		expect(wasm).toHaveLength(1);
		expect(wasm[0].url).toMatch(/\/_app\/immutable\/assets\/duckdb-(eh|mvp)\.[\w-]+\.wasm$/);
		expect(wasm[0].at).toBeGreaterThan(paint!);
		for (const r of requests) expect(new URL(r.url).origin).toBe(server.url);
		await expect(page.getByTestId('duckdb-phase').textContent()).resolves.toBe('ready');

		// The page's own demo button goes through the same client.
		await page.getByRole('button', { name: 'Démarrer DuckDB et interroger' }).click();
		await expect(
			page.getByTestId('duckdb-answer').filter({ hasText: 'Total' }).textContent()
		).resolves.toBe('Total : 49');
		browser.context.off('request', onRequest);
		// The worker itself logs the planted SQL error (console.log in duckdb-wasm); nothing else.
		expect(messages.filter((m) => !m.includes('inexistante'))).toEqual([]);
		await page.close();
	});

	it('has no serious or critical axe violation in the chart and its table', async () => {
		const page = await browser.newPage();
		await loginPage(page, server.url, EMAIL, '/dev/duckdb');
		await page.goto(`${server.url}/dev/duckdb`, { waitUntil: 'networkidle' });
		await page.waitForSelector('html[data-bench-ready="1"]');
		expect(await axeViolations(page, '.bp-chart')).toEqual([]);
		await page.getByRole('button', { name: 'Voir le tableau' }).click();
		await page.locator('.bp-chart-table table').waitFor();
		expect(await axeViolations(page, '.bp-chart')).toEqual([]);
		await page.close();
	});

	it('shows the chart and its hidden-cell legend with JavaScript disabled', async () => {
		const noJs = await launchBrowser({ javaScriptEnabled: false });
		try {
			const page = await noJs.newPage();
			// The login form works without JavaScript (plain form post).
			await loginPage(page, server.url, EMAIL, '/dev/duckdb');
			await page.goto(`${server.url}/dev/duckdb`);
			const svg = page.locator('.bp-chart__canvas svg[role="img"]');
			await expect(svg.getAttribute('aria-label')).resolves.toContain('tranche d’âge');
			await expect(
				page.locator('.bp-chart__legend li', { hasText: HIDDEN_KEY }).count()
			).resolves.toBe(1);
			await expect(svg.locator('text', { hasText: /^s$/ }).count()).resolves.toBe(1);
		} finally {
			await noJs.close();
		}
	});
});
