// Authorization matrix: every route of the app (found from the route files) × every persona,
// against the built server in demo mode. See routes.ts to add a route.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../../src/lib/server/db';
import { DEMO_ACCOUNTS } from '../../src/lib/server/auth/demo-accounts';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import {
	MATRIX,
	PERSONAS,
	type Context,
	type Expected,
	type Persona,
	type RouteEntry
} from './routes';

const ROUTES_DIR = path.join(ROOT, 'src/routes');

interface FoundRoute {
	route: string;
	actions: string[];
	methods: string[];
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? walk(full) : [full];
	});
}

/** Routes, form actions and endpoint methods, read from the route files. */
export function discoverRoutes(): FoundRoute[] {
	const byRoute = new Map<string, FoundRoute>();
	for (const file of walk(ROUTES_DIR)) {
		const base = path.basename(file);
		if (!/^\+(page\.svelte|page\.server\.ts|page\.ts|server\.ts)$/.test(base)) continue;
		const rel = path
			.relative(ROUTES_DIR, path.dirname(file))
			.split(path.sep)
			.filter((s) => s && !/^\(.*\)$/.test(s));
		const route = '/' + rel.join('/');
		const found = byRoute.get(route) ?? { route, actions: [], methods: [] };
		const text = readFileSync(file, 'utf8');
		if (base === '+page.server.ts') {
			const block = /export const actions\s*=\s*\{([\s\S]*?)\n\}/.exec(text)?.[1] ?? '';
			for (const m of block.matchAll(/^\t([A-Za-z_$][\w$]*)\s*:/gm)) found.actions.push(m[1]);
		}
		if (base === '+server.ts')
			for (const m of text.matchAll(
				/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|fallback)\b/g
			))
				found.methods.push(m[1]);
		byRoute.set(route, found);
	}
	return [...byRoute.values()].sort((a, b) => a.route.localeCompare(b.route));
}

const personaEmail: Record<Exclude<Persona, 'anonymous'>, string> = {
	referentA: 'referent.cve.evry@demo.bilans.fr',
	referentB: 'referent.clspd.massy@demo.bilans.fr',
	eluA: 'elu.evry@demo.bilans.fr',
	eluB: 'elu.massy@demo.bilans.fr',
	analyste: 'analyste@demo.bilans.fr',
	admin: 'admin@demo.bilans.fr'
};
const password = DEMO_ACCOUNTS[0].password;

describe('authorization matrix', () => {
	const found = discoverRoutes();

	it('has an entry for every route, action and method of the app', () => {
		const entries = new Map(MATRIX.map((e) => [e.route, e]));
		const missing: string[] = [];
		for (const r of found) {
			const e = entries.get(r.route);
			if (!e) {
				missing.push(`${r.route} (route)`);
				continue;
			}
			for (const a of r.actions) if (!e.actions?.[a]) missing.push(`${r.route} ?/${a} (action)`);
			for (const m of r.methods)
				if (m === 'GET' ? !e.get : !(e.methods as Record<string, unknown> | undefined)?.[m])
					missing.push(`${r.route} ${m}`);
		}
		const stale = MATRIX.filter((e) => !found.some((r) => r.route === e.route)).map((e) => e.route);
		expect(missing, 'add these to tests/authz/routes.ts').toEqual([]);
		expect(stale, 'these matrix entries match no route file').toEqual([]);
	});

	let server: RunningServer;
	let ctx: Context;
	const cookies: Partial<Record<Persona, string>> = {};

	async function login(email: string): Promise<{ status: number; cookie: string | null }> {
		const res = await fetch(`${server.url}/connexion?/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email, password, redirectTo: '' })
		});
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bp_session='));
		return { status: res.status, cookie: cookie ? cookie.split(';')[0] : null };
	}

	async function signIn(p: Persona) {
		if (p === 'anonymous') return;
		const { cookie } = await login(personaEmail[p]);
		if (!cookie) throw new Error(`login failed for ${p}`);
		cookies[p] = cookie;
	}

	beforeAll(async () => {
		server = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		const sqlite = new Database(sqliteFile(server.dataDir), { readonly: true });
		const users = sqlite.prepare('select id, email from users').all() as {
			id: string;
			email: string;
		}[];
		sqlite.close();
		ctx = { userIds: Object.fromEntries(users.map((u) => [u.email, u.id])) };
		for (const p of PERSONAS) await signIn(p);
	}, 240_000);
	afterAll(async () => server?.stop());

	function outcome(res: Response): Expected {
		const location = res.headers.get('location') ?? '';
		if (res.status === 303 && location.startsWith('/connexion?redirectTo=')) return 'login';
		return res.status;
	}

	async function request(p: Persona, method: string, url: string): Promise<Expected> {
		const headers: Record<string, string> = { origin: server.url, accept: 'text/html' };
		if (cookies[p]) headers.cookie = cookies[p]!;
		const init: RequestInit = { method, redirect: 'manual', headers };
		if (method !== 'GET') {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			init.body = '';
		}
		const res = await fetch(server.url + url, init);
		await res.arrayBuffer();
		return outcome(res);
	}

	it('refuses the deactivated demo account and demo accounts keep their documented password', async () => {
		expect((await login('desactive@demo.bilans.fr')).cookie).toBeNull();
		expect(Object.keys(cookies).sort()).toEqual(PERSONAS.filter((p) => p !== 'anonymous').sort());
	});

	it('answers every route as the matrix says, for every persona', async () => {
		const failures: string[] = [];
		const check = (e: RouteEntry, p: Persona, what: string, got: Expected, want: Expected) => {
			if (got !== want)
				failures.push(`${p.padEnd(10)} ${what.padEnd(50)} expected ${want}, got ${got}`);
		};
		for (const e of MATRIX) {
			const base = typeof e.path === 'function' ? e.path(ctx) : e.path;
			for (const p of PERSONAS) {
				if (e.get) check(e, p, `GET ${base}`, await request(p, 'GET', base), e.get[p]);
				for (const [m, row] of Object.entries(e.methods ?? {}))
					check(e, p, `${m} ${base}`, await request(p, m, base), row![p]);
				for (const [action, row] of Object.entries(e.actions ?? {})) {
					const url = action === 'default' ? base : `${base}?/${action}`;
					check(e, p, `POST ${url}`, await request(p, 'POST', url), row[p]);
					if (e.endsSession?.includes(action)) await signIn(p);
				}
			}
		}
		expect(failures).toEqual([]);
	}, 240_000);

	it('puts security headers on answers and no-store on signed-in pages', async () => {
		const res = await fetch(`${server.url}/compte`, {
			headers: { cookie: cookies.admin! },
			redirect: 'manual'
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toContain('no-store');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		const anon = await fetch(`${server.url}/admin`, {
			redirect: 'manual',
			headers: { accept: 'application/json' }
		});
		expect(anon.status).toBe(401);
	});
});
