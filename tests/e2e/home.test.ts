import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startServer, ROOT, type RunningServer } from '../helpers/server';
import { launchBrowser, watchConsole, type Browser } from '../helpers/browser';

describe('home page in Chromium', () => {
	let server: RunningServer;
	let browser: Browser;
	beforeAll(async () => {
		server = await startServer();
		browser = await launchBrowser();
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('tells each persona where to go, logs nothing to the console, and is captured for the README', async () => {
		const page = await browser.newPage();
		const messages = watchConsole(page);
		const response = await page.goto(server.url + '/', { waitUntil: 'networkidle' });
		expect(response?.status()).toBe(200);
		await expect(page.locator('h1').textContent()).resolves.toBe('Bilans partagés');
		for (const persona of [
			'Référent de groupe',
			'Maire, élu',
			'Analyste départemental',
			'Administrateur'
		]) {
			await expect(page.getByRole('link', { name: persona }).count()).resolves.toBe(1);
		}
		await expect(page.getByText('Département de démonstration').count()).resolves.toBe(1);
		await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
		expect(messages).toEqual([]);
		await page.screenshot({
			path: path.join(ROOT, 'docs/screenshots/accueil.png'),
			fullPage: false
		});
	});
});
