// Sign-in under attack, over HTTP against the built app: `redirectTo` never leads off the site (nor
// to a 500) whether the user is already signed in (GET) or signs in (POST); sign-in answers are
// never cached; a deactivated account gets one answer whatever the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo-accounts';
import { startServer, type RunningServer } from '../helpers/server';
import { loginCookie, postLogin } from '../helpers/session';

// As they would be typed in a query string (already percent-encoded where an attacker would).
const BYPASSES = [
	'//evil.example',
	'%2F%2Fevil.example',
	'%252F%252Fevil.example',
	'/%5Cevil.example',
	'%2F%5Cevil.example',
	'%5C%5Cevil.example',
	'%2F%09%2Fevil.example',
	'%2F%0A%2Fevil.example',
	'%2F%0D%0A%2Fevil.example',
	'%09%2F%2Fevil.example',
	'https:evil.example',
	'https%3A%2F%2Fevil.example',
	'%2F..%2F%2Fevil.example',
	'%2Fadmin%0D%0ASet-Cookie%3A%20x%3D1',
	'%2Fgroupe%2F%E6%97%A5%E6%9C%AC',
	'%2F%E2%80%A8evil'
];

describe('sign-in hardening', () => {
	let app: RunningServer;
	let cookie: string;
	beforeAll(async () => {
		app = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		cookie = await loginCookie(app.url, 'elu.evry@demo.bilans.fr');
	}, 240_000);
	afterAll(() => app?.stop());

	const expectOnSite = (res: Response, raw: string) => {
		expect(res.status, raw).toBe(303);
		const location = res.headers.get('location') ?? '';
		expect(new URL(location, `${app.url}/connexion`).origin, `${raw} → ${location}`).toBe(app.url);
		expect(location, raw).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
	};

	it.each(BYPASSES)('GET /connexion?redirectTo=%s, signed in, stays on the site', async (raw) => {
		const res = await fetch(`${app.url}/connexion?redirectTo=${raw}`, {
			redirect: 'manual',
			headers: { cookie, accept: 'text/html' }
		});
		expectOnSite(res, raw);
	});

	it('a successful sign-in with each bypass stays on the site, and is never cached', async () => {
		for (const raw of BYPASSES) {
			const res = await postLogin(
				app.url,
				`email=elu.massy%40demo.bilans.fr&password=${DEMO_PASSWORD}&redirectTo=${raw}`
			);
			expectOnSite(res, raw);
			expect(res.headers.get('cache-control'), raw).toMatch(/no-store/);
		}
	});

	it('keeps a same-site destination', async () => {
		const res = await fetch(`${app.url}/connexion?redirectTo=%2Fcommune%2F91228%3Fa%3D1`, {
			redirect: 'manual',
			headers: { cookie }
		});
		expect(res.headers.get('location')).toBe('/commune/91228?a=1');
		const page = await fetch(`${app.url}/connexion`);
		expect(page.headers.get('cache-control')).toMatch(/no-store/);
	});

	it('answers a deactivated account the same way whatever the password', async () => {
		const answers: string[] = [];
		for (const password of [DEMO_PASSWORD, 'pas-le-bon-mot-de-passe']) {
			const res = await postLogin(
				app.url,
				{ email: 'desactive@demo.bilans.fr', password },
				'application/json'
			);
			expect(res.headers.get('cache-control')).toMatch(/no-store/);
			const body = (await res.json()) as { type: string; status: number; data: string };
			expect(body).toMatchObject({ type: 'failure', status: 400 });
			answers.push(body.data);
		}
		expect(answers[0]).toContain('désactivé');
		expect(answers[1]).toBe(answers[0]);
	});
});
