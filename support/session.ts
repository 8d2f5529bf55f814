// Signing a demo persona in: over fetch (the session cookie) or in a Chromium page (the form).
import type { BrowserContext, Page } from 'playwright-core';

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

/** Gives a browser context the session `cookie` (`name=value`), in place of any cookie it had. */
export async function useSession(
	context: BrowserContext,
	url: string,
	cookie: string
): Promise<void> {
	await context.clearCookies();
	const eq = cookie.indexOf('=');
	await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url }]);
}

/** Signs `email` in over fetch and gives the browser context its session; returns the cookie. */
export async function signInContext(
	context: BrowserContext,
	url: string,
	email: string
): Promise<string> {
	const cookie = await loginCookie(url, email);
	await useSession(context, url, cookie);
	return cookie;
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

/** Signs the page's context out, then in as `email` through the login form, landing on `to`. */
export async function switchUser(
	page: Page,
	base: string,
	email: string,
	to: string
): Promise<void> {
	await page.context().clearCookies();
	await loginPage(page, base, email, to);
}
