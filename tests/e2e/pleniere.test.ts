// The plenary assembly (protocole §3, §5) end to end in Chromium on the built demo: the élu of
// Évry records a session presenting a group's bilan (a diagnosis holding a telephone number is
// refused first, pointing at the line, and nothing is stored), the commune's bilan then shows the
// date on that group and « Pas encore présenté » on the others, and the analyst reads the share
// of groups presented in plenary in the annual bilan; axe finds no serious violation.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser';
import { ROOT } from '../helpers/server';
import { useApp } from '../helpers/app';
import { axeViolations } from '../helpers/axe';
import { loginCookie, loginPage } from '../helpers/session';

const SHOTS = path.join(ROOT, 'docs/screenshots');
const GROUP = 'evry-courcouronnes-cve';
const PRESENTED = `${GROUP}|2025-S2`;

describe.runIf(findChromium() || process.env.CI)('plenary assembly in Chromium', () => {
	const app = useApp({ page: true });
	beforeAll(() => {
		mkdirSync(SHOTS, { recursive: true });
	});

	it('the élu records a session; a telephone number in the diagnosis is refused first', async () => {
		await loginPage(app.page, app.server.url, 'elu.evry@demo.bilans.fr', '/commune/91228/pleniere');
		// the demo's two sessions of Évry
		await expect(app.page.getByTestId('seances-plenieres').locator('li').count()).resolves.toBe(2);
		await Promise.all([
			app.page.waitForURL(/\/pleniere\/nouvelle$/),
			app.page.getByRole('link', { name: 'Enregistrer une séance' }).click()
		]);
		await app.page.locator('#date-seance').fill('2025-12-04');
		// DSFR draws the box on the label: click it as a user would
		await app.page.locator(`label[for="presente-${PRESENTED}"]`).click();
		await expect(app.page.locator(`input[value="${PRESENTED}"]`).isChecked()).resolves.toBe(true);
		await app.page
			.locator('#diagnostic')
			.fill('Hausse du décrochage au collège.\nRappeler le parent au 06 12 34 56 78.');
		await app.page.locator('#orientations').fill('Renforcer la veille éducative au collège.');
		await app.page.getByRole('button', { name: 'Enregistrer la séance' }).click();
		const refusal = app.page.getByTestId('erreur-pleniere');
		await refusal.waitFor();
		await expect(refusal.textContent()).resolves.toContain('Rien n’a été enregistré');
		await expect(app.page.getByTestId('rapport-texte').textContent()).resolves.toContain(
			'« Diagnostic partagé », ligne 2'
		);
		// the form keeps what was typed and checked
		await expect(app.page.locator(`input[value="${PRESENTED}"]`).isChecked()).resolves.toBe(true);
		await app.page.locator('#diagnostic').fill('Hausse du décrochage au collège.');
		await Promise.all([
			app.page.waitForURL(/\/pleniere\/[0-9a-f-]{36}\?enregistree$/),
			app.page.getByRole('button', { name: 'Enregistrer la séance' }).click()
		]);
		await expect(app.page.locator('h1').textContent()).resolves.toContain('4 décembre 2025');
		await expect(app.page.getByTestId('bilans-presentes').textContent()).resolves.toContain(
			'2e semestre 2025'
		);
		await expect(app.page.getByRole('status').first().textContent()).resolves.toContain(
			'Séance enregistrée'
		);
		expect(await axeViolations(app.page)).toEqual([]);
		await app.page.locator('main').screenshot({ path: path.join(SHOTS, 'pleniere.png') });
		// the commune's sessions now list it first
		await app.page.goto(`${app.server.url}/commune/91228/pleniere`);
		await expect(
			app.page.getByTestId('seances-plenieres').locator('li').first().textContent()
		).resolves.toContain('Séance du 4 décembre 2025');
	}, 120_000);

	it('the group’s bilan shows the date; the others are not presented yet', async () => {
		// the first request of a period builds its protected table set: slow on a loaded machine
		await app.page.goto(`${app.server.url}/commune/91228/2025-S2`, { timeout: 90_000 });
		const rows = app.page.locator('table:has(caption:text("Groupes de la commune")) tbody tr');
		const cve = rows.filter({ hasText: 'Cellule de veille éducative' });
		await expect(cve.getByTestId('statut-pleniere').textContent()).resolves.toBe(
			'Présenté en assemblée plénière le 4 décembre 2025'
		);
		const others = await rows
			.filter({ hasNotText: 'Cellule de veille éducative' })
			.getByTestId('statut-pleniere')
			.allTextContents();
		expect(others.length).toBeGreaterThan(0);
		for (const t of others) expect(t).toBe('Pas encore présenté');
		// the qualitative bilan of the group says it too
		await expect(
			app.page
				.locator('#bilan-' + GROUP)
				.locator('xpath=..')
				.getByTestId('statut-pleniere')
				.textContent()
		).resolves.toContain('4 décembre 2025');
		await expect(app.page.getByTestId('seances-plenieres').textContent()).resolves.toContain(
			'4 décembre 2025'
		);
	}, 150_000);

	it('the analyst reads the share of groups presented in plenary in the annual bilan', async () => {
		await app.page.context().clearCookies();
		const [name, value] = (await loginCookie(app.server.url, 'analyste@demo.bilans.fr')).split('=');
		await app.page.context().addCookies([{ name, value, url: app.server.url }]);
		// the year's protected table set is built at the first request: slow on a loaded machine
		const res = await app.page.goto(`${app.server.url}/departement/91/bilan-annuel/2025`, {
			timeout: 150_000
		});
		expect(res?.status()).toBe(200);
		await app.page.getByTestId('part-pleniere').waitFor();
		const total = await app.page.getByTestId('part-pleniere-total').textContent();
		expect(total?.trim()).toMatch(/^\d{1,3}\u202f%$/);
		// types of fewer than k groups read « s », never a count
		const types = await app.page
			.getByTestId('part-pleniere-type')
			.locator('tbody tr')
			.allTextContents();
		expect(types.some((t) => /s$/.test(t.trim()))).toBe(true);
		// the analyst reads the sessions, never records one
		await app.page.goto(`${app.server.url}/commune/91228/pleniere`);
		await expect(
			app.page.getByRole('link', { name: 'Enregistrer une séance' }).count()
		).resolves.toBe(0);
		const denied = await app.page.goto(`${app.server.url}/commune/91228/pleniere/nouvelle`);
		expect(denied?.status()).toBe(403);
		expect(app.console.filter((m) => !m.includes('403'))).toEqual([]);
	}, 200_000);
});
