// One upload must not block the server: while hostile files (50,000 and 200,000 header columns,
// a zip bomb and a workbook of a million shared strings) and a large valid file are posted by a
// referent, an anonymous visitor's GET / is never delayed by more than 100 ms; the hostile files
// are refused with a French message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, timedHome, type RunningServer } from '../helpers/server';
import { loginCookie } from '../helpers/session';
import { curlUpload, situationsCsv } from '../helpers/upload';
import { xlsxBomb, xlsxHugeSharedStrings } from '../helpers/spreadsheets';

const GROUP = 'evry-courcouronnes-cve';
const enc = new TextEncoder();

describe('uploads off the event loop', () => {
	let app: RunningServer;
	let cookie: string;
	const dir = mkdtempSync(path.join(tmpdir(), 'bp-upload-load-'));
	beforeAll(async () => {
		app = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		cookie = await loginCookie(app.url, 'referent.cve.evry@demo.bilans.fr');
	}, 240_000);
	afterAll(async () => {
		await app?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Posted by curl: the latency measured below is the server's, not this process's. */
	const post = async (period: string, body: Uint8Array) => {
		const file = path.join(dir, `${period}.csv`);
		writeFileSync(file, body);
		const res = await curlUpload({ url: app.url, cookie, group: GROUP, period }, file);
		return { status: res.status, json: () => JSON.parse(res.body) };
	};

	const timedGet = () => timedHome(app);

	it('refuses absurd headers at once and keeps pages fast during uploads', async () => {
		// made before the first GET: seconds of work would leave its kept-alive connection idle
		// until the server closes it
		const bomb = xlsxBomb(64);
		const strings = xlsxHugeSharedStrings(1_100_000);
		const baseline: number[] = [];
		for (let i = 0; i < 15; i++) baseline.push(await timedGet());
		baseline.sort((a, b) => a - b);
		const typical = baseline[7];

		const wide = (n: number, name: (i: number) => string) => {
			const header = Array.from({ length: n }, (_, i) => name(i)).join(';');
			return enc.encode(`${header}\n${header}\n`);
		};
		const hostile50k = wide(50_000, (i) => `col${i}`);
		const hostile200k = wide(200_000, (i) => String.fromCharCode(97 + (i % 26)));
		const valid = enc.encode(situationsCsv(11, 20_000, '2026-S1'));

		const latencies: number[] = [];
		let running = true;
		// the workbooks after the CSV files, one at a time, still while GET / is sampled: on two
		// cores, five files validated at once measure the machine's cores, not the event loop
		const uploads = Promise.all([
			post('2026-S1', valid),
			post('2025-S2', hostile50k),
			post('2025-S1', hostile200k)
		])
			.then(async (csv) => [...csv, await post('2024-S2', bomb), await post('2024-S1', strings)])
			.finally(() => (running = false));
		while (running) {
			latencies.push(await timedGet());
			await new Promise((r) => setTimeout(r, 10));
		}
		const [stored, refused50k, refused200k, refusedBomb, refusedStrings] = await uploads;
		for (const [res, code] of [
			[refusedBomb, 'file.bomb'],
			[refusedStrings, 'file.shared_strings']
		] as const) {
			expect(res.status).toBe(422);
			const body = res.json() as { report: { errors: { code: string; message: string }[] } };
			expect(body.report.errors).toHaveLength(1);
			expect(body.report.errors[0].code).toBe(code);
			expect(body.report.errors[0].message).toMatch(/anormal/);
		}

		expect(stored.status).toBe(201);
		expect(stored.json()).toMatchObject({ ok: true, rows: 20_000 });
		for (const res of [refused50k, refused200k]) {
			expect(res.status).toBe(422);
			const body = res.json() as {
				report: { errors: { code: string; message: string }[] };
			};
			expect(body.report.errors).toHaveLength(1);
			expect(body.report.errors[0].code).toBe('header.too_wide');
			expect(body.report.errors[0].message).toMatch(/colonnes alors que le contrat/);
		}
		expect(latencies.length).toBeGreaterThan(5);
		const worst = Math.max(...latencies);
		console.log(
			`GET / : ${typical.toFixed(0)} ms au repos, au pire ${worst.toFixed(0)} ms pendant les dépôts (${latencies.length} requêtes)`
		);
		expect(worst - typical).toBeLessThan(100);
	});
});
