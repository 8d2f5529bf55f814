// Signing in, in Chromium: each demo persona lands on its page; five wrong passwords lock the
// account; single sign-on through a real OpenID Connect provider opens a session with the roles
// of its claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, watchConsole, type Browser } from '../helpers/browser';
import { startWithProvider, type SsoSetup } from '../helpers/oidc';
import { DEMO_PASSWORD } from '../helpers/session';

const PERSONAS: [string, RegExp][] = [
	['referent.cve.evry@demo.bilans.fr', /^\/groupe\/evry-courcouronnes-cve$/],
	['referent.clspd.massy@demo.bilans.fr', /^\/groupe\/massy-clspd$/],
	['elu.evry@demo.bilans.fr', /^\/commune\/91228\/\d{4}-S[12]$/],
	['elu.massy@demo.bilans.fr', /^\/commune\/91377\/\d{4}-S[12]$/],
	['analyste@demo.bilans.fr', /^\/departement\/91$/],
	['admin@demo.bilans.fr', /^\/admin$/]
];

async function submitLogin(page: Page, email: string, password: string) {
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(password);
	await Promise.all([
		page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/connexion'
		),
		page.getByRole('button', { name: 'Se connecter', exact: true }).click()
	]);
}

describe('signing in, in Chromium', () => {
	let sso: SsoSetup;
	let browser: Browser;
	beforeAll(async () => {
		sso = await startWithProvider();
		browser = await launchBrowser();
	}, 240_000);
	afterAll(async () => {
		await browser?.close();
		await sso?.stop();
	});

	it('lands each demo persona on its own page', async () => {
		for (const [email, landing] of PERSONAS) {
			await browser.context.clearCookies();
			const page = await browser.newPage();
			const messages = watchConsole(page);
			await page.goto(`${sso.app.url}/connexion`);
			await submitLogin(page, email, DEMO_PASSWORD);
			await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
			await page.waitForLoadState('networkidle');
			expect(new URL(page.url()).pathname, email).toMatch(landing);
			await expect(page.getByRole('button', { name: 'Se déconnecter' }).count()).resolves.toBe(1);
			expect(messages, email).toEqual([]);
			await page.close();
		}
	});

	it('refuses the deactivated account and locks an account after five wrong passwords', async () => {
		await browser.context.clearCookies();
		const page = await browser.newPage();
		await page.goto(`${sso.app.url}/connexion`);
		await submitLogin(page, 'desactive@demo.bilans.fr', DEMO_PASSWORD);
		await page.locator('.fr-alert--error').waitFor();
		expect(new URL(page.url()).pathname).toBe('/connexion');
		await expect(page.getByRole('button', { name: 'Se déconnecter' }).count()).resolves.toBe(0);
		for (let i = 0; i < 5; i++) {
			await submitLogin(page, 'elu.massy@demo.bilans.fr', `mauvais-mot-de-passe-${i}`);
			await page
				.getByText(/incorrect|verrouillé/)
				.first()
				.waitFor();
		}
		await submitLogin(page, 'elu.massy@demo.bilans.fr', DEMO_PASSWORD);
		await page.getByText('temporairement verrouillé').waitFor();
		expect(new URL(page.url()).pathname).toBe('/connexion');
		await page.close();
	});

	it('signs in through the OpenID Connect provider with the roles of its claim', async () => {
		await browser.context.clearCookies();
		const page = await browser.newPage();
		await page.goto(`${sso.app.url}/connexion`);
		await page.getByRole('link', { name: /authentification unique/ }).click();
		// the provider's own (development) login and consent pages
		await page.waitForURL((u) => u.origin === sso.issuer);
		await page.locator('input[name=login]').fill('agent-1');
		await page.locator('input[name=password]').fill('nimporte');
		await page.locator('button[type=submit]').click();
		await page.waitForLoadState('networkidle');
		if (new URL(page.url()).origin === sso.issuer)
			await page.locator('button[type=submit]').click();
		await page.waitForURL((u) => u.origin === sso.app.url);
		expect(new URL(page.url()).pathname).toMatch(/^\/departement/);
		await page.goto(`${sso.app.url}/compte`);
		await expect(page.getByText('agent.sso@prefecture.example').count()).resolves.toBeGreaterThan(
			0
		);
		await page.close();
	});
});
