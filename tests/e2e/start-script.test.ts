// `npm start` as a newcomer runs it: plain http on localhost, no ORIGIN set; signing in must work
// (adapter-node assumes https without ORIGIN and would refuse every form as cross-site). And a
// wrong environment variable stops the built server at start-up with a message naming it.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILD_DIR, ROOT, freePort, startServer } from '../helpers/server';
import { DEMO_PASSWORD } from '../helpers/session';

describe('npm start', () => {
	let child: ChildProcess | null = null;
	const dataDir = mkdtempSync(path.join(tmpdir(), 'bp-start-'));
	afterAll(() => {
		child?.kill('SIGTERM');
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('serves the demo on localhost and accepts the sign-in form over plain http', async () => {
		const port = await freePort();
		const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
		delete env.ORIGIN;
		child = spawn(process.execPath, ['scripts/start.js', '--no-build'], {
			cwd: ROOT,
			env: { ...env, BP_BUILD_DIR: path.relative(ROOT, BUILD_DIR), LOG_LEVEL: 'warn' },
			stdio: 'ignore'
		});
		const base = `http://localhost:${port}`;
		for (let i = 0; i < 200; i++) {
			const ok = await fetch(base + '/').then(
				(r) => r.ok,
				() => false
			);
			if (ok) break;
			await new Promise((r) => setTimeout(r, 150));
		}
		const res = await fetch(`${base}/connexion?/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				email: 'elu.evry@demo.bilans.fr',
				password: DEMO_PASSWORD,
				redirectTo: ''
			})
		});
		expect(res.status).not.toBe(403);
		expect(res.headers.getSetCookie().some((c) => c.startsWith('bp_session='))).toBe(true);
	});

	it('stops at start-up on a wrong variable, saying which and what is expected', async () => {
		const refused = mkdtempSync(path.join(tmpdir(), 'bp-config-'));
		try {
			await expect(
				startServer({ dataDir: refused, env: { BP_UPLOAD_MAX_BYTES: '50Mo' } })
			).rejects.toThrow(
				/Configuration invalide[\s\S]*- BP_UPLOAD_MAX_BYTES : un nombre entier supérieur à 0 est attendu \(reçu « 50Mo »\)/
			);
		} finally {
			rmSync(refused, { recursive: true, force: true });
		}
	});
});
