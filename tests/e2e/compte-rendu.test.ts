// The compte rendu check (protocole §4) end to end in Chromium, as the demo referent of Évry's
// CVE: from the group's home to the page, a DOCX dropped with a name and « sa mère est
// hospitalisée » has both pointed at (the name masked), a clean DOCX is accepted, an ODT and a
// PDF are read by their lazily loaded readers (pdf.js's worker under the app's CSP), pasted text
// is checked; no request ever carries the document, and the templates are served as committed.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server';
import { axeViolations } from '../helpers/axe';
import { useApp } from '../helpers/app';
import { makeDocx, makeOdt, makePdf } from '../../src/lib/compte-rendu/fixtures.test-data';

const GROUP = 'evry-courcouronnes-cve';
const SHOTS = path.join(ROOT, 'docs/screenshots');
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Words of the documents that must never leave the browser. */
const SECRETS = ['Durand', 'hospitalis', 'Martineau', 'garde', 'SIT-0042', '0612345678'];

const DIRTY = [
	'Compte rendu de la cellule de veille éducative',
	'Situation SIT-0041 : Kevin Durand, sa mère est hospitalisée depuis mars.',
	'Solution envisagée : soutien à la parentalité. Institution pilote : Conseil départemental.'
];
const CLEAN = [
	'Compte rendu de la cellule de veille éducative',
	'SIT-0042 — Solution envisagée : remobilisation scolaire. Institution pilote : Éducation nationale.',
	'SIT-0043 — Solution envisagée : médiation. Institution pilote : Commune.'
];

describe('compte rendu check in Chromium', () => {
	const app = useApp({ signIn: 'referent.cve.evry@demo.bilans.fr', page: true });
	const requests: Request[] = [];
	const workers: string[] = [];

	beforeAll(() => {
		mkdirSync(SHOTS, { recursive: true });
		// every request of the context, the pages' workers included
		app.browser.context.on('request', (r) => requests.push(r));
		app.page.on('worker', (w) => workers.push(w.url()));
	});

	const report = () => app.page.locator('[data-testid=rapport-cr]');
	const codes = async () =>
		(await report()
			.locator('mark[data-code]')
			.evaluateAll((ms) => ms.map((m) => m.getAttribute('data-code')))) as string[];
	const loaded = (part: string) => requests.some((r) => r.url().includes(part));

	it('opens from the group’s home, for its referent', async () => {
		await app.page.goto(`${app.server.url}/groupe/${GROUP}`);
		await app.page.click('[data-testid=lien-compte-rendu] a');
		await app.page.waitForURL(`${app.server.url}/groupe/${GROUP}/compte-rendu`);
		await expect(app.page.locator('h1').textContent()).resolves.toBe('Vérifier un compte rendu');
		await expect(app.page.locator('main, body').first().textContent()).resolves.toContain(
			'Le compte rendu ne mentionne que la solution envisagée et l’institution qui la conduira'
		);
	});

	it('points at the name and at « sa mère est hospitalisée » in a dropped DOCX', async () => {
		const b64 = Buffer.from(makeDocx(DIRTY)).toString('base64');
		const dt = await app.page.evaluateHandle(
			({ b64, type }) => {
				const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
				const dt = new DataTransfer();
				dt.items.add(new File([bytes], 'compte-rendu-cve.docx', { type }));
				return dt;
			},
			{ b64, type: DOCX_TYPE }
		);
		await app.page.dispatchEvent('[aria-label="Dépôt du compte rendu"]', 'drop', {
			dataTransfer: dt
		});
		await report().waitFor();
		expect(await codes()).toEqual(['pii.name', 'cr.famille', 'cr.sante']);
		const block = report().locator('[data-block]');
		await expect(block.count()).resolves.toBe(1);
		await expect(block.getAttribute('data-where')).resolves.toBe('paragraphe 2');
		const passage = (await block.locator('[data-testid=passage]').textContent()) ?? '';
		// the name is masked, as in the CSV report; the description is shown as written
		expect(passage).not.toContain('Kevin');
		expect(passage).not.toContain('Durand');
		await expect(block.locator('mark[data-code="cr.famille"]').textContent()).resolves.toBe(
			'sa mère'
		);
		await expect(block.locator('mark[data-code="cr.sante"]').textContent()).resolves.toBe(
			'hospitalisée'
		);
		const text = (await report().textContent()) ?? '';
		expect(text).toContain('Compte rendu à corriger : 3 passages');
		expect(text).toContain('un détail sur la famille');
		expect(text).toContain('écrivez seulement, pour la référence de la situation');
		// the detectors ran in their worker; the DOCX reader was loaded, the PDF reader was not
		expect(workers.some((u) => u.includes('check.worker'))).toBe(true);
		expect(loaded('pdf.worker')).toBe(false);
		await expect(axeViolations(app.page)).resolves.toEqual([]);
		await app.page.locator('main').screenshot({ path: path.join(SHOTS, 'compte-rendu.png') });
	});

	it('filters by kind, as the CSV report does', async () => {
		await app.page.click('[data-testid=regles-cr] button[data-code="pii.name"]');
		await expect(report().locator('[data-block]').count()).resolves.toBe(1);
		await app.page.click('[data-testid=regles-cr] button[data-code="pii.name"]');
	});

	it('saves the report as CSV in the browser', async () => {
		const [download] = await Promise.all([
			app.page.waitForEvent('download'),
			app.page.click('[data-testid=telecharger-rapport-cr]')
		]);
		expect(download.suggestedFilename()).toBe('rapport-compte-rendu-cve.csv');
		const csv = readFileSync(await download.path(), 'utf8');
		expect(csv.startsWith('\uFEFFemplacement;règle;passage;message;que faire\r\n')).toBe(true);
		expect(csv).toContain(
			'paragraphe 2;Au-delà de la solution : un détail sur la famille;sa mère;'
		);
		expect(csv).not.toContain('Durand');
	});

	it('accepts a clean DOCX', async () => {
		await app.page.setInputFiles('[data-testid=fichier-cr]', {
			name: 'compte-rendu-propre.docx',
			mimeType: DOCX_TYPE,
			buffer: Buffer.from(makeDocx(CLEAN))
		});
		await app.page.waitForSelector('[data-testid=conforme-cr]');
		await expect(app.page.locator('[data-testid=conforme-cr]').textContent()).resolves.toContain(
			'3 paragraphes lus'
		);
		await expect(report().count()).resolves.toBe(0);
	});

	it('reads an ODT', async () => {
		await app.page.setInputFiles('[data-testid=fichier-cr]', {
			name: 'compte-rendu.odt',
			mimeType: 'application/vnd.oasis.opendocument.text',
			buffer: Buffer.from(makeOdt(['SIT-0044 : son frère, en garde à vue, a été exclu.']))
		});
		await report().waitFor();
		expect(await codes()).toEqual(['cr.famille', 'cr.infraction', 'cr.scolarite']);
	});

	it('reads a PDF with pdf.js’s worker, under the app’s CSP', async () => {
		expect(loaded('pdf.worker')).toBe(false);
		await app.page.setInputFiles('[data-testid=fichier-cr]', {
			name: 'compte-rendu.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from(
				makePdf([['Compte rendu'], ['SIT-0045 : Mme Martineau, joignable au', '06 12 34 56 78.']])
			)
		});
		await report().waitFor({ timeout: 60_000 });
		expect(loaded('pdf.worker')).toBe(true);
		// a real worker thread, not pdf.js's fallback on the page's thread
		expect(workers.some((u) => u.includes('pdf.worker'))).toBe(true);
		expect(await codes()).toEqual(['pii.name', 'pii.phone']);
		await expect(report().locator('[data-block]').first().getAttribute('data-where')).resolves.toBe(
			'page 2, ligne 1'
		);
	});

	it('checks pasted text, line by line', async () => {
		await app.page.fill(
			'[data-testid=texte-cr]',
			'SIT-0046 : médiation, Commune.\nSIT-0047 : redoublement envisagé, TDAH diagnostiqué.'
		);
		await app.page.click('[data-testid=verifier-texte]');
		await report().waitFor();
		expect(await codes()).toEqual(['cr.scolarite', 'cr.sante', 'cr.sante']);
		await expect(report().locator('[data-block]').getAttribute('data-where')).resolves.toBe(
			'ligne 2'
		);
		await app.page.fill('[data-testid=texte-cr]', 'SIT-0048 : insertion, Mission locale.');
		await app.page.click('[data-testid=verifier-texte]');
		await app.page.waitForSelector('[data-testid=conforme-cr]');
	});

	it('checks a long compte rendu (400 paragraphs, a 25-page PDF) in a few seconds (figures for README « Mesures »)', async () => {
		const sentence =
			'SIT-0100 — Solution envisagée : accompagnement éducatif, avec un point d’étape à la prochaine séance. Institution pilote : Prévention spécialisée, en lien avec la Commune et la Mission locale du secteur.';
		const paragraphs = Array.from({ length: 400 }, (_, i) =>
			sentence.replace('0100', String(100 + i))
		);
		const timings: Record<string, number> = {};
		const measure = async (
			name: string,
			file: { name: string; mimeType: string; buffer: Buffer }
		) => {
			const t0 = Date.now();
			await app.page.setInputFiles('[data-testid=fichier-cr]', file);
			await app.page.waitForSelector('[data-testid=conforme-cr]', { timeout: 60_000 });
			timings[name] = Date.now() - t0;
			timings[`${name} (page)`] = Number(
				await app.page.getAttribute('[data-testid=conforme-cr]', 'data-ms')
			);
		};
		await measure('docx', {
			name: 'long.docx',
			mimeType: DOCX_TYPE,
			buffer: Buffer.from(makeDocx(paragraphs))
		});
		const pages = Array.from({ length: 25 }, (_, p) =>
			paragraphs.slice(p * 16, p * 16 + 16).map((t) => t.slice(0, 90) + '\n' + t.slice(90))
		);
		await measure('pdf', {
			name: 'long.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from(makePdf(pages))
		});
		process.stdout.write(
			`compte rendu de 400 paragraphes (${paragraphs.join('').length} caractères) : ${JSON.stringify(timings)}\n`
		);
		expect(timings.docx).toBeLessThan(15_000);
		expect(timings.pdf).toBeLessThan(30_000);
	});

	it('sent nothing of the documents: only GET requests, none naming their content', async () => {
		const sent = requests.filter((r) => r.url().startsWith(app.server.url));
		expect(sent.length).toBeGreaterThan(0);
		for (const r of sent) {
			expect(r.method(), r.url()).toBe('GET');
			expect(r.postDataBuffer(), r.url()).toBeNull();
			for (const s of SECRETS) expect(decodeURIComponent(r.url())).not.toContain(s);
		}
		// after the page opened: only the app's own scripts and assets
		const opened = sent.findIndex((r) => r.url().includes(`/groupe/${GROUP}/compte-rendu`));
		expect(opened).toBeGreaterThanOrEqual(0);
		const after = sent.slice(opened + 1);
		for (const r of after)
			expect(new URL(r.url()).pathname, r.url()).toMatch(/^\/(?:_app\/|favicon)/);
		expect(app.console.filter((m) => /error|Content Security Policy/i.test(m))).toEqual([]);
	});

	it('serves the templates as committed, also linked from the public contract page', async () => {
		const contrat = await (await fetch(`${app.server.url}/contrat`)).text();
		expect(contrat).toContain('href="/contrat/modele-compte-rendu.docx"');
		expect(contrat).toContain('href="/contrat/modele-compte-rendu.odt"');
		for (const ext of ['docx', 'odt']) {
			const href = await app.page.getAttribute(`[data-testid=modele-${ext}]`, 'href');
			expect(href).toBe(`/contrat/modele-compte-rendu.${ext}`);
			const r = await fetch(app.server.url + href);
			expect(r.status).toBe(200);
			const committed = readFileSync(
				path.join(ROOT, 'static', 'contrat', `modele-compte-rendu.${ext}`)
			);
			expect(Buffer.compare(Buffer.from(await r.arrayBuffer()), committed)).toBe(0);
		}
	});
});
