// Single sign-on end to end: a real OpenID Connect provider (oidc-provider) on a loopback port,
// the built app configured against it, and the whole authorization-code flow driven over HTTP
// with cookies, as a browser would (redirects, the provider's login and consent forms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../helpers/server';
import { startWithProvider, type SsoSetup } from '../helpers/oidc';

class Jar {
	private cookies = new Map<string, Map<string, string>>();
	header(url: URL) {
		const c = this.cookies.get(url.host);
		return c ? [...c].map(([k, v]) => `${k}=${v}`).join('; ') : '';
	}
	store(url: URL, res: Response) {
		const c = this.cookies.get(url.host) ?? new Map<string, string>();
		for (const set of res.headers.getSetCookie()) {
			const [pair, ...attrs] = set.split(';');
			const i = pair.indexOf('=');
			const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
			if (expired) c.delete(pair.slice(0, i).trim());
			else c.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
		}
		this.cookies.set(url.host, c);
	}
}

/** Follows redirects and submits the provider's forms until the app answers its final redirect. */
async function browse(
	start: string,
	login: string,
	appOrigin: string,
	jar: Jar
): Promise<{ url: URL; res: Response; trail: string[] }> {
	let url = new URL(start);
	let init: RequestInit = { method: 'GET' };
	const trail: string[] = [];
	for (let step = 0; step < 20; step++) {
		const headers = new Headers(init.headers);
		const cookie = jar.header(url);
		if (cookie) headers.set('cookie', cookie);
		const res = await fetch(url, { ...init, headers, redirect: 'manual' });
		jar.store(url, res);
		trail.push(`${init.method} ${url.pathname} → ${res.status}`);
		const location = res.headers.get('location');
		if (res.status >= 300 && res.status < 400 && location) {
			const next = new URL(location, url);
			// Stop at the app's answer after the callback.
			if (url.origin === appOrigin && url.pathname === '/connexion/sso/retour')
				return { url: next, res, trail };
			url = next;
			init = { method: 'GET' };
			continue;
		}
		const html = await res.text();
		const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[\s\S]*?<\/form>/i.exec(html);
		if (url.origin !== appOrigin && form) {
			const body = new URLSearchParams();
			for (const [input] of form[0].matchAll(/<input[^>]*>/g)) {
				const name = /name="([^"]+)"/.exec(input)?.[1];
				if (name) body.set(name, /value="([^"]*)"/.exec(input)?.[1] ?? '');
			}
			if (body.has('login')) body.set('login', login);
			if (body.has('password')) body.set('password', 'any');
			url = new URL(form[1].replace(/&amp;/g, '&'), url);
			init = {
				method: 'POST',
				body,
				headers: { 'content-type': 'application/x-www-form-urlencoded' }
			};
			continue;
		}
		return { url, res, trail };
	}
	throw new Error(`too many steps: ${trail.join(' | ')}`);
}

describe('OpenID Connect single sign-on against a real provider', () => {
	let sso: SsoSetup;
	let app: RunningServer;

	beforeAll(async () => {
		sso = await startWithProvider();
		app = sso.app;
	}, 240_000);
	afterAll(() => sso?.stop());

	it('creates the account of a new identity with the roles of its claim and opens a session', async () => {
		const jar = new Jar();
		const { url, trail } = await browse(`${app.url}/connexion/sso`, 'agent-1', app.url, jar);
		expect(url.pathname, trail.join(' | ')).toBe('/departement');
		const account = await fetch(`${app.url}/compte`, {
			headers: { cookie: jar.header(new URL(app.url)) },
			redirect: 'manual'
		});
		expect(account.status).toBe(200);
		const html = await account.text();
		expect(html).toContain('agent.sso@prefecture.example');
		expect(html).toContain('Analyste départemental');
	});

	it('maps an identity to the existing account with the same e-mail, keeping its roles', async () => {
		const jar = new Jar();
		const { url, trail } = await browse(`${app.url}/connexion/sso`, 'elu-evry', app.url, jar);
		expect(url.pathname, trail.join(' | ')).toBe('/commune');
		const html = await (
			await fetch(`${app.url}/compte`, { headers: { cookie: jar.header(new URL(app.url)) } })
		).text();
		expect(html).toContain('elu.evry@demo.bilans.fr');
		expect(html).toContain('Commune 91228');
	});

	it('refuses an unverified e-mail and a forged callback', async () => {
		const jar = new Jar();
		const { url } = await browse(`${app.url}/connexion/sso`, 'inconnu-non-verifie', app.url, jar);
		expect(url.pathname + url.search).toBe('/connexion?erreur=sso');
		const forged = await fetch(`${app.url}/connexion/sso/retour?code=abc&state=xyz`, {
			redirect: 'manual'
		});
		expect(forged.headers.get('location')).toBe('/connexion?erreur=sso');
	});
});
