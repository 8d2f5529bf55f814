// What the journal must hold: every refusal (403) and cross-site form post, capped per actor;
// downloads of release data and reads of row-level data; role changes with their before/after,
// made only from a form that states the roles it saw, and never all at once unless confirmed.
// The journal page shows them with French labels.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../../src/lib/server/db';
import { DENIALS_PER_WINDOW } from '../../src/lib/server/audit/request-audit';
import { startServer, type RunningServer } from '../helpers/server';
import { loginCookie } from '../helpers/session';

interface Row {
	action: string;
	actor_label: string | null;
	target_type: string | null;
	target_id: string | null;
	details: string | null;
}

describe('audit trail gaps', () => {
	let app: RunningServer;
	const cookies: Record<string, string> = {};
	beforeAll(async () => {
		app = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		for (const who of ['elu.evry', 'referent.cve.evry', 'analyste', 'admin', 'elu.massy'])
			cookies[who] = await loginCookie(app.url, `${who}@demo.bilans.fr`);
	}, 240_000);
	afterAll(() => app?.stop());

	const journal = (where = '1 = 1', ...params: unknown[]): Row[] => {
		const db = new Database(sqliteFile(app.dataDir), { readonly: true });
		try {
			return db
				.prepare(
					`select action, actor_label, target_type, target_id, details from audit_log where ${where} order by id`
				)
				.all(...params) as Row[];
		} finally {
			db.close();
		}
	};
	const get = async (who: string, path: string) => {
		const res = await fetch(`${app.url}${path}`, {
			redirect: 'manual',
			headers: { cookie: cookies[who], accept: 'text/html' }
		});
		await res.arrayBuffer();
		return res.status;
	};
	const email = (who: string) => `${who}@demo.bilans.fr`;

	it('records each 403 with who, what and where', async () => {
		expect(await get('elu.evry', '/commune/91377/2025-S2')).toBe(403);
		expect(await get('referent.cve.evry', '/groupe/massy-clspd/2025-S2/seances/lignes')).toBe(403);
		expect(await get('analyste', '/admin/utilisateurs')).toBe(403);
		const denied = journal("action = 'access.denied'");
		expect(denied.map((r) => [r.actor_label, JSON.parse(r.details ?? '{}').path])).toEqual([
			[email('elu.evry'), '/commune/91377/2025-S2'],
			[email('referent.cve.evry'), '/groupe/massy-clspd/2025-S2/seances/lignes'],
			[email('analyste'), '/admin/utilisateurs']
		]);
	});

	it('refuses and records cross-site form posts', async () => {
		const post = (headers: Record<string, string>) =>
			fetch(`${app.url}/compte?/logoutEverywhere`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: cookies['elu.massy'],
					'content-type': 'application/x-www-form-urlencoded',
					...headers
				},
				body: 'x=1'
			});
		expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
		const noOrigin = await post({});
		expect(noOrigin.status).toBe(403);
		expect(await noOrigin.text()).toContain('ne vient pas de ce site');
		const rows = journal("action = 'csrf.rejected'");
		expect(rows).toHaveLength(2);
		expect(rows.every((r) => r.actor_label === email('elu.massy'))).toBe(true);
		// The same post from this site still works (the session is still valid afterwards).
		expect(await get('elu.massy', '/commune/91377/2025-S2')).toBe(200);
	});

	it('caps the denials of one actor so they cannot flood the journal', async () => {
		for (let i = 0; i < DENIALS_PER_WINDOW + 15; i++)
			expect(await get('elu.evry', `/commune/91377/2025-S2?essai=${i}`)).toBe(403);
		const mine = journal('actor_label = ?', email('elu.evry'));
		expect(mine.filter((r) => r.action === 'access.denied')).toHaveLength(DENIALS_PER_WINDOW);
		expect(mine.filter((r) => r.action === 'access.denied_capped')).toHaveLength(1);
	});

	it('records Parquet and comparison downloads and reads of row-level data', async () => {
		expect(await get('elu.massy', '/commune/91377/2025-S2/donnees.parquet')).toBe(200);
		expect(await get('analyste', '/departement/91/comparer/donnees?periodes=2025-S1,2025-S2')).toBe(
			200
		);
		expect(
			await get('referent.cve.evry', '/groupe/evry-courcouronnes-cve/2025-S2/seances/lignes')
		).toBe(200);
		const reads = journal("action in ('export.parquet', 'export.comparaison', 'rows.read')");
		expect(reads.map((r) => [r.action, r.actor_label, r.target_type, r.target_id])).toEqual([
			['export.parquet', email('elu.massy'), 'commune', '91377'],
			['export.comparaison', email('analyste'), 'departement', '91'],
			['rows.read', email('referent.cve.evry'), 'group', 'evry-courcouronnes-cve']
		]);
		expect(JSON.parse(reads[2].details ?? '{}')).toEqual({ period: '2025-S2', kind: 'seances' });
	});

	it('never removes roles silently, and records them before and after', async () => {
		const db = new Database(sqliteFile(app.dataDir), { readonly: true });
		const id = (
			db.prepare('select id from users where email = ?').get(email('elu.massy')) as {
				id: string;
			}
		).id;
		db.close();
		const roles = () => {
			const d = new Database(sqliteFile(app.dataDir), { readonly: true });
			try {
				return (
					d
						.prepare('select role, scope_type, scope_value from user_roles where user_id = ?')
						.all(id) as {
						role: string;
						scope_type: string;
						scope_value: string;
					}[]
				).map((r) => `${r.role}:${r.scope_type}:${r.scope_value}`);
			} finally {
				d.close();
			}
		};
		const before = roles();
		expect(before.length).toBeGreaterThan(0);
		const save = async (body: string) => {
			const res = await fetch(`${app.url}/admin/utilisateurs/${id}?/saveRoles`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: cookies.admin,
					origin: app.url,
					accept: 'application/json',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body
			});
			return (await res.json()) as { type: string; status: number; data: string };
		};
		const present = before.map((k) => `present=${encodeURIComponent(k)}`).join('&');
		// No `keep` and no statement of the roles seen: nothing changes.
		expect(await save('')).toMatchObject({ type: 'failure', status: 409 });
		expect(roles()).toEqual(before);
		// Every box unticked: a confirmation is asked, nothing changes.
		const unconfirmed = await save(present);
		expect(unconfirmed).toMatchObject({ type: 'failure', status: 400 });
		expect(unconfirmed.data).toContain('Retirer tous les rôles');
		expect(roles()).toEqual(before);
		// Confirmed: removed, and the journal holds the before and after.
		expect(await save(`${present}&confirmEmpty=oui`)).toMatchObject({ type: 'success' });
		expect(roles()).toEqual([]);
		const change = journal("action = 'user.roles_changed' and target_id = ?", id).at(-1);
		expect(JSON.parse(change?.details ?? '{}')).toMatchObject({ before, after: [] });
		// And given back, from the form as the page now shows it (no roles).
		expect(await save(`role=elu&scope=91377`)).toMatchObject({ type: 'success' });
		expect(roles()).toEqual(['elu:commune:91377']);
	});

	it('shows the new entries in the journal with French labels', async () => {
		const res = await fetch(`${app.url}/admin/journal?action=access.denied`, {
			headers: { cookie: cookies.admin }
		});
		const html = await res.text();
		expect(res.status).toBe(200);
		expect(html).toContain('Accès refusé (403)');
		expect(html).toContain('/commune/91377/2025-S2');
		const all = await (
			await fetch(`${app.url}/admin/journal`, { headers: { cookie: cookies.admin } })
		).text();
		for (const label of [
			'Requête venue d’un autre site refusée',
			'Téléchargement des données d’un bilan (Parquet)',
			'Lecture des lignes déposées par un groupe',
			'Rôles modifiés'
		])
			expect(all).toContain(label);
	});
});
