// What people see on the paths of issue 13, in Chromium against the built demo app: a French
// Excel (Windows-1252) file stored as the browser reads it, typed text with a name or a phone
// refused before anything is stored, the upload page (preview kept after sending, send button
// under it, error grid opened at its first column, confirmation with the figure, rare values in
// words), campaign deadlines, « Compte activé », labels instead of codes, French elision and
// collation, and the admin's read-only view of a group's sending.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv, type Row } from '../../data-contracts/generate';
import { decodeWindows1252, encodeWindows1252 } from '../../data-contracts/reader/win1252';
import { sqliteFile } from '../../src/lib/server/db';
import { loginCookie, useSession } from '../helpers/session';
import { useApp } from '../helpers/app';
import { clickAndRead } from './referent-helpers';

const GROUP = 'evry-courcouronnes-cve';
const PERIOD = '2026-S1';
const COMMENT = 'Sœur… l’orientation décidée — 0 € « ŒUVRE » ™';

const csvText = (rows: Row[]) => [...rowsToCsv('situations', rows)].join('');

describe('issue 13 paths in Chromium', () => {
	const app = useApp({ page: true, tmp: 'bp-parcours-' });
	const cookies: Record<string, string> = {};

	const as = (who: string) => useSession(app.browser.context, app.server.url, cookies[who]);
	const db = () => new Database(sqliteFile(app.server.dataDir), { readonly: true });
	const uploadUrl = () => `${app.server.url}/groupe/${GROUP}/${PERIOD}/situations`;
	/** A form action answered as JSON (what `use:enhance` receives). */
	const action = (who: string, url: string, body: Record<string, string>) =>
		fetch(`${app.server.url}${url}`, {
			method: 'POST',
			headers: {
				cookie: cookies[who],
				origin: app.server.url,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(body)
		}).then(async (r) => (await r.json()) as { type: string; status: number; data: string });

	beforeAll(async () => {
		for (const [who, email] of [
			['referent', 'referent.cve.evry@demo.bilans.fr'],
			['analyste', 'analyste@demo.bilans.fr'],
			['admin', 'admin@demo.bilans.fr'],
			['elu', 'elu.evry@demo.bilans.fr']
		])
			cookies[who] = await loginCookie(app.server.url, email);
	});

	it('decodes the 256 bytes of Windows-1252 as Chromium does', async () => {
		await as('referent');
		await app.page.goto(uploadUrl());
		const all = Array.from({ length: 256 }, (_, i) => i);
		const browserCodes = await app.page.evaluate(
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
		const file = path.join(app.dir, 'situations-excel.csv');
		writeFileSync(file, bytes);
		await app.page.goto(uploadUrl());
		await app.page.setInputFiles('[data-testid=fichier]', file);
		await app.page.waitForSelector('[data-testid=conforme]');
		await app.page.waitForSelector('[data-testid=apercu] .bp-chart__canvas svg', {
			timeout: 60_000
		});
		// « vérifiez l’aperçu, puis envoyez »: the button comes after the preview
		const preview = await app.page.locator('[data-testid=apercu]').boundingBox();
		const send = await app.page.locator('[data-testid=envoyer]').boundingBox();
		expect(send!.y).toBeGreaterThan(preview!.y + preview!.height - 1);
		expect(await clickAndRead(app.page, 'envoyer', 'resultat-envoi')).toContain(
			'version 1 enregistrée (12 lignes)'
		);
		// the page's data are reloaded: the preview stays, never replaced by an error
		await app.page.waitForTimeout(1500);
		const after = (await app.page.locator('[data-testid=apercu]').textContent()) ?? '';
		expect(after).not.toContain('n’a pas pu être calculé');
		expect(
			await app.page.locator('[data-testid=apercu] .bp-chart__canvas svg').count()
		).toBeGreaterThan(0);

		const decodedByBrowser = await app.page.evaluate(
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
		const file = path.join(app.dir, 'situations-court.csv');
		writeFileSync(file, '\uFEFF' + csvText(rows));
		await app.page.goto(uploadUrl());
		await app.page.setInputFiles('[data-testid=fichier]', file);
		expect(await clickAndRead(app.page, 'envoyer', 'confirmation')).toContain(
			'Cette version supprime 9 des 12 lignes de la version en vigueur'
		);
		expect(await clickAndRead(app.page, 'confirmer-envoi', 'resultat-envoi')).toContain(
			'version 2 enregistrée (3 lignes)'
		);
	});

	it('asks, on the server, to confirm implausibly many situations for the population', async () => {
		const post = (query: string) =>
			fetch(`${app.server.url}/groupe/${GROUP}/2025-S1/situations/envoi?nom=gros.csv${query}`, {
				method: 'POST',
				headers: { cookie: cookies.referent, origin: app.server.url, 'content-type': 'text/csv' },
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
		const file = path.join(app.dir, 'situations-erreurs.csv');
		writeFileSync(file, '\uFEFF' + csvText(rows));
		await app.page.goto(uploadUrl());
		await app.page.setInputFiles('[data-testid=fichier]', file);
		await app.page.waitForSelector('[data-testid=grille] tbody tr[data-line]');
		const wrap = app.page.getByTestId('grille-defilement');
		expect(await wrap.evaluate((e) => e.scrollLeft)).toBe(0);
		const line = await app.page.locator('[data-testid=grille] th.bp-line').first().boundingBox();
		const message = app.page.locator('[data-testid=grille] .bp-msgs li').first();
		const box = await message.boundingBox();
		expect(box!.x).toBeGreaterThanOrEqual(line!.x + line!.width);
		await expect(message.textContent()).resolves.toMatch(
			/^P\d+ · commentaire — Donnée personnelle/
		);
		// scrolled to the refused cell, the explanation still clears the sticky line column
		await wrap.evaluate((e) => (e.scrollLeft = e.scrollWidth));
		const scrolled = await message.boundingBox();
		const stuck = await app.page.locator('[data-testid=grille] th.bp-line').first().boundingBox();
		expect(scrolled!.x).toBeGreaterThanOrEqual(stuck!.x + stuck!.width);
	});

	it('warns about rare values in words, not about every row, and never with codes', async () => {
		const rows = [...generateRows('situations', { seed: 23, rows: 400, period: PERIOD })].map(
			(r) => ({ ...r, problematique: 'addictions' })
		);
		rows[9] = { ...rows[9], problematique: 'victimation' };
		const file = path.join(app.dir, 'situations-rare.csv');
		writeFileSync(file, '\uFEFF' + csvText(rows));
		await app.page.goto(uploadUrl());
		await app.page.setInputFiles('[data-testid=fichier]', file);
		await app.page.waitForSelector('[data-testid=risque]');
		const warning = (await app.page.getByTestId('risque').textContent()) ?? '';
		expect(warning).toContain('problématique « Victimation » (1 situation)');
		const table = (await app.page.getByTestId('lignes-risque').textContent()) ?? '';
		expect(table).toContain('Tranche d’âge'.replace('’', "'"));
		expect(`${warning} ${table}`).not.toMatch(/tranche_age|problematique|hors_qpv|victimation/);
	});

	it('refuses a bilan draft with a name and a phone, and stores nothing', async () => {
		await app.page.goto(`${app.server.url}/groupe/${GROUP}/${PERIOD}/bilan`);
		await app.page.fill(
			'#bilan-faits_marquants',
			'Six séances.\nMme Lefèvre, mère de Yanis… 01 64 97 00 32'
		);
		await app.page.click('[data-testid=brouillon]');
		await app.page.waitForFunction(() =>
			document.querySelector('[data-testid=resultat]')?.textContent?.includes('Rien n’a été')
		);
		const field = (await app.page.locator('[data-section=faits_marquants]').textContent()) ?? '';
		expect(field).toContain('numéro de téléphone');
		expect(field).not.toContain('Lefèvre, mère');
		// the form says what to do with the drop-down list, not « Institution : <code> »
		expect(await app.page.locator('body').textContent()).not.toContain('<code>');
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
		/** The action is refused (400), naming the identifier `code` when given. */
		const refused = async (
			who: string,
			url: string,
			body: Record<string, string>,
			code?: string
		) => {
			const answer = await action(who, url, body);
			expect(answer).toMatchObject({ type: 'failure', status: 400 });
			if (code) expect(answer.data).toContain(code);
		};
		await refused(
			'analyste',
			'/departement/91/bilan-annuel/2025?/comment',
			{ section: 'introduction', body: 'Contact : Mme Durand au 01 64 97 00 32' },
			'pii.phone'
		);
		await refused(
			'admin',
			'/admin/groupes?/create',
			{
				name: 'Cellule de veille de Mme Durand',
				instanceType: 'cellule_veille_educative',
				coordinator: 'commune',
				members: 'commune',
				communes: '91228'
			},
			'pii.name'
		);
		await refused('admin', '/admin/parametres?/save', {
			organisationName: 'Cellule suivie par Mme Durand',
			disclosureThreshold: '5'
		});
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
		await app.page.goto(`${app.server.url}/departement/91/campagnes`);
		await app.page.locator('#period').fill('2026-S2');
		await app.page.locator('#dueDate').fill('2026-12-15');
		await app.page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
		await app.page.waitForSelector('#due-error');
		await expect(app.page.locator('#due-error').textContent()).resolves.toContain(
			'ne peut pas précéder la fin de la période'
		);
		await app.page.locator('#dueDate').fill('2027-01-15');
		await app.page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
		await app.page.waitForURL(/\/campagnes\/[0-9a-f-]{36}$/);
		const body = (await app.page.locator('main, body').first().textContent()) ?? '';
		expect(body).toMatch(/164\s+fichiers manquants/);
		expect(body).toMatch(/0\s+groupe complet sur 41/);
		await as('referent');
		await app.page.goto(`${app.server.url}/groupe/${GROUP}`);
		const cell = app.page.locator('tr[data-period="2026-S2"] td[data-kind=seances] [data-state]');
		await expect(cell.getAttribute('data-state')).resolves.toBe('manquant');
		await expect(app.page.getByTestId('a-faire').textContent()).resolves.not.toContain(
			'Tout est à jour'
		);
	});

	it('says « Compte activé » after an invitation', async () => {
		await as('admin');
		await app.page.goto(`${app.server.url}/admin/utilisateurs`);
		await app.page.fill('#email', 'nouvelle.referente@exemple.fr');
		await app.page.getByRole('button', { name: /Inviter/ }).click();
		const link = (await app.page.getByTestId('invitation-link').textContent())!.trim();
		await app.browser.context.clearCookies();
		await app.page.goto(link);
		await app.page.fill('#password', 'Glycine-Orage-2026-Lumière');
		await app.page.fill('#confirm', 'Glycine-Orage-2026-Lumière');
		await app.page.getByRole('button', { name: 'Activer mon compte' }).click();
		await app.page.waitForSelector('[data-testid=compte-active]');
		expect(new URL(app.page.url()).pathname).toBe('/connexion');
	});

	it('shows the audit journal in words, and the admin a group’s sending without its rows', async () => {
		// a refused file, for the admin's view of refused attempts
		const refused = await fetch(
			`${app.server.url}/groupe/${GROUP}/${PERIOD}/situations/envoi?nom=x.csv`,
			{
				method: 'POST',
				headers: { cookie: cookies.referent, origin: app.server.url, 'content-type': 'text/csv' },
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
		await app.page.goto(`${app.server.url}/admin/journal`);
		const journal = (await app.page.locator('table').textContent()) ?? '';
		expect(journal).toContain('Connexion réussie');
		expect(journal).toContain('Type de fichier : Situations examinées');
		expect(journal).not.toMatch(/login\.success|release\.view|upload\.refused|\{"/);

		await app.page.goto(`${app.server.url}/admin/groupes/${GROUP}`);
		await app.page.getByRole('link', { name: /Voir les envois du groupe/ }).click();
		await app.page.waitForURL(/\/envois$/);
		const view = (await app.page.locator('main, body').first().textContent()) ?? '';
		expect(view).toContain('Version 2');
		expect(view).toContain('Donnée personnelle : un numéro de téléphone (2)');
		expect(view).not.toContain('Sœur');
		expect(view).not.toContain('06 12');
	});

	it('writes « Bilan d’Évry » and sorts communes with É among the E', async () => {
		await app.page.goto(`${app.server.url}/admin/communes`);
		const names = await app.page.locator('table tbody tr td:nth-child(2)').allTextContents();
		const at = (n: string) => names.findIndex((x) => x.trim().startsWith(n));
		expect(at('Étampes')).toBeGreaterThan(-1);
		expect(at('Étampes')).toBeLessThan(at('Évry-Courcouronnes'));
		expect(at('Évry-Courcouronnes')).toBeLessThan(at('Fleury-Mérogis'));
		await as('elu');
		await app.page.goto(`${app.server.url}/commune/91228/2025-S2`);
		await expect(app.page.locator('h1').textContent()).resolves.toBe('Bilan d’Évry-Courcouronnes');
		expect(app.console.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});
});
