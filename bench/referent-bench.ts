// The referent's upload in headless Chromium on the built app: time from the file chosen
// (setInputFiles) to the report shown and to the preview drawn, for generated 100,000- and
// 1,000,000-row situations files, with the peak JS heap of the page (CDP JSHeapUsedSize) and the
// peak memory of all Chromium processes (RSS, workers and DuckDB's wasm included).
// Goals: 100k reported < 2 s and previewed < 3 s; 1M completes with the tab under 1 GB.
// Also where the time goes: each step's duration, from the messages of the page's workers (the
// check's and DuckDB's) and the DOM, timed in the page by a script the bench adds (the app itself
// logs nothing).
// Workbooks beside CSV: the same rows as an XLSX (months as dates shown « mars 2026 », numbers as
// numbers, shared strings, as Excel saves them), 100,000 rows by default (BENCH_XLSX_SIZES), with
// the ratio of its report time to the CSV's. Goal: 100k rows of XLSX reported < 3 s.
// Run alone: npx tsx bench/referent-bench.ts (BENCH_SIZES=100000,1000000 to change the sizes;
// BENCH_PICK_DELAY_MS=5000 to choose the file as a referent would, seconds after the page opened,
// the page loading the preview's engine meanwhile; by default the file is chosen at once).
import { readdirSync, readFileSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { FIELDS } from '../data-contracts/fields';
import { generateRows, rowsToCsv } from '../data-contracts/generate';
import { makeXlsx, referentTable } from '../support/spreadsheets';
import { launchBrowser } from '../support/browser';
import { startServer } from '../support/server';
import { loginCookie } from '../support/session';

export interface ReferentBenchResult {
	rows: number;
	format: 'csv' | 'xlsx';
	/** Time between the page opened and the file chosen. */
	pickDelayMs: number;
	fileBytes: number;
	reportMs: number;
	previewMs: number;
	peakHeapBytes: number;
	peakChromiumRssBytes: number;
	/** the tab's renderer process (with its workers) */
	peakTabRssBytes: number;
	/** Chromium RSS with the upload page open, before the file is chosen */
	baselineChromiumRssBytes: number;
	/** milliseconds per step (see STEPS) */
	steps: Record<string, number>;
}

const PICK_DELAY_MS = Number(process.env.BENCH_PICK_DELAY_MS ?? 0);

// Timestamps in the page: the file chosen, the check worker's messages, DuckDB's requests and
// answers (its worker protocol: `type`, `messageId` / `requestId`), the report and first chart
// in the DOM. Plain JavaScript in a string: it runs in the page before the app.
const TIMING_SCRIPT = `(() => {
	const marks = (window.__bpMarks = {});
	const mark = (k) => { if (!(k in marks)) marks[k] = performance.now(); };
	const last = (k) => { marks[k] = performance.now(); };
	addEventListener('change', () => mark('chosen'), true);
	const W = window.Worker;
	window.Worker = class extends W {
		constructor(url, options) {
			super(url, options);
			const duck = String(url).includes('duckdb');
			const sent = new Map();
			const post = this.postMessage.bind(this);
			this.postMessage = (m, t) => {
				if (duck && m && m.type) {
					sent.set(m.messageId, m.type);
					if (m.type === 'INSTANTIATE') mark('engineStart');
					if (m.type === 'INSERT_ARROW_FROM_IPC_STREAM') mark('insertStart');
					if (m.type === 'CREATE_PREPARED' && 'insertEnd' in marks) mark('queriesStart');
				}
				return post(m, t);
			};
			this.addEventListener('message', (e) => {
				const d = e.data;
				if (!d || typeof d !== 'object') return;
				if (!duck) {
					if (d.type === 'progress') mark('workerReady');
					else if (d.type === 'report') mark('report');
					else if (d.type === 'rows-done') mark('rows');
					return;
				}
				const asked = sent.get(d.requestId);
				if (asked === 'OPEN') mark('engineReady');
				if (asked === 'INSERT_ARROW_FROM_IPC_STREAM') last('insertEnd');
				if (asked === 'RUN_PREPARED') last('queriesEnd');
			});
		}
	};
	new MutationObserver(() => {
		if (document.querySelector('[data-testid=conforme], [data-testid=rapport]')) mark('reportShown');
		if (document.querySelector('[data-testid=apercu] .bp-chart__canvas svg')) mark('chart');
	}).observe(document, { childList: true, subtree: true });
})();`;

/** Steps: [label, from mark, to mark]. */
const STEPS: [string, string, string][] = [
	['worker prêt', 'chosen', 'workerReady'],
	['contrôle', 'workerReady', 'report'],
	['rapport affiché', 'report', 'reportShown'],
	['lignes Arrow', 'report', 'rows'],
	['moteur (téléchargement, compilation, ouverture)', 'engineStart', 'engineReady'],
	['insertion', 'insertStart', 'insertEnd'],
	['requêtes', 'queriesStart', 'queriesEnd'],
	['graphiques', 'queriesEnd', 'chart'],
	// in the page, from the change event: without the test driver's transfer of the file
	['rapport dans la page', 'chosen', 'reportShown'],
	['aperçu dans la page', 'chosen', 'chart']
];

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const XLSX_SIZES = (process.env.BENCH_XLSX_SIZES ?? '100000')
	.split(',')
	.filter(Boolean)
	.map(Number);

/** The same generated rows as an XLSX: codes as text, months as date cells, numbers as numbers. */
function writeXlsx(file: string, rows: number): number {
	const fields = FIELDS.situations.map((f) => ({ ...f, labels: undefined }));
	const gen = generateRows('situations', { seed: 2026, rows, period: PERIOD });
	const bytes = makeXlsx([{ name: 'situations', rows: referentTable(fields, gen).cells }]);
	writeFileSync(file, bytes);
	return bytes.length;
}
const GROUP = 'evry-courcouronnes-cve';
const PERIOD = '2026-S1';

async function writeCsv(file: string, rows: number): Promise<number> {
	const out = createWriteStream(file);
	let buf = '\uFEFF';
	let size = 0;
	for (const line of rowsToCsv(
		'situations',
		generateRows('situations', { seed: 2026, rows, period: PERIOD })
	)) {
		buf += line;
		if (buf.length > 1 << 20) {
			size += Buffer.byteLength(buf);
			if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
			buf = '';
		}
	}
	size += Buffer.byteLength(buf);
	out.write(buf);
	await new Promise<void>((r) => out.end(r));
	return size;
}

/**
 * RSS of every Chromium process started by this process (browser, renderers, workers' hosts),
 * and the largest renderer's alone: the tab, whose dedicated workers (the check, DuckDB) run in
 * its process.
 */
function chromiumRss(): { total: number; tab: number } {
	const parent = new Map<number, number>();
	const names = new Map<number, string>();
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
			const close = stat.lastIndexOf(')');
			parent.set(Number(d), Number(stat.slice(close + 2).split(' ')[1]));
			names.set(Number(d), stat.slice(stat.indexOf('(') + 1, close));
		} catch {
			// process gone
		}
	}
	const mine = (pid: number) => {
		for (let p = pid, guard = 0; p > 1 && guard < 50; guard++) {
			if (p === process.pid) return true;
			p = parent.get(p) ?? 0;
		}
		return false;
	};
	let total = 0;
	let tab = 0;
	for (const [pid, name] of names) {
		if (!/chrom/i.test(name) || !mine(pid)) continue;
		try {
			const status = readFileSync(`/proc/${pid}/status`, 'utf8');
			const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
			total += rss;
			if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'))
				tab = Math.max(tab, rss);
		} catch {
			// process gone
		}
	}
	return { total, tab };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} Mo`;

export async function run(): Promise<ReferentBenchResult[]> {
	const dir = mkdtempSync(path.join(tmpdir(), 'bp-referent-bench-'));
	// The 1M-row file (≈ 175 MB) is over the 50 MB upload limit: the bench raises it, since it
	// measures the browser's check and preview (nothing is sent).
	const server = await startServer({
		env: { BP_DEMO: '1', BP_UPLOAD_MAX_BYTES: String(400 * 1024 * 1024) },
		timeoutMs: 180_000
	});
	const browser = await launchBrowser();
	const results: ReferentBenchResult[] = [];
	try {
		const cookie = await loginCookie(server.url, 'referent.cve.evry@demo.bilans.fr');
		const [name, value] = cookie.split('=');
		await browser.context.addCookies([{ name, value, url: server.url }]);
		// Each size with the file chosen as soon as the page opens (the worst case: the engine for the
		// preview starts after the report); the smaller ones also 5 s later, as a referent would.
		const delays = (rows: number) =>
			process.env.BENCH_PICK_DELAY_MS !== undefined
				? [PICK_DELAY_MS]
				: rows <= 100_000
					? [0, 5000]
					: [0];
		const cases = [
			...SIZES.flatMap((rows) =>
				delays(rows).map((delay) => ({ rows, delay, format: 'csv' as const }))
			),
			...XLSX_SIZES.flatMap((rows) =>
				delays(rows).map((delay) => ({ rows, delay, format: 'xlsx' as const }))
			)
		];
		for (const { rows, delay, format } of cases) {
			const file = path.join(dir, `situations-${rows}.${format}`);
			const fileBytes = format === 'csv' ? await writeCsv(file, rows) : writeXlsx(file, rows);
			const page = await browser.newPage();
			await page.addInitScript(TIMING_SCRIPT);
			const cdp = await browser.context.newCDPSession(page);
			await cdp.send('Performance.enable');
			await page.goto(`${server.url}/groupe/${GROUP}/${PERIOD}/situations`);
			await page.waitForSelector('[data-testid=fichier]');
			if (delay) await page.waitForTimeout(delay);
			const baselineRss = chromiumRss().total;
			let peakHeap = 0;
			let peakRss = 0;
			let peakTab = 0;
			let sampling = true;
			const sampler = (async () => {
				while (sampling) {
					try {
						const { metrics } = await cdp.send('Performance.getMetrics');
						const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
						peakHeap = Math.max(peakHeap, heap);
					} catch {
						// page closing
					}
					const rss = chromiumRss();
					peakRss = Math.max(peakRss, rss.total);
					peakTab = Math.max(peakTab, rss.tab);
					await new Promise((r) => setTimeout(r, 100));
				}
			})();
			const t0 = performance.now();
			await page.setInputFiles('[data-testid=fichier]', file);
			await page.waitForSelector('[data-testid=conforme], [data-testid=rapport]', {
				timeout: 600_000
			});
			const reportMs = performance.now() - t0;
			await page.waitForSelector('[data-testid=apercu] .bp-chart__canvas svg', {
				timeout: 600_000
			});
			const previewMs = performance.now() - t0;
			sampling = false;
			await sampler;
			const marks = await page.evaluate(
				() => (window as unknown as { __bpMarks: Record<string, number> }).__bpMarks
			);
			const steps: Record<string, number> = {};
			for (const [label, from, to] of STEPS)
				if (from in marks && to in marks) steps[label] = marks[to] - marks[from];
			// When the engine started relative to the file chosen (negative: before it).
			if ('engineStart' in marks)
				steps['moteur démarré après le choix'] = marks.engineStart - marks.chosen;
			await page.close();
			const r = {
				rows,
				format,
				pickDelayMs: delay,
				fileBytes,
				reportMs,
				previewMs,
				peakHeapBytes: peakHeap,
				peakChromiumRssBytes: peakRss,
				peakTabRssBytes: peakTab,
				baselineChromiumRssBytes: baselineRss,
				steps
			};
			results.push(r);
			console.log(
				`${format.toUpperCase()} ${rows.toLocaleString('fr-FR')} lignes (${mb(fileBytes)}), fichier choisi ${delay ? `${delay / 1000} s après` : 'dès'} l’ouverture de la page : rapport ${(reportMs / 1000).toFixed(2)} s, aperçu ${(previewMs / 1000).toFixed(2)} s, tas JS max ${mb(peakHeap)}, onglet max ${mb(peakTab)}, mémoire Chromium max ${mb(peakRss)} (${mb(baselineRss)} avant le fichier, +${mb(peakRss - baselineRss)})`
			);
			console.log(
				'  ' +
					Object.entries(steps)
						.map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
						.join(', ')
			);
			rmSync(file, { force: true });
			const csv = results.find(
				(x) => x.format === 'csv' && x.rows === rows && x.pickDelayMs === delay
			);
			if (format === 'xlsx' && csv)
				console.log(
					`  XLSX / CSV : rapport ${(reportMs / csv.reportMs).toFixed(2)} ×, contrôle ${((steps['contrôle'] ?? 0) / (csv.steps['contrôle'] ?? 1)).toFixed(2)} × (objectif : rapport < 3 s)`
				);
		}
	} finally {
		await browser.close();
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
	return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
