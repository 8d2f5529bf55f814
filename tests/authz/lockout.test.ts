// Lock-out end to end: five wrong passwords lock the account, the right one is then refused too,
// and both the failures and the lock are in the audit trail.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../../src/lib/server/db';
import { DEMO_PASSWORD } from '../../src/lib/server/auth/demo-accounts';
import { startServer, type RunningServer } from '../helpers/server';

describe('login lock-out', () => {
	let app: RunningServer;
	beforeAll(async () => {
		app = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
	}, 240_000);
	afterAll(() => app?.stop());

	const login = (email: string, password: string) =>
		fetch(`${app.url}/connexion?/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: app.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email, password })
		});

	it('locks the account after 5 wrong passwords and records it', async () => {
		const email = 'elu.massy@demo.bilans.fr';
		for (let i = 0; i < 4; i++) {
			const res = await login(email, `mauvais-mot-de-passe-${i}`);
			expect(res.status).toBe(400);
			expect(await res.text()).toContain('incorrect');
		}
		const fifth = await login(email, 'mauvais-mot-de-passe-5');
		expect(await fifth.text()).toContain('verrouillé');
		const right = await login(email, DEMO_PASSWORD);
		expect(right.status).toBe(400);
		expect(await right.text()).toContain('verrouillé');
		// Another account from the same address is not affected.
		expect((await login('elu.evry@demo.bilans.fr', DEMO_PASSWORD)).status).toBe(303);

		const db = new Database(sqliteFile(app.dataDir), { readonly: true });
		const rows = db
			.prepare(
				"select action, actor_label, details from audit_log where action like 'login.%' or action = 'account.locked' order by id"
			)
			.all() as { action: string; actor_label: string | null; details: string | null }[];
		db.close();
		const mine = rows.filter((r) => r.actor_label === email).map((r) => r.action);
		expect(mine).toEqual([...Array(5).fill('login.failure'), 'account.locked', 'login.failure']);
		expect(
			rows.some((r) => r.action === 'login.success' && r.actor_label === 'elu.evry@demo.bilans.fr')
		).toBe(true);
		expect(JSON.stringify(rows)).not.toContain('mauvais-mot-de-passe');
	});
});
