// The plenary dashboard in Chromium on the built app: the élu of Évry sees figures and charts
// with JavaScript disabled, then the filters answer through DuckDB-WASM; a small commune's small
// counts read « s » and no payload of the page holds a hidden count (checked against the true
// counts computed here from the server's SQLite file); the PDF has the right pages; the élu of
// Massy gets 403 everywhere on Évry's bilan; axe finds no serious or critical violation.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { unflatten } from 'devalue';
import { parquetReadObjects } from 'hyparquet';
import type { Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../../src/lib/server/db';
import { findChromium, launchBrowser, watchConsole } from '../helpers/browser';
import { ROOT } from '../helpers/server';
import { axeViolations } from '../helpers/axe';
import { loginCookie, switchUser } from '../helpers/session';
import { useApp } from '../helpers/app';

const EVRY = '/commune/91228/2025-S2';
const SMALL = '/commune/91145/2025-S1';
const SHOTS = path.join(ROOT, 'docs/screenshots');

/** Every object in a devalue-decoded value with a `status` and a `value` (cells, data, figures). */
function cellsIn(value: unknown, out: { value: unknown; status: string }[] = []) {
	if (Array.isArray(value)) for (const v of value) cellsIn(v, out);
	else if (value && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if (typeof o.status === 'string' && 'value' in o)
			out.push({ value: o.value, status: o.status });
		for (const v of Object.values(o)) cellsIn(v, out);
	}
	return out;
}

const chromium = findChromium();

describe.runIf(chromium || process.env.CI)('plenary dashboard in Chromium', () => {
	const app = useApp();
	beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

	it('shows figures and charts with JavaScript disabled', async () => {
		const noJs = await launchBrowser({ javaScriptEnabled: false });
		try {
			const page = await noJs.newPage();
			await switchUser(page, app.server.url, 'elu.evry@demo.bilans.fr', '/commune');
			// An élu with one commune lands on its latest period.
			expect(new URL(page.url()).pathname).toBe(EVRY);
			await expect(page.locator('h1').textContent()).resolves.toContain('Évry-Courcouronnes');
			const situations = await page
				.locator('[data-figure="situations"] .bp-figure__value')
				.textContent();
			expect(situations?.trim()).toMatch(/^\d[\d\u202f]*$/);
			expect(await page.locator('.bp-chart svg[role="img"]').count()).toBeGreaterThanOrEqual(6);
			// Each chart has a text alternative.
			for (const svg of await page.locator('.bp-chart svg[role="img"]').all())
				expect(await svg.getAttribute('aria-description')).toBeTruthy();
			await expect(page.locator('#indicateur-information table').count()).resolves.toBe(1);
			// QPV, examinations and months to closure, cut from the joint set like every count:
			// each cell a number or « s », never a bound
			for (const id of ['qpv', 'examens', 'delai-cloture']) {
				const cells = await page
					.locator(`#indicateur-${id} tbody td:nth-child(2)`)
					.allTextContents();
				expect(cells.length, id).toBeGreaterThan(0);
				for (const c of cells)
					expect(c.replace(/\s+/g, ' ').trim(), id).toMatch(/^(s( \(.*\))?|\d[\d\u202f]*)$/);
			}
			await expect(page.locator('.bp-bilan').count()).resolves.toBeGreaterThan(0);
			// Filters work without JavaScript: the GET form is answered by the server.
			await page.locator('#filtre-groupe').selectOption('evry-courcouronnes-cve');
			await Promise.all([
				page.waitForURL((u) => u.searchParams.get('groupe') === 'evry-courcouronnes-cve'),
				page.getByRole('button', { name: 'Filtrer' }).click()
			]);
			await expect(page.locator('#etat-filtres').textContent()).resolves.toContain(
				'Cellule de veille éducative'
			);
		} finally {
			await noJs.close();
		}
	}, 120_000);

	it('becomes interactive: DuckDB loads after the first paint and answers the filters', async () => {
		const page = await app.browser.newPage();
		const messages = watchConsole(page);
		await switchUser(page, app.server.url, 'elu.evry@demo.bilans.fr', EVRY);
		const wasm: number[] = [];
		page.on('request', (r) => {
			if (/\.wasm$/.test(new URL(r.url()).pathname)) wasm.push(Date.now());
		});
		const started = Date.now();
		await page.goto(`${app.server.url}${EVRY}`);
		const fcp = await page.evaluate(async () => {
			for (let i = 0; i < 100; i++) {
				const e = performance.getEntriesByName('first-contentful-paint')[0];
				if (e) return e.startTime;
				await new Promise((r) => setTimeout(r, 20));
			}
			return null;
		});
		expect(fcp).not.toBeNull();
		await page.waitForSelector('form[data-phase="ready"]', { timeout: 60_000 });
		// The wasm was fetched, but only after the first paint.
		expect(wasm.length).toBeGreaterThan(0);
		expect(Math.min(...wasm) - started).toBeGreaterThan(fcp as number);

		// a group is published by its totals only: its filter is answered in the browser all the same
		await page.locator('#filtre-groupe').selectOption('evry-courcouronnes-cls');
		await page.waitForSelector('form[data-answers="1"]');
		await expect(page.locator('#etat-filtres').textContent()).resolves.toMatch(
			/Filtres appliqués dans le navigateur/
		);
		// Table view of the chart, with the same numbers.
		await page
			.locator('#bp-chart-problematique')
			.getByRole('button', { name: 'Voir le tableau' })
			.click();
		await expect(page.locator('#bp-chart-problematique table caption').textContent()).resolves.toBe(
			'Situations par problématique'
		);
		// Period range: the trend follows.
		await page.locator('#filtre-de').selectOption('2024-S2');
		await page.waitForSelector('form[data-answers="2"]');
		await page.waitForFunction(
			() =>
				!document
					.querySelector('#bp-chart-tendance .bp-chart__canvas')
					?.innerHTML.includes('2023-S1')
		);
		expect(await page.locator('#bp-chart-tendance .bp-chart__canvas').innerHTML()).not.toContain(
			'2023-S1'
		);
		expect(messages.filter((m) => /error/i.test(m))).toEqual([]);

		// Keyboard: the filters and the chart toggles are reachable with Tab.
		await page.goto(`${app.server.url}${EVRY}`);
		await page.locator('#filtre-type').focus();
		await page.keyboard.press('Tab');
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('filtre-groupe');

		await page.locator('form[data-phase="ready"]').waitFor({ timeout: 60_000 });
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: path.join(SHOTS, 'commune.png'), fullPage: false });
		await page.close();
	}, 180_000);

	it('publishes nothing of a commune whose only group is too small, in no payload', async () => {
		const page = await app.browser.newPage();
		await switchUser(page, app.server.url, 'analyste@demo.bilans.fr', '/commune');
		// The analyste's list: searchable, with the département's communes that have groups.
		await page.locator('#recherche-commune').fill('Chatignon');
		await Promise.all([page.waitForURL(/q=Chatignon/), page.keyboard.press('Enter')]);
		await expect(page.locator('tbody tr').count()).resolves.toBe(1);

		const bodies: { url: string; body: Buffer }[] = [];
		page.on('response', async (r: Response) => {
			const u = new URL(r.url());
			if (u.pathname.startsWith('/_app/')) return;
			try {
				bodies.push({ url: r.url(), body: await r.body() });
			} catch {
				// redirects have no body
			}
		});
		await page.goto(`${app.server.url}${SMALL}`);
		await page.waitForSelector('form[data-phase="ready"]', { timeout: 60_000 });
		const dataJson = await page.request.get(
			`${app.server.url}${SMALL}/__data.json?x-sveltekit-invalidated=01`
		);
		bodies.push({ url: dataJson.url(), body: await dataJson.body() });
		// Its one group has 1 to 4 situations a semester: withheld, the page prints no count.
		const situations = await page
			.locator('[data-figure="situations"] .bp-figure__value')
			.textContent();
		expect(situations ?? '').not.toMatch(/\d/);
		await expect(page.getByTestId('groupe-retenu').first().textContent()).resolves.toContain(
			'ne sont pas publiés'
		);
		const html = bodies.find((b) => new URL(b.url).pathname === SMALL)?.body.toString('utf8');
		expect(html).toBeDefined();
		expect(html).not.toContain('&lt; 5');

		// Parquet: no cell at all.
		const parquet = bodies.find((b) => b.url.endsWith('/2025-S1/donnees.parquet'));
		expect(parquet).toBeDefined();
		const buf = parquet!.body;
		const cells = await parquetReadObjects({
			file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer
		});
		expect(cells).toEqual([]);

		// Page data (HTML's inline data and __data.json): every hidden cell has no value.
		const json = bodies.find((b) => b.url.includes('__data.json'));
		expect(json).toBeDefined();
		const parsed = JSON.parse(json!.body.toString('utf8')) as {
			nodes: ({ type: string; data?: unknown[] } | null)[];
		};
		const decoded = parsed.nodes
			.filter((n) => n?.type === 'data' && n.data)
			.map((n) => unflatten(n!.data as unknown[]));
		const all = cellsIn(decoded);
		// the page's data carry no count of it
		expect(all.filter((c) => c.value !== null && c.value !== 0)).toEqual([]);
		const figureHtml = /data-figure="situations"[\s\S]*?<\/li>/.exec(html as string)?.[0] ?? '';
		expect(figureHtml).not.toMatch(/>\s*\d+\s*</);
		await page.close();
	}, 180_000);

	it('prints an A4 view and a PDF with the right pages', async () => {
		const page = await app.browser.newPage();
		await switchUser(page, app.server.url, 'elu.evry@demo.bilans.fr', `${EVRY}/imprimer`);
		await expect(page.locator('.bp-doc__header').textContent()).resolves.toMatch(
			/Évry-Courcouronnes[\s\S]*2e semestre 2025[\s\S]*Édité le[\s\S]*Document non nominatif/
		);
		expect(await page.locator('.bp-chart svg[role="img"]').count()).toBeGreaterThanOrEqual(6);
		expect(await axeViolations(page)).toEqual([]);
		await page.emulateMedia({ media: 'print' });
		await page.screenshot({ path: path.join(SHOTS, 'impression.png'), fullPage: false });
		await page.emulateMedia({ media: 'screen' });

		const res = await page.request.get(`${app.server.url}${EVRY}/bilan.pdf`);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe('application/pdf');
		const dir = mkdtempSync(path.join(tmpdir(), 'bp-pdf-'));
		try {
			const file = path.join(dir, 'bilan.pdf');
			writeFileSync(file, await res.body());
			const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
			const pages = text.split('\f').filter((p) => p.trim());
			expect(pages.length).toBeGreaterThanOrEqual(4);
			expect(text).toContain('Évry-Courcouronnes');
			expect(text.toLowerCase()).toContain('document non nominatif');
			// Sections start on their own pages.
			expect(pages.some((p) => /^\s*Indicateurs du protocole/m.test(p))).toBe(true);
			expect(pages.some((p) => /^\s*Bilans qualitatifs des groupes/m.test(p))).toBe(true);
			expect(text).not.toContain('Version imprimable');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		// The export is in the audit log.
		const sqlite = new Database(sqliteFile(app.server.dataDir), { readonly: true });
		const audited = sqlite
			.prepare(
				`select count(*) as n from audit_log where action = 'export.pdf' and target_id = '91228'`
			)
			.get() as { n: number };
		sqlite.close();
		expect(audited.n).toBeGreaterThan(0);
		await page.close();
	}, 180_000);

	it('refuses Évry’s bilan to the élu of Massy', async () => {
		const cookie = await loginCookie(app.server.url, 'elu.massy@demo.bilans.fr');
		for (const p of [
			'/commune/91228',
			EVRY,
			`${EVRY}/donnees.parquet`,
			`${EVRY}/imprimer`,
			`${EVRY}/bilan.pdf`
		]) {
			const res = await fetch(app.server.url + p, { headers: { cookie }, redirect: 'manual' });
			expect([p, res.status]).toEqual([p, 403]);
		}
		// The page's data for client navigation: an error node, no bilan data.
		const data = await fetch(`${app.server.url}${EVRY}/__data.json?x-sveltekit-invalidated=01`, {
			headers: { cookie }
		});
		const body = await data.text();
		expect(body).toContain('403');
		expect(body).not.toContain('evry-courcouronnes-cve');
	});
});
