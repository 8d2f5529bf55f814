// Past one machine: two built app servers on one PostgreSQL database (a fresh database for this
// file). A session opened on one works on the other; a period published on one is served by the
// other within a second (and a version sent afterwards by neither); concurrent requests share one release build, and
// one server builds a table set for both; audit rows written by both are all kept; campaign reminders are sent once
// when both servers start together; and a backup made with deploy/sauvegarde.sh, restored with
// deploy/restauration.sh into a new database, serves the very same release.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInParis } from '../../src/lib/server/departement/campaigns';
import { ROOT, startServer, tableSetBuilds, type RunningServer } from '../helpers/server';
import { loginCookie } from '../helpers/session';
import { smtp, type TestSmtp } from '../helpers/smtp';
import { freshPostgresDatabase, type TestDatabase } from '../helpers/stores';
import { postUpload, situationsCsv } from '../helpers/upload';

const PARQUET = (period: string) => `/commune/91228/${period}/donnees.parquet`;

describe.runIf(process.env.TEST_DATABASE_URL || process.env.CI)(
	'two app servers on one PostgreSQL database',
	() => {
		let database: TestDatabase;
		let mail: TestSmtp;
		let a: RunningServer;
		let b: RunningServer;
		const dir = mkdtempSync(path.join(tmpdir(), 'bp-two-servers-'));
		const env = () => ({
			DATABASE_URL: database.url,
			BP_DEMO: '1',
			LOG_LEVEL: 'info',
			SMTP_URL: `smtp://127.0.0.1:${mail.port}`
		});
		const sql = async <T = Record<string, unknown>>(
			query: string,
			params: unknown[] = [],
			url = database.url
		) => {
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				return (await client.query(query, params)).rows as T[];
			} finally {
				await client.end();
			}
		};
		const count = async (query: string, params: unknown[] = [], url?: string) =>
			Number((await sql<{ n: string }>(query, params, url))[0].n);

		beforeAll(async () => {
			const url = process.env.TEST_DATABASE_URL;
			if (!url) throw new Error('TEST_DATABASE_URL is required in CI for the two-server test');
			database = await freshPostgresDatabase(url);
			mail = await smtp();
			// The first server migrates and seeds; the second finds everything in place.
			a = await startServer({ env: env(), timeoutMs: 300_000 });
			b = await startServer({ env: env(), timeoutMs: 120_000 });
		}, 420_000);
		afterAll(async () => {
			await a?.stop();
			await b?.stop();
			await mail?.close();
			await database?.drop();
			rmSync(dir, { recursive: true, force: true });
		});

		const bytes = async (server: RunningServer, cookie: string, p: string) => {
			const res = await fetch(server.url + p, { headers: { cookie } });
			expect(res.status).toBe(200);
			return Buffer.from(await res.arrayBuffer());
		};
		const buildLines = (server: RunningServer, period: string) => tableSetBuilds(server, period);
		const builds = (server: RunningServer, period: string) => buildLines(server, period).length;

		it('accepts on one server a session opened on the other, and ends it on both', async () => {
			const cookie = await loginCookie(a.url, 'elu.massy@demo.bilans.fr');
			const page = (s: RunningServer) =>
				fetch(`${s.url}/commune/91377/2025-S2`, { redirect: 'manual', headers: { cookie } });
			expect((await page(b)).status).toBe(200);
			const out = await fetch(`${b.url}/deconnexion`, {
				method: 'POST',
				redirect: 'manual',
				headers: { cookie, origin: b.url, 'content-type': 'application/x-www-form-urlencoded' },
				body: ''
			});
			expect(out.headers.getSetCookie().join()).toMatch(/bp_session=;/);
			const after = await page(a);
			expect(after.status).toBe(303);
			expect(after.headers.get('location')).toMatch(/^\/connexion/);
		});

		it('serves on one server, within a second, a period published on the other; holds what follows', async () => {
			const elu = await loginCookie(b.url, 'elu.evry@demo.bilans.fr');
			const referent = await loginCookie(a.url, 'referent.cve.evry@demo.bilans.fr');
			const analyste = await loginCookie(a.url, 'analyste@demo.bilans.fr');
			const status = async (server: RunningServer) => {
				const res = await fetch(server.url + PARQUET('2026-S1'), { headers: { cookie: elu } });
				await res.arrayBuffer();
				return res.status;
			};
			const both = (period: string) => builds(a, period) + builds(b, period);
			// 2026-S1 is collecting (the demo's open campaign): a file sent is never served before
			// the period is published, on either server
			const res = await postUpload(
				{ url: a.url, cookie: referent, group: 'evry-courcouronnes-cve', period: '2026-S1' },
				situationsCsv(4242, 400, '2026-S1')
			);
			expect(res.status).toBe(201);
			expect(await status(b)).toBe(409);
			const published = await fetch(`${a.url}/departement/91?/publier`, {
				method: 'POST',
				headers: {
					cookie: analyste,
					origin: a.url,
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ period: '2026-S1', confirm: 'oui' }),
				redirect: 'manual'
			});
			expect(published.status).toBe(200);
			await published.text();
			// From the answer to the publication: the other server reads it from the database.
			const at = performance.now();
			let seen = 0;
			let polls = 0;
			while (!seen && performance.now() - at < 10_000) {
				polls++;
				if ((await status(b)) === 200) seen = performance.now() - at;
				else await new Promise((r) => setTimeout(r, 20));
			}
			console.log(
				`publication servie par l’autre serveur ${seen.toFixed(0)} ms après la réponse (${polls} requêtes)`
			);
			expect(seen).toBeGreaterThan(0);
			expect(seen).toBeLessThan(1000);
			const first = await bytes(b, elu, PARQUET('2026-S1'));
			expect((await bytes(a, elu, PARQUET('2026-S1'))).equals(first)).toBe(true);
			// Built once, by one server for both (the analyst's check, then every release).
			expect(both('2026-S1')).toBe(1);
			// A version sent afterwards is held: neither server serves anything else.
			const again = await postUpload(
				{
					url: b.url,
					cookie: await loginCookie(b.url, 'referent.cve.evry@demo.bilans.fr'),
					group: 'evry-courcouronnes-cve',
					period: '2026-S1'
				},
				situationsCsv(4243, 401, '2026-S1')
			);
			expect(again.status).toBe(201);
			await new Promise((r) => setTimeout(r, 1500));
			expect((await bytes(a, elu, PARQUET('2026-S1'))).equals(first)).toBe(true);
			expect((await bytes(b, elu, PARQUET('2026-S1'))).equals(first)).toBe(true);
			expect(both('2026-S1')).toBe(1);
		});

		it('builds a release once for concurrent requests, on one server for both', async () => {
			const elu = await loginCookie(b.url, 'elu.evry@demo.bilans.fr');
			const all = await Promise.all(
				Array.from({ length: 8 }, () => bytes(b, elu, PARQUET('2024-S2')))
			);
			expect(all.every((x) => x.equals(all[0]))).toBe(true);
			// built once, by this server; the other one reads it if asked
			expect(builds(b, '2024-S2') + builds(a, '2024-S2')).toBe(1);
		});

		it('keeps every audit row written by both servers at once', async () => {
			const elu = await loginCookie(a.url, 'elu.evry@demo.bilans.fr');
			const audited = "select count(*) as n from audit_log where action = 'export.parquet'";
			const before = await count(audited);
			await Promise.all(
				Array.from({ length: 30 }, (_, i) => bytes(i % 2 ? a : b, elu, PARQUET('2025-S1')))
			);
			expect(await count(audited)).toBe(before + 30);
		});

		it('restores a backup into a new database that serves the same release', async () => {
			const dump = path.join(dir, 'bilans.dump');
			execFileSync(path.join(ROOT, 'deploy/sauvegarde.sh'), [dump], {
				env: { ...process.env, DATABASE_URL: database.url },
				stdio: 'pipe'
			});
			const restored = await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string);
			let c: RunningServer | null = null;
			try {
				execFileSync(path.join(ROOT, 'deploy/restauration.sh'), [dump, restored.url], {
					stdio: 'pipe'
				});
				// Restoring into a database that is not empty is refused.
				expect(() =>
					execFileSync(path.join(ROOT, 'deploy/restauration.sh'), [dump, restored.url], {
						stdio: 'pipe'
					})
				).toThrow(/base neuve/);
				const table = 'select count(*) as n from submissions';
				expect(await count(table, [], restored.url)).toBe(await count(table));
				c = await startServer({ env: { ...env(), DATABASE_URL: restored.url } });
				const elu = await loginCookie(c.url, 'elu.evry@demo.bilans.fr');
				const original = await loginCookie(a.url, 'elu.evry@demo.bilans.fr');
				const served = await bytes(c, elu, PARQUET('2025-S2'));
				expect(served.equals(await bytes(a, original, PARQUET('2025-S2')))).toBe(true);
			} finally {
				await c?.stop();
				await restored.drop();
			}
		});

		it('sends each campaign reminder once when both servers start together', async () => {
			const tomorrow = new Date(Date.parse(`${todayInParis()}T12:00:00Z`) + 86_400_000)
				.toISOString()
				.slice(0, 10);
			// the demo's campaign was closed by the publication above: open again for its reminders
			await sql(
				"update campaigns set status = 'open', closed_at = null, closed_by = null, due_date = $1 where id = 'demo-2026-s1'",
				[tomorrow]
			);
			await Promise.all([a.stop(), b.stop()]);
			[a, b] = await Promise.all([
				startServer({ env: env(), timeoutMs: 120_000 }),
				startServer({ env: env(), timeoutMs: 120_000 })
			]);
			// Both servers run their reminders at start; wait until mail has stopped arriving.
			const deadline = Date.now() + 30_000;
			let last = -1;
			while (
				(mail.messages.length === 0 || mail.messages.length !== last) &&
				Date.now() < deadline
			) {
				last = mail.messages.length;
				await new Promise((r) => setTimeout(r, 2000));
			}
			const subjects = mail.messages.map(
				(m) => `${m.to.join(',')}|${/^Subject: (.*)$/m.exec(m.raw)?.[1] ?? ''}`
			);
			expect(subjects.length).toBeGreaterThan(0);
			expect(new Set(subjects).size).toBe(subjects.length);
			const rows = await sql<{ group_id: string; kind: string; email_status: string }>(
				"select group_id, kind, email_status from campaign_reminders where stage = 'j-7' order by group_id, kind"
			);
			const sentGroups = new Set(
				rows.filter((r) => r.email_status === 'sent').map((r) => r.group_id)
			);
			expect(mail.messages.length, JSON.stringify({ subjects, rows })).toBe(sentGroups.size);
		});
	}
);
