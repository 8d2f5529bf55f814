// The plenary bilan as a PDF file, printed by the system's Chromium (Debian `chromium`, or
// CHROMIUM_PATH) through playwright-core: it loads the print view of this very server with the
// requesting user's session (so the same access checks apply) and prints it on A4. Without
// Chromium the app offers the browser's own print dialog instead. One PDF at a time: Chromium is
// heavy, and a queue keeps a burst of exports from exhausting the server.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { env } from '$env/dynamic/private';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

let found: string | null | undefined;

/** Path of the system Chromium, or null (looked up once). */
export function findChromium(): string | null {
	if (found !== undefined) return found;
	found = null;
	const override = env.CHROMIUM_PATH;
	if (override) {
		found = existsSync(override) ? override : null;
		return found;
	}
	if (env.BP_PDF === '0') return found;
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		try {
			const path = execFileSync('which', [name], { encoding: 'utf8' }).trim();
			if (path) {
				found = path;
				break;
			}
		} catch {
			// not on PATH
		}
	}
	return found;
}

export function pdfAvailable(): boolean {
	return findChromium() !== null;
}

export interface PdfRequest {
	/** absolute URL of the print view, reachable from this server */
	url: string;
	/** `Cookie` header carrying the user's session */
	cookie: string;
	/** footer text (commune, period) */
	footer: string;
	timeoutMs?: number;
}

let queue: Promise<unknown> = Promise.resolve();

function escapeHtml(s: string): string {
	return s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
	);
}

async function print(r: PdfRequest): Promise<Uint8Array> {
	const executablePath = findChromium();
	if (!executablePath) throw new Error('Chromium unavailable');
	// Resolved at run time from node_modules, never bundled (playwright-core reads its own files):
	// a name known only at run time keeps the bundler away.
	const name = env.BP_PLAYWRIGHT_MODULE || 'playwright-core';
	const { chromium } = (await import(/* @vite-ignore */ name)) as typeof import('playwright-core');
	const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
	try {
		const context = await browser.newContext({
			locale: 'fr-FR',
			javaScriptEnabled: false,
			extraHTTPHeaders: { cookie: r.cookie }
		});
		const page = await context.newPage();
		const res = await page.goto(r.url, { waitUntil: 'load', timeout: r.timeoutMs ?? 30_000 });
		if (!res || res.status() !== 200)
			throw new Error(`print view answered ${res?.status() ?? 'nothing'}`);
		await page.emulateMedia({ media: 'print' });
		const pdf = await page.pdf({
			format: 'A4',
			printBackground: true,
			margin: { top: '15mm', bottom: '18mm', left: '15mm', right: '15mm' },
			displayHeaderFooter: true,
			headerTemplate: '<span></span>',
			footerTemplate: `<div style="font-size:8px;width:100%;padding:0 15mm;display:flex;justify-content:space-between;font-family:Arial,sans-serif"><span>${escapeHtml(r.footer)} — document non nominatif</span><span>Page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`
		});
		return new Uint8Array(pdf);
	} finally {
		await browser.close();
	}
}

/** Prints the page to an A4 PDF (queued: one Chromium at a time). */
export function renderPdf(r: PdfRequest): Promise<Uint8Array> {
	const run = queue.then(
		() => print(r),
		() => print(r)
	);
	queue = run.catch(() => undefined);
	return run;
}

/** Base URL the server reaches itself on (loopback in production, else the request's origin). */
export function internalOrigin(requestOrigin: string): string {
	if (env.BP_PDF_ORIGIN) return env.BP_PDF_ORIGIN.replace(/\/$/, '');
	const port = env.PORT;
	if (port) {
		const host = env.HOST && !['0.0.0.0', '::', ''].includes(env.HOST) ? env.HOST : '127.0.0.1';
		return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	}
	return requestOrigin;
}
