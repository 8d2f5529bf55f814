// What people see on the paths of issue 13, in Chromium against the built demo app: a French
// Excel (Windows-1252) file stored as the browser reads it, typed text with a name or a phone
// refused before anything is stored, the upload page (preview kept after sending, send button
// under it, error grid opened at its first column, confirmation with the figure, rare values in
// words), campaign deadlines, « Compte activé », labels instead of codes, French elision and
// collation, and the admin's read-only view of a group's sending.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv, type Row } from '../../data-contracts/generate';
import { decodeWindows1252, encodeWindows1252 } from '../../data-contracts/reader/win1252';
import { sqliteFile } from '../../src/lib/server/db';
import { launchBrowser, watchConsole, type Browser } from '../helpers/browser';
import { loginCookie } from '../helpers/session';
import { startServer, type RunningServer } from '../helpers/server';

const GROUP = 'evry-courcouronnes-cve';
const PERIOD = '2026-S1';
const COMMENT = 'Sœur… l’orientation décidée — 0 € « ŒUVRE » ™';

const csvText = (rows: Row[]) => [...rowsToCsv('situations', rows)].join('');

describe('issue 13 paths in Chromium', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	let dir: string;
	let messages: string[];
	const cookies: Record<string, string> = {};

	async function as(who: string) {
		await browser.context.clearCookies();
		const [name, value] = cookies[who].split('=');
		await browser.context.addCookies([{ name, value, url: server.url }]);
	}
	const db = () => new Database(sqliteFile(server.dataDir), { readonly: true });
	const uploadUrl = () => `${server.url}/groupe/${GROUP}/${PERIOD}/situations`;
	/** A form action answered as JSON (what `use:enhance` receives). */
	const action = (who: string, url: string, body: Record<string, string>) =>
		fetch(`${server.url}${url}`, {
			method: 'POST',
			headers: {
				cookie: cookies[who],
				origin: server.url,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(body)
		}).then(async (r) => (await r.json()) as { type: string; status: number; data: string });

	beforeAll(async () => {
		server = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		for (const [who, email] of [
			['referent', 'referent.cve.evry@demo.bilans.fr'],
			['analyste', 'analyste@demo.bilans.fr'],
			['admin', 'admin@demo.bilans.fr'],
			['elu', 'elu.evry@demo.bilans.fr']
		])
			cookies[who] = await loginCookie(server.url, email);
		browser = await launchBrowser();
		page = await browser.newPage();
		messages = watchConsole(page);
		dir = mkdtempSync(path.join(tmpdir(), 'bp-parcours-'));
	}, 240_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('decodes the 256 bytes of Windows-1252 as Chromium does', async () => {
		await as('referent');
		await page.goto(uploadUrl());
		const all = Array.from({ length: 256 }, (_, i) => i);
		const browserCodes = await page.evaluate(
			(bytes) =>
				[...new TextDecoder('windows-1252').decode(new Uint8Array(bytes))].map((c) =>
					c.charCodeAt(0)
				),
			all
		);
		const ours = [...decodeWindows1252(Uint8Array.from(all))].map((c) => c.charCodeAt(0));
		expect(ours).toEqual(browserCodes);
	});

	it('stores a Windows-1252 file’s text as the browser reads it, and keeps the preview after sending', async () => {
		const rows = [...generateRows('situations', { seed: 21, rows: 12, period: PERIOD })];
		rows[0] = { ...rows[0], commentaire: COMMENT };
		const bytes = encodeWindows1252(csvText(rows));
		const file = path.join(dir, 'situations-excel.csv');
		writeFileSync(file, bytes);
		await page.goto(uploadUrl());
		await page.setInputFiles('[data-testid=fichier]', file);
		await page.waitForSelector('[data-testid=conforme]');
		await page.waitForSelector('[data-testid=apercu] .bp-chart__canvas svg', { timeout: 60_000 });
		// « vérifiez l’aperçu, puis envoyez »: the button comes after the preview
		const preview = await page.locator('[data-testid=apercu]').boundingBox();
		const send = await page.locator('[data-testid=envoyer]').boundingBox();
		expect(send!.y).toBeGreaterThan(preview!.y + preview!.height - 1);
		await page.click('[data-testid=envoyer]');
		await page.waitForSelector('[data-testid=resultat-envoi]');
		await expect(page.locator('[data-testid=resultat-envoi]').textContent()).resolves.toContain(
			'version 1 enregistrée (12 lignes)'
		);
		// the page's data are reloaded: the preview stays, never replaced by an error
		await page.waitForTimeout(1500);
		const after = (await page.locator('[data-testid=apercu]').textContent()) ?? '';
		expect(after).not.toContain('n’a pas pu être calculé');
		expect(
			await page.locator('[data-testid=apercu] .bp-chart__canvas svg').count()
		).toBeGreaterThan(0);

		const decodedByBrowser = await page.evaluate(
			(b) => new TextDecoder('windows-1252').decode(new Uint8Array(b)),
			[...bytes]
		);
		const d = db();
		try {
			const stored = d
				.prepare(
					`select r.commentaire from situation_rows r join submissions s on s.id = r.submission_id
					 where s.group_id = ? and s.period = ? and s.kind = 'situations' and s.status = 'submitted'
					 order by r.line limit 1`
				)
				.get(GROUP, PERIOD) as { commentaire: string };
			expect(stored.commentaire).toBe(COMMENT);
			expect(decodedByBrowser).toContain(stored.commentaire);
		} finally {
			d.close();
		}
	});

	it('asks to confirm a version that deletes most rows, with the figure', async () => {
		const rows = [...generateRows('situations', { seed: 21, rows: 3, period: PERIOD })];
		const file = path.join(dir, 'situations-court.csv');
		writeFileSync(file, '\uFEFF' + csvText(rows));
		await page.goto(uploadUrl());
		await page.setInputFiles('[data-testid=fichier]', file);
		await page.waitForSelector('[data-testid=envoyer]:not([disabled])');
		await page.click('[data-testid=envoyer]');
		await page.waitForSelector('[data-testid=confirmation]');
		await expect(page.locator('[data-testid=confirmation]').textContent()).resolves.toContain(
			'Cette version supprime 9 des 12 lignes de la version en vigueur'
		);
		await page.click('[data-testid=confirmer-envoi]');
		await page.waitForSelector('[data-testid=resultat-envoi]');
		await expect(page.locator('[data-testid=resultat-envoi]').textContent()).resolves.toContain(
			'version 2 enregistrée (3 lignes)'
		);
	});

	it('asks, on the server, to confirm implausibly many situations for the population', async () => {
		const post = (query: string) =>
			fetch(`${server.url}/groupe/${GROUP}/2025-S1/situations/envoi?nom=gros.csv${query}`, {
				method: 'POST',
				headers: { cookie: cookies.referent, origin: server.url, 'content-type': 'text/csv' },
				body: csvText([...generateRows('situations', { seed: 25, rows: 4_000, period: '2025-S1' })])
			});
		const asked = await post('');
		expect(asked.status).toBe(409);
		const body = (await asked.json()) as { confirm: { code: string; message: string }[] };
		expect(body.confirm.map((q) => q.code)).toEqual(['rows.implausible']);
		expect(body.confirm[0].message).toMatch(/^4\u202f000 situations pour [\d\u202f]+ habitants/);
		const d = db();
		try {
			const n = d
				.prepare(
					"select count(*) as n from submissions where group_id = ? and period = '2025-S1' and kind = 'situations' and row_count = 4000"
				)
				.get(GROUP) as { n: number };
			expect(n.n).toBe(0);
		} finally {
			d.close();
		}
		expect((await post('&confirmer=1')).status).toBe(201);
	});

	it('opens the error grid at its first column, the explanation beside the line number', async () => {
		const rows = [...generateRows('situations', { seed: 22, rows: 40, period: PERIOD })].map(
			(r, i) => (i % 5 === 0 ? { ...r, commentaire: 'Rappeler la mère au 06 12 34 56 78' } : r)
		);
		const file = path.join(dir, 'situations-erreurs.csv');
		writeFileSync(file, '\uFEFF' + csvText(rows));
		await page.goto(uploadUrl());
		await page.setInputFiles('[data-testid=fichier]', file);
		await page.waitForSelector('[data-testid=grille] tbody tr[data-line]');
		const wrap = page.getByTestId('grille-defilement');
		expect(await wrap.evaluate((e) => e.scrollLeft)).toBe(0);
		const line = await page.locator('[data-testid=grille] th.bp-line').first().boundingBox();
		const message = page.locator('[data-testid=grille] .bp-msgs li').first();
		const box = await message.boundingBox();
		expect(box!.x).toBeGreaterThanOrEqual(line!.x + line!.width);
		await expect(message.textContent()).resolves.toMatch(
			/^P\d+ · commentaire — Donnée personnelle/
		);
		// scrolled to the refused cell, the explanation still clears the sticky line column
		await wrap.evaluate((e) => (e.scrollLeft = e.scrollWidth));
		const scrolled = await message.boundingBox();
		const stuck = await page.locator('[data-testid=grille] th.bp-line').first().boundingBox();
		expect(scrolled!.x).toBeGreaterThanOrEqual(stuck!.x + stuck!.width);
	});

	it('warns about rare values in words, not about every row, and never with codes', async () => {
		const rows = [...generateRows('situations', { seed: 23, rows: 400, period: PERIOD })].map(
			(r) => ({ ...r, problematique: 'addictions' })
		);
		rows[9] = { ...rows[9], problematique: 'victimation' };
		const file = path.join(dir, 'situations-rare.csv');
		writeFileSync(file, '\uFEFF' + csvText(rows));
		await page.goto(uploadUrl());
		await page.setInputFiles('[data-testid=fichier]', file);
		await page.waitForSelector('[data-testid=risque]');
		const warning = (await page.getByTestId('risque').textContent()) ?? '';
		expect(warning).toContain('problématique « Victimation » (1 situation)');
		const table = (await page.getByTestId('lignes-risque').textContent()) ?? '';
		expect(table).toContain('Tranche d’âge'.replace('’', "'"));
		expect(`${warning} ${table}`).not.toMatch(/tranche_age|problematique|hors_qpv|victimation/);
	});

	it('refuses a bilan draft with a name and a phone, and stores nothing', async () => {
		await page.goto(`${server.url}/groupe/${GROUP}/${PERIOD}/bilan`);
		await page.fill(
			'#bilan-faits_marquants',
			'Six séances.\nMme Lefèvre, mère de Yanis… 01 64 97 00 32'
		);
		await page.click('[data-testid=brouillon]');
		await page.waitForFunction(() =>
			document.querySelector('[data-testid=resultat]')?.textContent?.includes('Rien n’a été')
		);
		const field = (await page.locator('[data-section=faits_marquants]').textContent()) ?? '';
		expect(field).toContain('numéro de téléphone');
		expect(field).not.toContain('Lefèvre, mère');
		// the form says what to do with the drop-down list, not « Institution : <code> »
		expect(await page.locator('body').textContent()).not.toContain('<code>');
		const d = db();
		try {
			const n = d
				.prepare('select count(*) as n from bilan_drafts where group_id = ?')
				.get(GROUP) as {
				n: number;
			};
			expect(n.n).toBe(0);
		} finally {
			d.close();
		}
	});

	it('refuses the annual commentary and a group name holding a name or a phone', async () => {
		const comment = await action('analyste', '/departement/91/bilan-annuel/2025?/comment', {
			section: 'introduction',
			body: 'Contact : Mme Durand au 01 64 97 00 32'
		});
		expect(comment).toMatchObject({ type: 'failure', status: 400 });
		expect(comment.data).toContain('pii.phone');
		const group = await action('admin', '/admin/groupes?/create', {
			name: 'Cellule de veille de Mme Durand',
			instanceType: 'cellule_veille_educative',
			coordinator: 'commune',
			members: 'commune',
			communes: '91228'
		});
		expect(group).toMatchObject({ type: 'failure', status: 400 });
		expect(group.data).toContain('pii.name');
		const settings = await action('admin', '/admin/parametres?/save', {
			organisationName: 'Cellule suivie par Mme Durand',
			disclosureThreshold: '5'
		});
		expect(settings).toMatchObject({ type: 'failure', status: 400 });
		const d = db();
		try {
			expect(
				d.prepare("select count(*) as n from annual_commentaries where body like '%Durand%'").get()
			).toEqual({ n: 0 });
			expect(
				d.prepare("select count(*) as n from groups where name like '%Durand%'").get()
			).toEqual({
				n: 0
			});
			const refusals = d
				.prepare("select details from audit_log where action = 'texte.refuse'")
				.all() as { details: string }[];
			// the bilan draft above, the commentary, the group and organisation names: codes only
			expect(refusals.map((r) => (JSON.parse(r.details) as { kind: string }).kind)).toEqual([
				'bilan',
				'commentaire',
				'groupe',
				'parametres'
			]);
			for (const r of refusals) expect(r.details).not.toMatch(/Durand|Lefèvre|97 00/);
		} finally {
			d.close();
		}
	});

	it('refuses a campaign deadline before the semester ends; the campaign’s files then read as missing', async () => {
		await as('analyste');
		await page.goto(`${server.url}/departement/91/campagnes`);
		await page.locator('#period').fill('2026-S2');
		await page.locator('#dueDate').fill('2026-12-15');
		await page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
		await page.waitForSelector('#due-error');
		await expect(page.locator('#due-error').textContent()).resolves.toContain(
			'ne peut pas précéder la fin de la période'
		);
		await page.locator('#dueDate').fill('2027-01-15');
		await page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
		await page.waitForURL(/\/campagnes\/[0-9a-f-]{36}$/);
		const body = (await page.locator('main, body').first().textContent()) ?? '';
		expect(body).toMatch(/164\s+fichiers manquants/);
		expect(body).toMatch(/0\s+groupe complet sur 41/);
		await as('referent');
		await page.goto(`${server.url}/groupe/${GROUP}`);
		const cell = page.locator('tr[data-period="2026-S2"] td[data-kind=seances] [data-state]');
		await expect(cell.getAttribute('data-state')).resolves.toBe('manquant');
		await expect(page.getByTestId('a-faire').textContent()).resolves.not.toContain(
			'Tout est à jour'
		);
	});

	it('says « Compte activé » after an invitation', async () => {
		await as('admin');
		await page.goto(`${server.url}/admin/utilisateurs`);
		await page.fill('#email', 'nouvelle.referente@exemple.fr');
		await page.getByRole('button', { name: /Inviter/ }).click();
		const link = (await page.getByTestId('invitation-link').textContent())!.trim();
		await browser.context.clearCookies();
		await page.goto(link);
		await page.fill('#password', 'Glycine-Orage-2026-Lumière');
		await page.fill('#confirm', 'Glycine-Orage-2026-Lumière');
		await page.getByRole('button', { name: 'Activer mon compte' }).click();
		await page.waitForSelector('[data-testid=compte-active]');
		expect(new URL(page.url()).pathname).toBe('/connexion');
	});

	it('shows the audit journal in words, and the admin a group’s sending without its rows', async () => {
		// a refused file, for the admin's view of refused attempts
		const refused = await fetch(
			`${server.url}/groupe/${GROUP}/${PERIOD}/situations/envoi?nom=x.csv`,
			{
				method: 'POST',
				headers: { cookie: cookies.referent, origin: server.url, 'content-type': 'text/csv' },
				body: csvText(
					[...generateRows('situations', { seed: 24, rows: 2, period: PERIOD })].map((r) => ({
						...r,
						commentaire: 'Appeler le 06 12 34 56 78'
					}))
				)
			}
		);
		expect(refused.status).toBe(422);
		await as('admin');
		await page.goto(`${server.url}/admin/journal`);
		const journal = (await page.locator('table').textContent()) ?? '';
		expect(journal).toContain('Connexion réussie');
		expect(journal).toContain('Type de fichier : Situations examinées');
		expect(journal).not.toMatch(/login\.success|release\.view|upload\.refused|\{"/);

		await page.goto(`${server.url}/admin/groupes/${GROUP}`);
		await page.getByRole('link', { name: /Voir les envois du groupe/ }).click();
		await page.waitForURL(/\/envois$/);
		const view = (await page.locator('main, body').first().textContent()) ?? '';
		expect(view).toContain('Version 2');
		expect(view).toContain('Donnée personnelle : un numéro de téléphone (2)');
		expect(view).not.toContain('Sœur');
		expect(view).not.toContain('06 12');
	});

	it('writes « Bilan d’Évry » and sorts communes with É among the E', async () => {
		await page.goto(`${server.url}/admin/communes`);
		const names = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
		const at = (n: string) => names.findIndex((x) => x.trim().startsWith(n));
		expect(at('Étampes')).toBeGreaterThan(-1);
		expect(at('Étampes')).toBeLessThan(at('Évry-Courcouronnes'));
		expect(at('Évry-Courcouronnes')).toBeLessThan(at('Fleury-Mérogis'));
		await as('elu');
		await page.goto(`${server.url}/commune/91228/2025-S2`);
		await expect(page.locator('h1').textContent()).resolves.toBe('Bilan d’Évry-Courcouronnes');
		expect(messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});
});
