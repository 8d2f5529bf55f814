import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BUILD_ENTRY, ROOT, freePort, startServer } from '../helpers/server';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function counts(dataDir: string) {
	const db = new Database(path.join(dataDir, 'bilans-partages.sqlite'), { readonly: true });
	try {
		const one = (q: string) => (db.prepare(q).get() as { n: number }).n;
		return {
			seeded: one(`SELECT count(*) AS n FROM settings WHERE key = 'demo_seeded'`),
			groups: one('SELECT count(*) AS n FROM groups'),
			submissions: one('SELECT count(*) AS n FROM submissions'),
			situations: one('SELECT count(*) AS n FROM situation_rows'),
			orphans: one(
				'SELECT count(*) AS n FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM submission_files f WHERE f.submission_id = s.id)'
			)
		};
	} finally {
		db.close();
	}
}

async function killDuringSeeding(dataDir: string): Promise<void> {
	const port = await freePort();
	const child = spawn(process.execPath, [BUILD_ENTRY], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'info'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await new Promise<void>((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
			// Seeding starts right after the migrations: kill the process there, mid-transaction.
			if (out.includes('migrations applied')) {
				child.kill('SIGKILL');
				resolve();
			}
		});
		child.once('exit', () => resolve());
		setTimeout(() => reject(new Error('no migration log within 60 s')), 60_000);
	});
	if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}

describe('demo seeding survives a crash', () => {
	it('SIGKILL during seeding, then a normal start, ends with a complete demo', async () => {
		const reference = mkdtempSync(path.join(tmpdir(), 'bp-seed-ref-'));
		const crashed = mkdtempSync(path.join(tmpdir(), 'bp-seed-crash-'));
		dirs.push(reference, crashed);

		const clean = await startServer({ dataDir: reference });
		await clean.stop();
		const expected = counts(reference);
		expect(expected.seeded).toBe(1);
		expect(expected.groups).toBeGreaterThan(30);

		await killDuringSeeding(crashed);
		const half = counts(crashed);
		expect(half.seeded).toBe(0);
		expect(half.groups).toBe(0);
		expect(half.submissions).toBe(0);

		const restarted = await startServer({ dataDir: crashed });
		await restarted.stop();
		expect(counts(crashed)).toEqual(expected);
		expect(counts(crashed).orphans).toBe(0);
	}, 180_000);
});
