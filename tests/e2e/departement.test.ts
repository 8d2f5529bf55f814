// The département end to end in Chromium, as the demo analyst: open a campaign and watch its
// board fill as a referent sends a file (through the referent's own upload endpoint), compare
// communes per 1,000 inhabitants in DuckDB-WASM, export the table (CSV and XLSX re-read), write
// a commentary and produce the annual bilan PDF (pdftotext). Referents and élus get 403; axe
// finds no serious or critical violation; screenshots for the docs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv } from '../../data-contracts/generate';
import { sqliteFile } from '../../src/lib/server/db';
import { axeViolations } from '../helpers/axe';
import { loginCookie, useSession } from '../helpers/session';
import { useApp } from '../helpers/app';
import { findChromium } from '../helpers/browser';
import { ROOT } from '../helpers/server';

const SHOTS = path.join(ROOT, 'docs/screenshots');

/** "1 234,5 ‰" → 1234.5 */
const frenchNumber = (s: string) => Number(s.replace(/[\s\u202f\u00a0‰%]/g, '').replace(',', '.'));

const FORMULA = /^[=+\-@\t\r]/;

const chromium = findChromium();

describe.skipIf(!chromium && !process.env.CI)('département end to end', () => {
	const app = useApp({ page: true });
	const cookies: Record<string, string> = {};
	const base = () => `${app.server.url}/departement/91`;

	beforeAll(async () => {
		for (const [who, email] of [
			['analyste', 'analyste@demo.bilans.fr'],
			['referent', 'referent.cve.evry@demo.bilans.fr'],
			['elu', 'elu.evry@demo.bilans.fr']
		])
			cookies[who] = await loginCookie(app.server.url, email);
		await useSession(app.browser.context, app.server.url, cookies.analyste);
		mkdirSync(SHOTS, { recursive: true });
	});

	const boardCell = (group: string, kind: string) =>
		app.page.locator(`tr[data-group="${group}"] td[data-kind="${kind}"]`);

	it('opens a campaign and the status board fills as a referent sends a file', async () => {
		await app.page.goto(`${base()}/campagnes`);
		await app.page.locator('#period').fill('2026-S2');
		const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		await app.page.locator('#dueDate').fill(due);
		await app.page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
		await app.page.waitForURL(/\/campagnes\/[0-9a-f-]{36}$/);
		const boardUrl = app.page.url();
		expect(await app.page.getByTestId('count-envoye').textContent()).toBe('0');
		expect(await app.page.getByTestId('count-manquant').textContent()).toBe(String(41 * 4));
		expect(await boardCell('evry-courcouronnes-cve', 'situations').getAttribute('data-state')).toBe(
			'manquant'
		);

		// The referent sends its situations through the referent's own upload endpoint.
		const csv = [
			...rowsToCsv(
				'situations',
				generateRows('situations', { seed: 8, rows: 12, period: '2026-S2' })
			)
		].join('');
		const res = await fetch(
			`${app.server.url}/groupe/evry-courcouronnes-cve/2026-S2/situations/envoi?nom=situations.csv`,
			{
				method: 'POST',
				headers: { cookie: cookies.referent, origin: app.server.url, 'content-type': 'text/csv' },
				body: csv
			}
		);
		expect(res.status, await res.clone().text()).toBeLessThan(300);

		await app.page.goto(boardUrl);
		expect(await app.page.getByTestId('count-envoye').textContent()).toBe('1');
		const cell = boardCell('evry-courcouronnes-cve', 'situations');
		expect(await cell.getAttribute('data-state')).toBe('envoye');
		expect(await cell.textContent()).toContain('Envoyé v1');

		// Filter: the sent state only shows that group.
		await app.page.locator('#f-etat').selectOption('envoye');
		await app.page.getByRole('button', { name: 'Filtrer' }).click();
		await app.page.waitForURL(/etat=envoye/);
		expect(await app.page.locator('table[data-testid="board"] tbody tr').count()).toBe(1);
		await app.page.goto(boardUrl);
		expect(await axeViolations(app.page, 'main')).toEqual([]);
		await app.page.screenshot({ path: path.join(SHOTS, 'campagne.png'), fullPage: false });
	}, 120_000);

	it('compares two communes per 1,000 inhabitants in DuckDB-WASM, with the SQL shown', async () => {
		await app.page.goto(`${base()}/comparer?periode=2025-S2`);
		// First paint from the server: the table is there before DuckDB.
		expect(await app.page.locator('tr[data-unit="91228"]').count()).toBe(1);
		// The engine's status says when DuckDB has answered, and how many times.
		const engine = app.page.getByTestId('engine');
		const answered = async () =>
			Number(/(\d+) calculs?,/.exec((await engine.textContent()) ?? '')?.[1] ?? 0);
		await engine
			.getByText(/prête — \d+ calculs?, le dernier en \d+ ms/)
			.waitFor({ timeout: 90_000 });
		/** Picks an option and waits until the engine has answered it (one more calculation). */
		const change = async (select: string, value: string) => {
			const before = await answered();
			await app.page.locator(select).selectOption(value);
			await expect.poll(answered, { timeout: 30_000 }).toBeGreaterThan(before);
		};
		await change('#c-reference', '91228');
		const rows = app.page.locator('table[data-testid="compare-table"] tbody tr');
		expect(await rows.count()).toBe(9);
		const read = async (unit: string) => {
			const row = app.page.locator(`tr[data-unit="${unit}"]`);
			return {
				population: frenchNumber(
					(await row.locator('[data-col="population"]').textContent()) ?? ''
				),
				n: frenchNumber((await row.locator('[data-col="n"]').textContent()) ?? ''),
				rate: frenchNumber((await row.locator('[data-col="rate"]').textContent()) ?? '')
			};
		};
		const evry = await read('91228');
		const other = await app.page
			.locator('tr[data-unit]:not([data-unit="91228"])')
			.first()
			.getAttribute('data-unit');
		const peer = await read(other!);
		for (const r of [evry, peer]) {
			expect(r.population).toBeGreaterThan(1000);
			expect(r.rate).toBeCloseTo((r.n * 1000) / r.population, 1);
		}
		expect(app.page.url()).toContain('reference=91228');
		await app.page.evaluate(() => window.scrollTo(0, 0));
		await app.page.screenshot({ path: path.join(SHOTS, 'comparer.png'), fullPage: false });
		await app.page.locator('summary', { hasText: 'Voir la requête' }).first().click();
		expect(await app.page.locator('.bp-sql pre').first().textContent()).toContain(
			'c.value * 1000.0 / u.population'
		);
		// Back to all territories, an indicator with small counts: hidden markers, no rate from them.
		await change('#c-reference', '');
		await change('#c-indicateur', 'problematique:logement');
		expect(await rows.count()).toBeGreaterThan(9);
		const hiddenRows = app.page.locator('tr[data-unit] td[data-col="rate"]', { hasText: /^s$/ });
		expect(await hiddenRows.count()).toBeGreaterThan(0);
		expect(await axeViolations(app.page, 'main')).toEqual([]);
	}, 150_000);

	it('exports the table as CSV and XLSX with the markers, no formula and accents intact', async () => {
		const dir = path.join(tmpdir(), `bp-dep-${process.pid}`);
		mkdirSync(dir, { recursive: true });
		const download = async (name: RegExp) => {
			const [d] = await Promise.all([
				app.page.waitForEvent('download'),
				app.page.getByRole('link', { name }).first().click()
			]);
			const file = path.join(dir, d.suggestedFilename());
			await d.saveAs(file);
			return file;
		};
		const csvFile = await download(/Exporter le tableau — CSV/);
		expect(csvFile).toMatch(/comparer-91-2025-s2\.csv$/);
		const bytes = readFileSync(csvFile);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8').slice(1);
		const lines = text.split('\r\n').filter(Boolean);
		expect(lines[0].split(';')[0]).toBe('Territoire');
		expect(text).toContain('Évry-Courcouronnes');
		expect(text).toMatch(/;s;s\r\n/);
		expect(text).toMatch(/;\d+,\d{2}\r\n/);
		for (const line of lines)
			for (const field of line.split(';')) expect(field).not.toMatch(FORMULA);

		const xlsxFile = await download(/Exporter le tableau — XLSX/);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(xlsxFile);
		const ws = wb.worksheets[0];
		let markers = 0;
		let accents = false;
		ws.eachRow((row) =>
			row.eachCell((c) => {
				expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
				if (typeof c.value === 'string') {
					expect(c.value).not.toMatch(FORMULA);
					if (c.value === 's') markers++;
					if (c.value.includes('Évry-Courcouronnes')) accents = true;
				}
			})
		);
		expect(markers).toBeGreaterThan(0);
		expect(accents).toBe(true);
	}, 60_000);

	it('writes a commentary and produces the annual bilan PDF', async () => {
		await app.page.goto(`${base()}/bilan-annuel/2025`);
		expect(await app.page.getByTestId('total').textContent()).toMatch(/\d/);
		await app.page.locator('summary', { hasText: 'Introduction' }).click();
		await app.page
			.locator('#comment-introduction')
			.fill('Une année de consolidation des cellules de veille.');
		await app.page.getByRole('button', { name: 'Enregistrer' }).first().click();
		await app.page.getByText('Commentaire enregistré.').waitFor();
		expect(await axeViolations(app.page, 'main')).toEqual([]);

		const res = await fetch(`${base()}/bilan-annuel/2025/pdf`, {
			headers: { cookie: cookies.analyste }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const file = path.join(tmpdir(), `bp-bilan-${process.pid}.pdf`);
		writeFileSync(file, Buffer.from(await res.arrayBuffer()));
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		expect(text).toContain('Bilan 2025');
		expect(text).toContain('Conseil départemental de prévention');
		expect(text).toContain('Une année de consolidation des cellules de veille.');
		expect(text).toContain('Participation des groupes');
		expect(text).not.toContain('Voir la requête');
	}, 150_000);

	it('refuses referents and élus every département page and export', async () => {
		const urls = [
			`${base()}`,
			`${base()}/campagnes`,
			`${base()}/comparer`,
			`${base()}/comparer/donnees`,
			`${base()}/export?table=comparer&format=csv`,
			`${base()}/export?table=comparer&format=xlsx`,
			`${base()}/bilan-annuel/2025`,
			`${base()}/bilan-annuel/2025/pdf`
		];
		for (const who of ['referent', 'elu'])
			for (const url of urls) {
				const res = await fetch(url, { headers: { cookie: cookies[who] }, redirect: 'manual' });
				expect(res.status, `${who} ${url}`).toBe(403);
			}
	});

	it('records every export and campaign in the audit trail', () => {
		const db = new Database(sqliteFile(app.server.dataDir), { readonly: true });
		const actions = (
			db.prepare('select distinct action from audit_log').all() as { action: string }[]
		).map((r) => r.action);
		db.close();
		for (const a of ['campaign.open', 'export.csv', 'export.xlsx', 'export.pdf'])
			expect(actions).toContain(a);
		expect(app.console.filter((m) => m.startsWith('error') || m.startsWith('pageerror'))).toEqual(
			[]
		);
	});
});
