import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ROOT } from '../helpers/server';
import { watchConsole } from '../helpers/browser';
import { useApp } from '../helpers/app';

describe('home page in Chromium', () => {
	const app = useApp({ demo: false });

	it('tells each persona where to go, logs nothing to the console, and is captured for the README', async () => {
		const page = await app.browser.newPage();
		const messages = watchConsole(page);
		const response = await page.goto(app.server.url + '/', { waitUntil: 'networkidle' });
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
