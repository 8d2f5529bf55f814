// The plenary bilan as a PDF file, printed by the system's Chromium (Debian `chromium`, or
// CHROMIUM_PATH) through playwright-core: it reads the print view of this very server with the
// requesting user's session (so the same access checks apply) and prints it on A4. Without
// Chromium the app offers the browser's own print dialog instead. Chromium is heavy: one browser
// is shared by every PDF (a fresh context each), at most BP_PDF_CONCURRENCY print at once with a
// bounded queue behind them, and a PDF is cached by the exact content it prints (the print view's
// HTML without its scripts, which Chromium does not run), so a release printed once is served
// from memory until its content changes — new data, k, a renamed group, the day's date.
import type { Browser } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { config } from '../config';

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
	const { chromiumPath, enabled } = config().pdf;
	if (chromiumPath) {
		found = existsSync(chromiumPath) ? chromiumPath : null;
		return found;
	}
	if (!enabled) return found;
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

export class PdfBusy extends Error {
	constructor() {
		super('too many PDFs waiting');
	}
}

function escapeHtml(s: string): string {
	return s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
	);
}

let shared: Promise<Browser> | null = null;

/** The one Chromium of this server, launched on first use and again if it ever goes away. */
function sharedBrowser(): Promise<Browser> {
	shared ??= (async () => {
		const executablePath = findChromium();
		if (!executablePath) throw new Error('Chromium unavailable');
		// Resolved at run time from node_modules, never bundled (playwright-core reads its own
		// files): a name known only at run time keeps the bundler away.
		const name = config().pdf.playwrightModule;
		const { chromium } = (await import(
			/* @vite-ignore */ name
		)) as typeof import('playwright-core');
		const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
		browser.on('disconnected', () => (shared = null));
		return browser;
	})();
	shared.catch(() => (shared = null));
	return shared;
}

async function print(r: PdfRequest, html: string): Promise<Uint8Array> {
	const browser = await sharedBrowser();
	const context = await browser.newContext({
		locale: 'fr-FR',
		javaScriptEnabled: false,
		extraHTTPHeaders: { cookie: r.cookie }
	});
	try {
		const page = await context.newPage();
		// The document is the very HTML the cache key was computed from; its styles and images
		// come from this server as usual.
		const target = new URL(r.url).href;
		await page.route(
			(u) => u.href === target,
			(route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
		);
		await page.goto(target, { waitUntil: 'load', timeout: r.timeoutMs ?? 30_000 });
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
		await context.close().catch(() => undefined);
	}
}

/** At most `limit` tasks at once, at most `queue` waiting; beyond, PdfBusy. */
class Limiter {
	private running = 0;
	private readonly waiting: (() => void)[] = [];
	constructor(
		private readonly limit: number,
		private readonly queue: number
	) {}
	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.running >= this.limit) {
			if (this.waiting.length >= this.queue) throw new PdfBusy();
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else this.running++;
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.running--;
		}
	}
}

let limiter: Limiter | null = null;
const CACHE_SIZE = 64;
/** PDFs by content key, oldest first; a pending render is shared by concurrent requests. */
const cache = new Map<string, Promise<Uint8Array>>();

/** The print view's HTML as Chromium will print it: no scripts (never run), no nonces. */
export function printableHtml(html: string): string {
	return html
		.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
		.replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, '')
		.replace(/\snonce="[^"]*"/g, '');
}

/** Reads the print view as the user sees it; throws unless it answers 200. */
async function fetchPrintView(r: PdfRequest): Promise<string> {
	const res = await fetch(r.url, {
		headers: { cookie: r.cookie, accept: 'text/html' },
		redirect: 'manual',
		signal: AbortSignal.timeout(r.timeoutMs ?? 30_000)
	});
	if (res.status !== 200) throw new Error(`print view answered ${res.status}`);
	return printableHtml(await res.text());
}

/**
 * Prints the page to an A4 PDF, or serves the PDF already printed from the same content.
 * Throws PdfBusy when too many renders are waiting.
 */
export async function renderPdf(r: PdfRequest): Promise<Uint8Array> {
	const html = await fetchPrintView(r);
	const key = createHash('sha256').update(`${r.url}\0${r.footer}\0${html}`).digest('hex');
	const hit = cache.get(key);
	if (hit) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	limiter ??= new Limiter(config().pdf.concurrency, config().pdf.queue);
	const job = limiter.run(() => print(r, html));
	cache.set(key, job);
	job.catch(() => cache.delete(key));
	while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
	return job;
}

/** Base URL the server reaches itself on (loopback in production, else the request's origin). */
export function internalOrigin(requestOrigin: string): string {
	const { pdf, host: listen, port } = config();
	if (pdf.origin) return pdf.origin;
	if (port) {
		const host = listen && !['0.0.0.0', '::'].includes(listen) ? listen : '127.0.0.1';
		return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	}
	return requestOrigin;
}
