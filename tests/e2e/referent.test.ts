// The referent's flow end to end in Chromium, as the demo referent of Évry's CVE, on a period
// with no demo submission (2026-S1): a file with planted identifiers is refused cell by cell,
// the fixed file is previewed (DuckDB-WASM + Plot) and sent (v1), the qualitative bilan with a
// name is refused then fixed, a corrected file typed with French labels and months becomes v2
// with its change summary (only the corrected cells differ), downloadable as sent from the
// history, and the referent of another group is refused on every URL of it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRows, rng, rowsToCsv, type Row } from '../../data-contracts/generate';
import { plantIdentifier, type PlantedType } from '../../data-contracts/pii/plant';
import { PII_LABELS } from '../../data-contracts/pii/detect';
import { PROBLEMATIQUES, SEXES, type Problematique } from '../../data-contracts/codes';
import { launchBrowser, watchConsole, type Browser } from '../helpers/browser';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { loginCookie } from './referent-helpers';

const GROUP = 'evry-courcouronnes-cve';
const PERIOD = '2026-S1';
const SHOTS = path.join(ROOT, 'docs/screenshots');

function writeCsv(dir: string, name: string, rows: Row[]): string {
	const file = path.join(dir, name);
	writeFileSync(file, '\uFEFF' + [...rowsToCsv('situations', rows)].join(''));
	return file;
}

async function useCookie(browser: Browser, url: string, cookie: string) {
	await browser.context.clearCookies();
	const [name, value] = cookie.split('=');
	await browser.context.addCookies([{ name, value, url }]);
}

describe('referent flow in Chromium', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	let dir: string;
	let console: string[];

	beforeAll(async () => {
		// A limit other than the default, to see the page state the configured one.
		server = await startServer({
			env: { BP_DEMO: '1', BP_UPLOAD_MAX_BYTES: String(20 * 1024 * 1024) },
			timeoutMs: 180_000
		});
		browser = await launchBrowser();
		page = await browser.newPage();
		console = watchConsole(page);
		dir = mkdtempSync(path.join(tmpdir(), 'bp-referent-'));
		mkdirSync(SHOTS, { recursive: true });
		await useCookie(
			browser,
			server.url,
			await loginCookie(server.url, 'referent.cve.evry@demo.bilans.fr')
		);
	}, 240_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	const rows = [...generateRows('situations', { seed: 11, rows: 60, period: PERIOD })];
	const uploadUrl = () => `${server.url}/groupe/${GROUP}/${PERIOD}/situations`;

	it('lands on the group home with its periods', async () => {
		await page.goto(`${server.url}/groupe`);
		expect(new URL(page.url()).pathname).toBe(`/groupe/${GROUP}`);
		await page.waitForSelector('[data-testid=periodes]');
		const cell = page.locator(`tr[data-period="${PERIOD}"] td[data-kind=situations] [data-state]`);
		// the demo campaign asks for this period with a due date 14 days after seeding: not late yet
		await expect(cell.getAttribute('data-state')).resolves.toBe('manquant');
		const demo = page.locator('tr[data-period="2025-S2"] td[data-kind=situations] [data-state]');
		await expect(demo.getAttribute('data-state')).resolves.toBe('envoye');
	});

	it('points at each planted identifier, cell by cell', async () => {
		const r = rng(3);
		const planted: { line: number; type: PlantedType }[] = [];
		const types: PlantedType[] = ['phone', 'email', 'name', 'nir'];
		const dirty = rows.map((row, i) => {
			if (i % 13 !== 4) return row;
			const type = types[planted.length % types.length];
			planted.push({ line: i + 2, type });
			return plantIdentifier(row, 'situations', r, type).row;
		});
		await page.goto(uploadUrl());
		await expect(page.getByTestId('taille-maximale').textContent()).resolves.toContain(
			'20 Mo au plus'
		);
		await page.setInputFiles('[data-testid=fichier]', writeCsv(dir, 'situations.csv', dirty));
		await page.waitForSelector('[data-testid=grille]');
		for (const p of planted) {
			// commentaire is the 16th column: P
			const cell = page.locator(`td[data-cell="P${p.line}"]`);
			await expect(cell.getAttribute('data-codes')).resolves.toContain(`pii.${p.type}`);
			const text = (await cell.textContent()) ?? '';
			expect(text).toContain('…');
		}
		await expect(page.locator('[data-testid=regles]').textContent()).resolves.toContain(
			`${planted.filter((p) => p.type === 'phone').length} cellules contiennent un numéro de téléphone`
		);
		await expect(page.locator('[data-testid=envoyer]').count()).resolves.toBe(0);
		// Filter by rule: only the phone rows remain.
		await page.click('[data-testid=regles] button[data-code="pii.phone"]');
		const lines = await page.locator('[data-testid=grille] tbody tr[data-line]').count();
		expect(lines).toBe(planted.filter((p) => p.type === 'phone').length);
		await page.click('[data-testid=regles] button[data-code="pii.phone"]');
		// The report downloads as CSV with a BOM.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid=telecharger-rapport]')
		]);
		const saved = path.join(dir, 'rapport.csv');
		await download.saveAs(saved);
		const { readFileSync } = await import('node:fs');
		const csv = readFileSync(saved, 'utf8');
		expect(
			csv.startsWith('\uFEFFligne;colonne;en-tête du fichier;lettre;règle;message;que faire')
		).toBe(true);
		// the rule by its name, never its code
		expect(csv).toContain(
			`${planted[0].line};Commentaire;commentaire;P;Donnée personnelle : ${PII_LABELS[planted[0].type]};`
		);
		expect(csv).not.toContain('pii.');
		await page.locator('[data-testid=rapport]').screenshot({
			path: path.join(SHOTS, 'rapport-erreurs.png')
		});
	});

	it('previews the fixed file and sends it as version 1', async () => {
		await page.setInputFiles('[data-testid=fichier]', writeCsv(dir, 'situations-v1.csv', rows));
		await page.waitForSelector('[data-testid=conforme]');
		await page.waitForSelector('[data-testid=apercu] .bp-chart__canvas svg', { timeout: 60_000 });
		await expect(page.locator('[data-testid=indicateurs]').textContent()).resolves.toContain(
			'Personnes (ou représentants légaux) informées'
		);
		await page.locator('[data-testid=apercu]').screenshot({
			path: path.join(SHOTS, 'previsualisation.png')
		});
		await page.click('[data-testid=envoyer]');
		await page.waitForSelector('[data-testid=resultat-envoi]');
		await expect(page.locator('[data-testid=resultat-envoi]').textContent()).resolves.toContain(
			'version 1 enregistrée (60 lignes)'
		);
	});

	it('refuses a bilan with a name, then sends the fixed one', async () => {
		await page.goto(`${server.url}/groupe/${GROUP}/${PERIOD}/bilan`);
		await page.selectOption('#institution', 'education_nationale');
		await page.fill('#bilan-faits_marquants', 'Rencontre avec Mme Dupont');
		await page.fill('#bilan-difficultes', 'Délais de retour des partenaires.');
		await page.fill('#bilan-bonnes_pratiques', 'Ordre du jour envoyé une semaine avant.');
		await page.fill('#bilan-perspectives', 'Élargir le groupe à la mission locale.');
		// The scan runs as the referent types.
		await page.waitForSelector('[data-section=faits_marquants] [data-code="pii.name"]');
		// a draft is scanned too: nothing typed is stored with a name in it
		await page.click('[data-testid=brouillon]');
		await page.waitForSelector('[data-testid=resultat]');
		await expect(page.locator('[data-testid=resultat]').textContent()).resolves.toContain(
			'Rien n’a été enregistré'
		);
		await page.click('[data-testid=envoyer-bilan]');
		await page.waitForFunction(() =>
			document.querySelector('[data-testid=resultat]')?.textContent?.includes('n’a pas été envoyé')
		);
		await page.fill('#bilan-faits_marquants', 'Rencontre avec les partenaires du quartier.');
		await page.click('[data-testid=envoyer-bilan]');
		await page.waitForFunction(() =>
			document.querySelector('[data-testid=resultat]')?.textContent?.includes('version 1')
		);
	});

	it('shows v1 in the history, then v2 of a corrected file with its change summary', async () => {
		await page.goto(`${server.url}/groupe/${GROUP}`);
		const state = (kind: string) =>
			page.locator(`tr[data-period="${PERIOD}"] td[data-kind=${kind}] [data-state]`);
		await expect(state('situations').textContent()).resolves.toContain('Envoyé v1');
		await expect(state('bilan').textContent()).resolves.toContain('Envoyé v1');

		// v2 is typed as a referent might: French labels and months as m/yyyy; only the codes of
		// the 5 changed cells differ from v1 once normalized
		const corrected = rows
			.map((r, i) => (i < 5 ? { ...r, sexe: r.sexe === 'F' ? 'M' : 'F' } : r))
			.map((r) => ({
				...r,
				sexe: SEXES.labels[r.sexe as keyof typeof SEXES.labels],
				problematique: PROBLEMATIQUES.labels[r.problematique as Problematique].toUpperCase(),
				date_premier_examen: `${Number(r.date_premier_examen.slice(5))}/${r.date_premier_examen.slice(0, 4)}`
			}));
		const v2File = writeCsv(dir, 'Situations été v2.csv', corrected);
		await page.goto(uploadUrl());
		await page.setInputFiles('[data-testid=fichier]', v2File);
		await page.waitForSelector('[data-testid=envoyer]:not([disabled])');
		await page.click('[data-testid=envoyer]');
		await page.waitForSelector('[data-testid=resultat-envoi]');
		const result = (await page.locator('[data-testid=resultat-envoi]').textContent()) ?? '';
		expect(result).toContain('version 2');
		expect(result).toContain('5 lignes modifiées (sexe : 5)');

		await page.goto(`${server.url}/groupe/${GROUP}`);
		await expect(state('situations').textContent()).resolves.toContain('Envoyé v2');
		const history = page.locator(
			`details[data-period="${PERIOD}"] ul[data-kind=situations] li[data-version="2"]`
		);
		await expect(history.textContent()).resolves.toContain(
			'Par rapport à la version 1 : 5 lignes modifiées (sexe : 5)'
		);
		// the file as sent, byte for byte, from the history's link
		const href = await history.locator('[data-testid=fichier-original]').getAttribute('href');
		expect(href).toBe(`/groupe/${GROUP}/${PERIOD}/situations/original/2`);
		const original = await page.request.get(server.url + href);
		expect(original.status()).toBe(200);
		expect((await original.body()).equals(readFileSync(v2File))).toBe(true);
		expect(original.headers()['content-disposition']).toContain(
			"filename*=UTF-8''Situations%20%C3%A9t%C3%A9%20v2.csv"
		);
		const bilanHref = await page
			.locator(
				`details[data-period="${PERIOD}"] ul[data-kind=bilan] li[data-version="1"] [data-testid=fichier-original]`
			)
			.getAttribute('href');
		const bilan = await page.request.get(server.url + bilanHref);
		expect(bilan.status()).toBe(200);
		expect(await bilan.text()).toContain('## Faits marquants');
		expect(console.filter((m) => m.startsWith('error') || m.startsWith('pageerror'))).toEqual([]);
	});

	it('refuses the referent of another group on every URL of this one', async () => {
		await useCookie(
			browser,
			server.url,
			await loginCookie(server.url, 'referent.clspd.massy@demo.bilans.fr')
		);
		for (const p of [
			`/groupe/${GROUP}`,
			`/groupe/${GROUP}/${PERIOD}/situations`,
			`/groupe/${GROUP}/${PERIOD}/bilan`,
			`/groupe/${GROUP}/${PERIOD}/situations/lignes`,
			`/groupe/${GROUP}/${PERIOD}/situations/original/1`
		]) {
			const res = await page.goto(server.url + p);
			expect(res?.status(), p).toBe(403);
			await expect(page.locator('body').textContent()).resolves.not.toContain('Envoyé v');
		}
		await page.goto(`${server.url}/groupe`);
		expect(new URL(page.url()).pathname).toBe('/groupe/massy-clspd');
	});
});
