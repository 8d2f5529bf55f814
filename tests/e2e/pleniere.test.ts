// The plenary assembly (protocole §3, §5) end to end in Chromium on the built demo: the élu of
// Évry records a session presenting a group's bilan (a diagnosis holding a telephone number is
// refused first, pointing at the line, and nothing is stored), the commune's bilan then shows the
// date on that group and « Pas encore présenté » on the others, and the analyst reads the share
// of groups presented in plenary in the annual bilan; axe finds no serious violation.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchBrowser, watchConsole, type Browser } from '../helpers/browser';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { axeViolations } from '../helpers/axe';
import { loginCookie, loginPage } from '../helpers/session';

const SHOTS = path.join(ROOT, 'docs/screenshots');
const GROUP = 'evry-courcouronnes-cve';
const PRESENTED = `${GROUP}|2025-S2`;

describe.runIf(findChromium() || process.env.CI)('plenary assembly in Chromium', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	let console: string[];
	beforeAll(async () => {
		server = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		browser = await launchBrowser();
		mkdirSync(SHOTS, { recursive: true });
		page = await browser.newPage();
		console = watchConsole(page);
	}, 240_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('the élu records a session; a telephone number in the diagnosis is refused first', async () => {
		await loginPage(page, server.url, 'elu.evry@demo.bilans.fr', '/commune/91228/pleniere');
		// the demo's two sessions of Évry
		await expect(page.getByTestId('seances-plenieres').locator('li').count()).resolves.toBe(2);
		await Promise.all([
			page.waitForURL(/\/pleniere\/nouvelle$/),
			page.getByRole('link', { name: 'Enregistrer une séance' }).click()
		]);
		await page.locator('#date-seance').fill('2025-12-04');
		// DSFR draws the box on the label: click it as a user would
		await page.locator(`label[for="presente-${PRESENTED}"]`).click();
		await expect(page.locator(`input[value="${PRESENTED}"]`).isChecked()).resolves.toBe(true);
		await page
			.locator('#diagnostic')
			.fill('Hausse du décrochage au collège.\nRappeler le parent au 06 12 34 56 78.');
		await page.locator('#orientations').fill('Renforcer la veille éducative au collège.');
		await page.getByRole('button', { name: 'Enregistrer la séance' }).click();
		const refusal = page.getByTestId('erreur-pleniere');
		await refusal.waitFor();
		await expect(refusal.textContent()).resolves.toContain('Rien n’a été enregistré');
		await expect(page.getByTestId('rapport-texte').textContent()).resolves.toContain(
			'« Diagnostic partagé », ligne 2'
		);
		// the form keeps what was typed and checked
		await expect(page.locator(`input[value="${PRESENTED}"]`).isChecked()).resolves.toBe(true);
		await page.locator('#diagnostic').fill('Hausse du décrochage au collège.');
		await Promise.all([
			page.waitForURL(/\/pleniere\/[0-9a-f-]{36}\?enregistree$/),
			page.getByRole('button', { name: 'Enregistrer la séance' }).click()
		]);
		await expect(page.locator('h1').textContent()).resolves.toContain('4 décembre 2025');
		await expect(page.getByTestId('bilans-presentes').textContent()).resolves.toContain(
			'2e semestre 2025'
		);
		await expect(page.getByRole('status').first().textContent()).resolves.toContain(
			'Séance enregistrée'
		);
		expect(await axeViolations(page)).toEqual([]);
		await page.locator('main').screenshot({ path: path.join(SHOTS, 'pleniere.png') });
		// the commune's sessions now list it first
		await page.goto(`${server.url}/commune/91228/pleniere`);
		await expect(
			page.getByTestId('seances-plenieres').locator('li').first().textContent()
		).resolves.toContain('Séance du 4 décembre 2025');
	}, 120_000);

	it('the group’s bilan shows the date; the others are not presented yet', async () => {
		// the first request of a period builds its protected table set: slow on a loaded machine
		await page.goto(`${server.url}/commune/91228/2025-S2`, { timeout: 90_000 });
		const rows = page.locator('table:has(caption:text("Groupes de la commune")) tbody tr');
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
			page
				.locator('#bilan-' + GROUP)
				.locator('xpath=..')
				.getByTestId('statut-pleniere')
				.textContent()
		).resolves.toContain('4 décembre 2025');
		await expect(page.getByTestId('seances-plenieres').textContent()).resolves.toContain(
			'4 décembre 2025'
		);
	}, 150_000);

	it('the analyst reads the share of groups presented in plenary in the annual bilan', async () => {
		await page.context().clearCookies();
		const [name, value] = (await loginCookie(server.url, 'analyste@demo.bilans.fr')).split('=');
		await page.context().addCookies([{ name, value, url: server.url }]);
		// the year's protected table set is built at the first request: slow on a loaded machine
		const res = await page.goto(`${server.url}/departement/91/bilan-annuel/2025`, {
			timeout: 150_000
		});
		expect(res?.status()).toBe(200);
		await page.getByTestId('part-pleniere').waitFor();
		const total = await page.getByTestId('part-pleniere-total').textContent();
		expect(total?.trim()).toMatch(/^\d{1,3}\u202f%$/);
		// types of fewer than k groups read « s », never a count
		const types = await page
			.getByTestId('part-pleniere-type')
			.locator('tbody tr')
			.allTextContents();
		expect(types.some((t) => /s$/.test(t.trim()))).toBe(true);
		// the analyst reads the sessions, never records one
		await page.goto(`${server.url}/commune/91228/pleniere`);
		await expect(page.getByRole('link', { name: 'Enregistrer une séance' }).count()).resolves.toBe(
			0
		);
		const denied = await page.goto(`${server.url}/commune/91228/pleniere/nouvelle`);
		expect(denied?.status()).toBe(403);
		expect(console.filter((m) => !m.includes('403'))).toEqual([]);
	}, 200_000);
});
