// The incident procedure (protocole §4) end to end in Chromium: the demo referent of Évry's CVE
// opens the group's letters from its home (open incidents first, with the days open), records a
// letter (a name in the precisions is refused and nothing is stored), then records its reply and
// closure; the élus, the analyst and another group's referent get 403 on both pages. The analyst
// reads the annual bilan's section (département counts only, « s » or a count of at least k in
// every cell) and exports it as CSV; the audit journal has both actions; screenshot for the docs.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../../src/lib/server/db';
import { axeViolations } from '../helpers/axe';
import { loginCookie } from '../helpers/session';
import { launchBrowser, watchConsole, type Browser } from '../helpers/browser';
import { ROOT, startServer, type RunningServer } from '../helpers/server';

const GROUP = 'evry-courcouronnes-cve';
const SHOTS = path.join(ROOT, 'docs/screenshots');
const K = 5;

describe('incident letters in Chromium', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	let messages: string[];
	const cookies: Record<string, string> = {};
	let letterHref = '';
	const list = () => `${server.url}/groupe/${GROUP}/incidents`;

	beforeAll(async () => {
		server = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		for (const [who, email] of [
			['referent', 'referent.cve.evry@demo.bilans.fr'],
			['autreReferent', 'referent.clspd.massy@demo.bilans.fr'],
			['elu', 'elu.evry@demo.bilans.fr'],
			['analyste', 'analyste@demo.bilans.fr'],
			['admin', 'admin@demo.bilans.fr']
		])
			cookies[who] = await loginCookie(server.url, email);
		browser = await launchBrowser();
		const [name, value] = cookies.referent.split('=');
		await browser.context.addCookies([{ name, value, url: server.url }]);
		page = await browser.newPage();
		messages = watchConsole(page);
		mkdirSync(SHOTS, { recursive: true });
	}, 240_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	const states = () =>
		page
			.locator('[data-testid=lettres] tbody tr')
			.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-open')));

	it('opens the letters from the group’s home, open incidents first', async () => {
		await page.goto(`${server.url}/groupe/${GROUP}`);
		await page.click('[data-testid=lien-incidents] a');
		await page.waitForURL(list());
		await expect(page.locator('h1').textContent()).resolves.toBe('Procédure d’incident');
		const open = await states();
		expect(open.length).toBeGreaterThan(1);
		// every open letter before every closed one
		expect(open.join(',')).toMatch(/^(oui,)*(oui|non)(,non)*$/);
		if (open[0] === 'oui')
			expect(await page.getByTestId('ouvert').first().textContent()).toMatch(/Ouvert depuis \d/);
	});

	it('refuses a name in the precisions, storing nothing, then records the letter', async () => {
		const before = (await states()).length;
		await page.fill('#lettre-date', '2026-11-27');
		await page.check('#sens-institution_vers_groupe');
		await page.selectOption('#lettre-institution', 'bailleur');
		await page.selectOption('#lettre-motif', 'desaccord_strategie');
		await page.fill('#lettre-precisions', 'Le bailleur conteste la stratégie pour Kevin Durand.');
		await page.click('button:has-text("Enregistrer la lettre")');
		await page.getByTestId('erreur').waitFor();
		expect(await page.getByTestId('erreur').textContent()).toContain('Rien n’a été enregistré');
		expect(await page.getByTestId('identifiant').count()).toBeGreaterThan(0);
		expect(await page.locator('#lettre-precisions').inputValue()).toContain('stratégie');
		expect((await states()).length).toBe(before);

		await page.fill('#lettre-precisions', 'Le bailleur conteste la stratégie retenue en séance.');
		await page.click('button:has-text("Enregistrer la lettre")');
		await page.getByTestId('resultat').waitFor();
		expect((await states()).length).toBe(before + 1);
		letterHref = (await page.locator('[data-testid=resultat] a').getAttribute('href')) ?? '';
		expect(letterHref).toMatch(/\/incidents\/[0-9a-f-]{36}$/);
		const row = page.locator(`[data-testid=lettres] tbody tr:has(a[href="${letterHref}"])`);
		await expect(row.textContent()).resolves.toContain('27 novembre 2026');
		await expect(row.getAttribute('data-open')).resolves.toBe('oui');
		await expect(row.textContent()).resolves.toContain("D'une institution vers le groupe");
		expect(await axeViolations(page, 'main')).toEqual([]);
		await page.locator('main').screenshot({ path: path.join(SHOTS, 'incidents.png') });
	});

	it('records the reply and the closure of that letter', async () => {
		await page.click(`[data-testid=lettres] a[href="${letterHref}"]`);
		await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
		expect(await page.getByTestId('etat').textContent()).toContain('Incident ouvert depuis');
		// a closure before the letter is refused with the reason
		await page.fill('#lettre-cloture', '2026-11-01');
		await page.click('button:has-text("Enregistrer les modifications")');
		await page.getByTestId('erreur').waitFor();
		expect(await page.getByTestId('erreur').textContent()).toContain(
			'La clôture ne peut pas précéder la lettre.'
		);
		await page.fill('#lettre-reponse', '2026-11-28');
		await page.fill('#lettre-cloture', '2026-12-02');
		await page.click('button:has-text("Enregistrer les modifications")');
		await page.getByTestId('resultat').waitFor();
		await expect(page.getByTestId('etat').textContent()).resolves.toContain(
			'Incident clos le 2 décembre 2026, 5 jours après la lettre.'
		);
		expect(await axeViolations(page, 'main')).toEqual([]);
	});

	it('refuses the letters to everyone but the group’s referents', async () => {
		const letter = page.url();
		for (const who of ['autreReferent', 'elu', 'analyste', 'admin'])
			for (const url of [list(), letter]) {
				const res = await fetch(url, { headers: { cookie: cookies[who] }, redirect: 'manual' });
				expect(res.status, `${who} ${url}`).toBe(403);
			}
	});

	it('shows the analyst the département’s protected counts, and exports them', async () => {
		const res = await fetch(`${server.url}/departement/91/bilan-annuel/2025`, {
			headers: { cookie: cookies.analyste }
		});
		expect(res.status).toBe(200);
		// the server-rendered page, without Svelte's hydration comments
		const html = (await res.text()).replace(/<!--.*?-->/g, '');
		const start = html.indexOf('data-testid="lettres-incident"');
		expect(start).toBeGreaterThan(0);
		const section = html.slice(start, html.indexOf('</section>', start));
		expect(section).toContain('Lettres d’incident enregistrées par les groupes');
		// every count cell of the three tables: the marker, zero, or at least k
		const cells = [...section.matchAll(/<td class="bp-num[^"]*">\s*(?:<span[^>]*>)?([^<]*)</g)].map(
			(m) => m[1].trim()
		);
		expect(cells.length).toBe(3 * 5 * 3);
		for (const c of cells)
			expect(c === 's' || c === '0' || Number(c.replace(/\s/g, '')) >= K, c).toBe(true);
		expect(section).not.toContain(GROUP);

		const csv = await fetch(
			`${server.url}/departement/91/export?table=bilan-lettres&annee=2025&format=csv`,
			{ headers: { cookie: cookies.analyste } }
		);
		expect(csv.status).toBe(200);
		const text = await csv.text();
		expect(text).toContain('Délai de réponse');
		for (const line of text.split('\r\n').filter((l) => /^(Motif|Délai)/.test(l)))
			for (const v of line.split(';').slice(2))
				expect(v === 's' || v === '0' || Number(v) >= K, line).toBe(true);
		const elu = await fetch(
			`${server.url}/departement/91/export?table=bilan-lettres&annee=2025&format=csv`,
			{ headers: { cookie: cookies.elu }, redirect: 'manual' }
		);
		expect(elu.status).toBe(403);
	});

	it('records both actions in the audit journal, codes only', () => {
		const db = new Database(sqliteFile(server.dataDir), { readonly: true });
		const rows = db
			.prepare(
				"select action, details from audit_log where action like 'lettre.%' or action = 'texte.refuse'"
			)
			.all() as { action: string; details: string }[];
		db.close();
		expect(rows.map((r) => r.action)).toEqual(
			expect.arrayContaining(['texte.refuse', 'lettre.enregistree', 'lettre.modifiee'])
		);
		for (const r of rows) expect(r.details).not.toMatch(/Durand|bailleur conteste/);
		expect(messages.filter((m) => m.startsWith('error') || m.startsWith('pageerror'))).toEqual([]);
	});
});
