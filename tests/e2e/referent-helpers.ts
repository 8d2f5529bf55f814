// Signing a demo persona in over fetch (the session cookie), for the referent's tests and bench.
export const DEMO_PASSWORD = 'demo-bilans-2026';

export async function loginCookie(url: string, email: string): Promise<string> {
	const res = await fetch(`${url}/connexion?/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: '' })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bp_session='));
	if (!cookie) throw new Error(`login failed for ${email}`);
	return cookie.split(';')[0];
}
