// Each group's charter end to end in Chromium (issue 16, part 2): the referent of Évry's CVE
// records a member (institution, function, professional contact) and a new version of the local
// protocol beside the département framework; typed text holding a personal identifier is refused
// in French and nothing is stored; the élu of Évry then reads the members as institutions and
// functions, never the contact, and the commune's page lists the groups' charters.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server';
import { useApp } from '../helpers/app';
import { axeViolations } from '../helpers/axe';
import { signInContext } from '../helpers/session';

const GROUP = 'evry-courcouronnes-cve';
const SHOTS = path.join(ROOT, 'docs/screenshots');
const CONTACT = 'Nadia Contactessai';
const EMAIL = 'n.contactessai@exemple.fr';

describe('group charter in Chromium', () => {
	const app = useApp({ page: true, signIn: 'referent.cve.evry@demo.bilans.fr' });
	beforeAll(() => {
		mkdirSync(SHOTS, { recursive: true });
	});

	const signIn = (email: string) => signInContext(app.browser.context, app.server.url, email);

	const members = () => app.page.locator('[data-testid=membres] tbody tr');

	it('the referent adds a member with a professional contact from the group’s home', async () => {
		await app.page.goto(`${app.server.url}/groupe/${GROUP}`);
		await app.page.click('[data-testid=lien-charte] a:has-text("Membres")');
		await app.page.waitForURL(`${app.server.url}/groupe/${GROUP}/membres`);
		await expect(app.page.locator('h1').textContent()).resolves.toBe('Membres du groupe');
		const before = await members().count();
		expect(before).toBeGreaterThan(0); // the demo list
		const form = app.page.locator('[data-testid=ajout-membre]');
		await form.locator('select[name=institution]').selectOption('pjj');
		await form.locator('input[name=fonction]').fill('Éducatrice de milieu ouvert');
		await form.locator('input[name=contact_name]').fill(CONTACT);
		await form.locator('input[name=contact_email]').fill(EMAIL);
		await form.locator('button[type=submit]').click();
		await expect.poll(() => members().count()).toBe(before + 1);
		const row = members().filter({ hasText: 'Éducatrice de milieu ouvert' });
		await expect(row.textContent()).resolves.toContain('Protection judiciaire de la jeunesse');
		await expect(row.locator('[data-testid=contact]').textContent()).resolves.toContain(CONTACT);
		// attendance of the demo séances, for the referent
		const presence = app.page.locator('[data-testid=presence]');
		await expect(presence.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
		await expect(presence.textContent()).resolves.toMatch(/\d+\s?%/);
		await expect(axeViolations(app.page)).resolves.toEqual([]);
		await app.page.evaluate(() => window.scrollTo(0, 0));
		await app.page.screenshot({ path: path.join(SHOTS, 'membres.png'), fullPage: false });
	});

	it('refuses a function holding a phone number, in French, and stores nothing', async () => {
		const before = await members().count();
		const form = app.page.locator('[data-testid=ajout-membre]');
		await form.locator('select[name=institution]').selectOption('sante');
		await form.locator('input[name=fonction]').fill('Infirmière, joindre au 06 12 34 56 78');
		await form.locator('button[type=submit]').click();
		await app.page.locator('[data-testid=membre-erreur]').waitFor();
		await expect(app.page.locator('[data-testid=membre-erreur]').textContent()).resolves.toContain(
			'Rien n’a été enregistré'
		);
		await expect(app.page.locator('[data-testid=rapport-texte]').textContent()).resolves.toContain(
			'Fonction'
		);
		await app.page.reload();
		await expect(members().count()).resolves.toBe(before);
	});

	it('the coordinator role moves to the chosen member', async () => {
		const row = members().filter({ hasText: 'Éducatrice de milieu ouvert' });
		await row.locator('button:has-text("Désigner coordonnateur")').click();
		await expect
			.poll(() => app.page.locator('[data-testid=coordination]').textContent())
			.toContain('Protection judiciaire de la jeunesse — Éducatrice de milieu ouvert');
		await expect(app.page.locator('.fr-badge:has-text("coordonnateur")').count()).resolves.toBe(1);
	});

	it('records a new version of the local protocol beside the framework', async () => {
		await app.page.goto(`${app.server.url}/groupe/${GROUP}/protocole`);
		await expect(app.page.locator('[data-testid=cadre]').textContent()).resolves.toContain(
			'Signé à Évry, le 15 février 2005'
		);
		const hadVersion = (await app.page.locator('[data-testid=sans-protocole]').count()) === 0;
		const form = app.page.locator('[data-testid=protocole-form]');
		const fill = async (texte: string) => {
			await form.locator('textarea[name=texte]').fill(texte);
			await form
				.locator('textarea[name=limites]')
				.fill('Seule l’information utile à la résolution de la situation est partagée.');
			await form
				.locator('textarea[name=regulation]')
				.fill('Le coordonnateur réunit les partenaires dans le mois en cas de désaccord.');
			await form.locator('input[name=lieu]').fill('Salle polyvalente du collège');
			await form.locator('input[name=adopted_on]').fill('2026-09-15');
			await form.locator('button[type=submit]').click();
		};
		// a name in the text: refused, the text kept in the form
		await fill('Les séances sont préparées avec Kevin Durand, ordre du jour huit jours avant.');
		await app.page.locator('[data-testid=protocole-erreur]').waitFor();
		await expect(
			app.page.locator('[data-testid=protocole-erreur]').textContent()
		).resolves.toContain('Rien n’a été enregistré');
		await expect(form.locator('textarea[name=texte]').inputValue()).resolves.toContain('Durand');
		await fill(
			'Ordre du jour envoyé huit jours avant chaque séance ; familles informées au préalable.'
		);
		await app.page.locator('[role=status]:has-text("enregistrée")').waitFor();
		const view = app.page.locator('[data-testid=protocole-local]');
		await expect(view.textContent()).resolves.toContain('adoptée le 15 septembre 2026');
		await expect(view.textContent()).resolves.toContain('Salle polyvalente du collège');
		if (hadVersion) await expect(view.textContent()).resolves.toContain('Versions précédentes');
		await expect(view.textContent()).resolves.not.toContain('Durand');
		await expect(axeViolations(app.page)).resolves.toEqual([]);
	});

	it('the élu reads institutions and functions, never the contacts', async () => {
		await signIn('elu.evry@demo.bilans.fr');
		await app.page.goto(`${app.server.url}/groupe/${GROUP}/membres`);
		const html = await app.page.content();
		expect(html).toContain('Éducatrice de milieu ouvert');
		expect(html).toContain('Protection judiciaire de la jeunesse');
		expect(html).not.toContain(CONTACT);
		expect(html).not.toContain(EMAIL);
		// the demo contacts neither
		for (const name of ['Claire Démo', 'Karim Exemple', 'Sophie Fictive', 'Julien Essai'])
			expect(html).not.toContain(name);
		expect(html).not.toMatch(/contactName:"/);
		await expect(app.page.locator('[data-testid=ajout-membre]').count()).resolves.toBe(0);
		await expect(app.page.locator('[data-testid=presence]').count()).resolves.toBe(0);
		// the commune's page: its protocol and its groups' charters, institutions only
		await app.page.goto(`${app.server.url}/commune/91228/protocole`);
		const row = app.page.locator('[data-testid=chartes-groupes] tr', {
			hasText: 'Cellule de veille éducative'
		});
		await expect(row.textContent()).resolves.toContain('Protection judiciaire de la jeunesse');
		await expect(row.textContent()).resolves.toContain('adopté le 15 septembre 2026');
		expect(await app.page.content()).not.toContain(CONTACT);
		await expect(
			app.page.locator('[data-testid=protocole-local]').textContent()
		).resolves.toContain('Version 1');
		await expect(axeViolations(app.page)).resolves.toEqual([]);
		expect(app.console.filter((m) => m.startsWith('error') || m.startsWith('pageerror'))).toEqual(
			[]
		);
	});

	it('the annual bilan counts the groups’ charters under the threshold rule', async () => {
		await signIn('analyste@demo.bilans.fr');
		await app.page.goto(`${app.server.url}/departement/91/bilan-annuel/2025`, { timeout: 120_000 });
		const table = app.page.locator('[data-testid=chartes]');
		await expect(table.locator('tbody tr').count()).resolves.toBe(4);
		// the group recorded a protocol in 2026: not one of 2025's; the demo ones are
		const groups =
			(await table.locator('tr[data-line=protocole_groupe] td').first().textContent()) ?? '';
		expect(groups).toMatch(/^\d+$/);
		// two demo communes have a protocol of their own: a small count, read « s »
		await expect(
			table.locator('tr[data-line=protocole_commune] td').first().textContent()
		).resolves.toBe('s');
		// the member institutions' attendance at the published séances: counts, rates or « s »
		const presence = app.page.locator('[data-testid=presence-annuelle] tbody tr');
		expect(await presence.count()).toBeGreaterThan(0);
		const cells = await app.page
			.locator('[data-testid=presence-annuelle] tbody td')
			.allTextContents();
		expect(cells.length).toBe((await presence.count()) * 3);
		for (const c of cells) expect(c.trim()).toMatch(/^(s|[\d\s\u202f\u00a0]+(%)?)$/);
	}, 150_000);
});
