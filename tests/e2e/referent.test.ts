// The referent's flow end to end in Chromium, as the demo referent of Évry's CVE, on a period
// with no demo submission (2026-S1): a file with planted identifiers is refused cell by cell,
// the fixed file is previewed (DuckDB-WASM + Plot) and sent (v1), the qualitative bilan with a
// name is refused then fixed, a corrected file typed with French labels and months becomes v2
// with its change summary (only the corrected cells differ), downloadable as sent from the
// history, and the referent of another group is refused on every URL of it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRows, rng, rowsToCsv, type Row } from '../../data-contracts/generate';
import { plantIdentifier, type PlantedType } from '../../data-contracts/pii/plant';
import { PII_LABELS } from '../../data-contracts/pii/detect';
import { PROBLEMATIQUES, SEXES, type Problematique } from '../../data-contracts/codes';
import { ROOT } from '../helpers/server';
import { signInContext } from '../helpers/session';
import { useApp } from '../helpers/app';
import { clickAndRead } from './referent-helpers';

const GROUP = 'evry-courcouronnes-cve';
const PERIOD = '2026-S1';
const SHOTS = path.join(ROOT, 'docs/screenshots');

function writeCsv(dir: string, name: string, rows: Row[]): string {
	const file = path.join(dir, name);
	writeFileSync(file, '\uFEFF' + [...rowsToCsv('situations', rows)].join(''));
	return file;
}

describe('referent flow in Chromium', () => {
	const app = useApp({
		// A limit other than the default, to see the page state the configured one.
		env: { BP_UPLOAD_MAX_BYTES: String(20 * 1024 * 1024) },
		signIn: 'referent.cve.evry@demo.bilans.fr',
		page: true,
		tmp: 'bp-referent-'
	});
	beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

	const rows = [...generateRows('situations', { seed: 11, rows: 60, period: PERIOD })];
	const uploadUrl = () => `${app.server.url}/groupe/${GROUP}/${PERIOD}/situations`;

	it('lands on the group home with its periods', async () => {
		await app.page.goto(`${app.server.url}/groupe`);
		expect(new URL(app.page.url()).pathname).toBe(`/groupe/${GROUP}`);
		await app.page.waitForSelector('[data-testid=periodes]');
		const cell = app.page.locator(
			`tr[data-period="${PERIOD}"] td[data-kind=situations] [data-state]`
		);
		// the demo campaign asks for this period with a due date 14 days after seeding: not late yet
		await expect(cell.getAttribute('data-state')).resolves.toBe('manquant');
		const demo = app.page.locator(
			'tr[data-period="2025-S2"] td[data-kind=situations] [data-state]'
		);
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
		await app.page.goto(uploadUrl());
		await expect(app.page.getByTestId('taille-maximale').textContent()).resolves.toContain(
			'20 Mo au plus'
		);
		await app.page.setInputFiles(
			'[data-testid=fichier]',
			writeCsv(app.dir, 'situations.csv', dirty)
		);
		await app.page.waitForSelector('[data-testid=grille]');
		for (const p of planted) {
			// commentaire is the 16th column: P
			const cell = app.page.locator(`td[data-cell="P${p.line}"]`);
			await expect(cell.getAttribute('data-codes')).resolves.toContain(`pii.${p.type}`);
			const text = (await cell.textContent()) ?? '';
			expect(text).toContain('…');
		}
		await expect(app.page.locator('[data-testid=regles]').textContent()).resolves.toContain(
			`${planted.filter((p) => p.type === 'phone').length} cellules contiennent un numéro de téléphone`
		);
		await expect(app.page.locator('[data-testid=envoyer]').count()).resolves.toBe(0);
		// Filter by rule: only the phone rows remain.
		await app.page.click('[data-testid=regles] button[data-code="pii.phone"]');
		const lines = await app.page.locator('[data-testid=grille] tbody tr[data-line]').count();
		expect(lines).toBe(planted.filter((p) => p.type === 'phone').length);
		await app.page.click('[data-testid=regles] button[data-code="pii.phone"]');
		// The report downloads as CSV with a BOM.
		const [download] = await Promise.all([
			app.page.waitForEvent('download'),
			app.page.click('[data-testid=telecharger-rapport]')
		]);
		const saved = path.join(app.dir, 'rapport.csv');
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
		await app.page.locator('[data-testid=rapport]').screenshot({
			path: path.join(SHOTS, 'rapport-erreurs.png')
		});
	});

	it('previews the fixed file and sends it as version 1', async () => {
		await app.page.setInputFiles(
			'[data-testid=fichier]',
			writeCsv(app.dir, 'situations-v1.csv', rows)
		);
		await app.page.waitForSelector('[data-testid=conforme]');
		await app.page.waitForSelector('[data-testid=apercu] .bp-chart__canvas svg', {
			timeout: 60_000
		});
		await expect(app.page.locator('[data-testid=indicateurs]').textContent()).resolves.toContain(
			'Personnes (ou représentants légaux) informées'
		);
		await app.page.locator('[data-testid=apercu]').screenshot({
			path: path.join(SHOTS, 'previsualisation.png')
		});
		expect(await clickAndRead(app.page, 'envoyer', 'resultat-envoi')).toContain(
			'version 1 enregistrée (60 lignes)'
		);
	});

	it('refuses a bilan with a name, then sends the fixed one', async () => {
		await app.page.goto(`${app.server.url}/groupe/${GROUP}/${PERIOD}/bilan`);
		await app.page.selectOption('#institution', 'education_nationale');
		await app.page.fill('#bilan-faits_marquants', 'Rencontre avec Mme Dupont');
		await app.page.fill('#bilan-difficultes', 'Délais de retour des partenaires.');
		await app.page.fill('#bilan-bonnes_pratiques', 'Ordre du jour envoyé une semaine avant.');
		await app.page.fill('#bilan-perspectives', 'Élargir le groupe à la mission locale.');
		// The scan runs as the referent types.
		await app.page.waitForSelector('[data-section=faits_marquants] [data-code="pii.name"]');
		// a draft is scanned too: nothing typed is stored with a name in it
		expect(await clickAndRead(app.page, 'brouillon', 'resultat')).toContain(
			'Rien n’a été enregistré'
		);
		await app.page.click('[data-testid=envoyer-bilan]');
		await app.page.waitForFunction(() =>
			document.querySelector('[data-testid=resultat]')?.textContent?.includes('n’a pas été envoyé')
		);
		await app.page.fill('#bilan-faits_marquants', 'Rencontre avec les partenaires du quartier.');
		await app.page.click('[data-testid=envoyer-bilan]');
		await app.page.waitForFunction(() =>
			document.querySelector('[data-testid=resultat]')?.textContent?.includes('version 1')
		);
	});

	it('shows v1 in the history, then v2 of a corrected file with its change summary', async () => {
		await app.page.goto(`${app.server.url}/groupe/${GROUP}`);
		const state = (kind: string) =>
			app.page.locator(`tr[data-period="${PERIOD}"] td[data-kind=${kind}] [data-state]`);
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
		const v2File = writeCsv(app.dir, 'Situations été v2.csv', corrected);
		await app.page.goto(uploadUrl());
		await app.page.setInputFiles('[data-testid=fichier]', v2File);
		const result = await clickAndRead(app.page, 'envoyer', 'resultat-envoi');
		expect(result).toContain('version 2');
		expect(result).toContain('5 lignes modifiées (sexe : 5)');

		await app.page.goto(`${app.server.url}/groupe/${GROUP}`);
		await expect(state('situations').textContent()).resolves.toContain('Envoyé v2');
		const history = app.page.locator(
			`details[data-period="${PERIOD}"] ul[data-kind=situations] li[data-version="2"]`
		);
		await expect(history.textContent()).resolves.toContain(
			'Par rapport à la version 1 : 5 lignes modifiées (sexe : 5)'
		);
		// the file as sent, byte for byte, from the history's link
		const href = await history.locator('[data-testid=fichier-original]').getAttribute('href');
		expect(href).toBe(`/groupe/${GROUP}/${PERIOD}/situations/original/2`);
		const original = await app.page.request.get(app.server.url + href);
		expect(original.status()).toBe(200);
		expect((await original.body()).equals(readFileSync(v2File))).toBe(true);
		expect(original.headers()['content-disposition']).toContain(
			"filename*=UTF-8''Situations%20%C3%A9t%C3%A9%20v2.csv"
		);
		const bilanHref = await app.page
			.locator(
				`details[data-period="${PERIOD}"] ul[data-kind=bilan] li[data-version="1"] [data-testid=fichier-original]`
			)
			.getAttribute('href');
		const bilan = await app.page.request.get(app.server.url + bilanHref);
		expect(bilan.status()).toBe(200);
		expect(await bilan.text()).toContain('## Faits marquants');
		expect(app.console.filter((m) => m.startsWith('error') || m.startsWith('pageerror'))).toEqual(
			[]
		);
	});

	it('refuses the referent of another group on every URL of this one', async () => {
		await signInContext(app.browser.context, app.server.url, 'referent.clspd.massy@demo.bilans.fr');
		for (const p of [
			`/groupe/${GROUP}`,
			`/groupe/${GROUP}/${PERIOD}/situations`,
			`/groupe/${GROUP}/${PERIOD}/bilan`,
			`/groupe/${GROUP}/${PERIOD}/situations/lignes`,
			`/groupe/${GROUP}/${PERIOD}/situations/original/1`
		]) {
			const res = await app.page.goto(app.server.url + p);
			expect(res?.status(), p).toBe(403);
			await expect(app.page.locator('body').textContent()).resolves.not.toContain('Envoyé v');
		}
		await app.page.goto(`${app.server.url}/groupe`);
		expect(new URL(app.page.url()).pathname).toBe('/groupe/massy-clspd');
	});
});
