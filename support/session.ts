// Signing a demo persona in: over fetch (the session cookie) or in a Chromium page (the form).
import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'demo-bilans-2026';

/** Posts the login form as a browser would (raw body, or fields to encode). */
export function postLogin(
	url: string,
	body: string | Record<string, string>,
	accept = 'text/html'
): Promise<Response> {
	return fetch(`${url}/connexion?/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, accept, 'content-type': 'application/x-www-form-urlencoded' },
		body: typeof body === 'string' ? body : new URLSearchParams(body)
	});
}

export async function loginCookie(url: string, email: string): Promise<string> {
	const res = await postLogin(url, { email, password: DEMO_PASSWORD, redirectTo: '' });
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bp_session='));
	if (!cookie) throw new Error(`login failed for ${email}`);
	return cookie.split(';')[0];
}

/** Signs in through the login form and lands on `to` (already signed in: lands there directly). */
export async function loginPage(
	page: Page,
	base: string,
	email: string,
	to: string
): Promise<void> {
	await page.goto(`${base}/connexion?redirectTo=${encodeURIComponent(to)}`);
	if (!new URL(page.url()).pathname.startsWith('/connexion')) return;
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(DEMO_PASSWORD);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/connexion')),
		page.getByRole('button', { name: 'Se connecter' }).click()
	]);
}
