// The referent's home shows what the open collection campaign expects of the group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { loginCookie } from '../helpers/session';

describe('campaign due items on the group home', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServer();
	}, 120_000);
	afterAll(() => server?.stop());

	it('lists each kind the demo campaign expects, with its due date and state', async () => {
		const cookie = await loginCookie(server.url, 'referent.cve.evry@demo.bilans.fr');
		const res = await fetch(`${server.url}/groupe/evry-courcouronnes-cve`, {
			headers: { cookie }
		});
		expect(res.status).toBe(200);
		const html = await res.text();
		const section = html.slice(html.indexOf('data-testid="campagnes"'));
		expect(section).toContain('Campagnes de collecte');
		expect(section).toContain('1er semestre 2026');
		for (const kind of ['Situations examinées', 'Séances du groupe', 'Bilan qualitatif']) {
			expect(section).toContain(kind);
		}
		expect(section).toContain('Manquant');
	});
});
