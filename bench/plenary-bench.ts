// The plenary page of the demo's largest commune (Évry-Courcouronnes, 91228) in headless
// Chromium on the built app, loopback, cold browser cache (a fresh profile per run): time to the
// first contentful paint with the charts drawn, bytes transferred before that paint, and time
// until the interactive filters answer (DuckDB-WASM loaded, a group filter applied and redrawn).
// The server's release cache is warmed first (one request), so the figures are the browser side.
// No client-only baseline: the page has no such mode (the app carries no benchmark switch), so
// the earlier « n × sooner than drawing after DuckDB » ratio is no longer measured.
// Run alone: npx tsx bench/plenary-bench.ts (BP_BUILD_DIR for another build folder, BENCH_RUNS).
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startServer } from '../support/server';
import { loginCookie, useSession } from '../support/session';
import { median } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PATH = '/commune/91228/2025-S2';
/** Charts of the page: four breakdowns, the trend, age × sex. */
const CHARTS = 6;

export interface PlenaryFigures {
	/** first contentful paint with every chart drawn (ms from navigation start) */
	chartsMs: number;
	fcpMs: number;
	/** bytes transferred (compressed as served) before that paint */
	bytesBeforePaint: number;
	/** filters answered by DuckDB-WASM (ms from navigation start) */
	interactiveMs: number;
}

// Records, in the page, when all charts are in the DOM and painted (next frame).
const OBSERVER = `
(() => {
	const want = ${CHARTS};
	const check = () => {
		if (window.__bpChartsAt) return;
		if (document.querySelectorAll('.bp-chart__canvas svg[role="img"]').length >= want) {
			window.__bpChartsDom = performance.now();
			requestAnimationFrame(() => setTimeout(() => (window.__bpChartsAt = performance.now()), 0));
		}
	};
	new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();
`;

async function measure(page: Page, url: string): Promise<PlenaryFigures> {
	await page.addInitScript(OBSERVER);
	await page.goto(url, { waitUntil: 'commit' });
	await page.waitForFunction(() => (window as unknown as { __bpChartsAt?: number }).__bpChartsAt, {
		timeout: 120_000
	});
	await page.waitForSelector('form[data-phase="ready"]', { timeout: 120_000 });
	const answered = Number(await page.locator('form.bp-filters').getAttribute('data-answers'));
	await page.locator('#filtre-groupe').selectOption('evry-courcouronnes-clspd');
	await page.waitForSelector(`form[data-answers="${answered + 1}"]`, { timeout: 60_000 });
	return page.evaluate(() => {
		const w = window as unknown as { __bpChartsAt: number; __bpChartsDom: number };
		const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
		// A chart is on screen at the first paint that follows its insertion.
		const chartsMs = w.__bpChartsDom <= fcp ? fcp : w.__bpChartsAt;
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		let bytes = nav.transferSize;
		for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[])
			if (r.responseEnd <= chartsMs) bytes += r.transferSize;
		return {
			chartsMs,
			fcpMs: fcp,
			bytesBeforePaint: bytes,
			interactiveMs: performance.now()
		};
	});
}

const fmt = (ms: number) => `${Math.round(ms)} ms`;
const kb = (b: number) => `${Math.round(b / 1024)} Ko`;

export async function run(): Promise<PlenaryFigures[]> {
	const server = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
	try {
		const cookie = await loginCookie(server.url, 'elu.evry@demo.bilans.fr');
		// Warm the server's release cache (every period of the commune).
		const warm = await fetch(server.url + PATH, { headers: { cookie } });
		if (warm.status !== 200) throw new Error(`page: HTTP ${warm.status}`);

		const results: PlenaryFigures[] = [];
		for (let i = 0; i < RUNS; i++) {
			const browser = await launchBrowser();
			try {
				await useSession(browser.context, server.url, cookie);
				const page = await browser.newPage();
				results.push(await measure(page, server.url + PATH));
			} finally {
				await browser.close();
			}
		}
		const of = (key: keyof PlenaryFigures) => median(results.map((r) => r[key]));
		const ssr = {
			charts: of('chartsMs'),
			bytes: of('bytesBeforePaint'),
			interactive: of('interactiveMs')
		};
		console.log(`Bilan d’Évry-Courcouronnes (${PATH}), médiane de ${RUNS} chargements à froid :`);
		console.log(
			`  rendu serveur : graphiques peints à ${fmt(ssr.charts)} (objectif < 500 ms), ${kb(ssr.bytes)} transférés avant (objectif < 300 Ko), filtres actifs à ${fmt(ssr.interactive)} (objectif < 3 s)`
		);
		return results;
	} finally {
		await server.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	run().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
