// A mixed load against one built server on loopback for a bounded time: sign-ins, commune pages,
// Parquet downloads, uploads of 5,000-row files (posted by curl, another process, so that sending
// them never delays this process's own timings) and one PDF. Prints p50/p99 per route and the
// errors. Goals: no 5xx; commune pages p99 < 1 s while uploads run.
// Run alone: npx tsx bench/mixed-load-bench.ts (needs the built app; BENCH_SECONDS, default 20).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../support/server';
import { DEMO_PASSWORD, loginCookie } from '../support/session';
import { curlUpload, situationsCsv } from '../support/upload';
import { quantile } from './stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const COMMUNES = ['91228', '91377', '91174', '91589', '91477', '91549'];

interface Sample {
	ms: number;
	status: number;
}

export async function run(): Promise<void> {
	const server = await startServer({
		env: { BP_DEMO: '1', LOG_LEVEL: 'error' },
		timeoutMs: 180_000
	});
	const dir = mkdtempSync(path.join(tmpdir(), 'bp-mixed-bench-'));
	const samples = new Map<string, Sample[]>();
	let warmMs = 0;
	const record = (route: string, ms: number, status: number) => {
		const list = samples.get(route) ?? [];
		list.push({ ms, status });
		samples.set(route, list);
	};
	try {
		const analyste = await loginCookie(server.url, 'analyste@demo.bilans.fr');
		const referent = await loginCookie(server.url, 'referent.cve.evry@demo.bilans.fr');
		const files = [1, 2, 3, 4].map((seed) => {
			const file = path.join(dir, `situations-${seed}.csv`);
			writeFileSync(file, situationsCsv(900 + seed, 5000, '2026-S1'));
			return file;
		});
		const timed = async (route: string, url: string, init: RequestInit = {}) => {
			const t = performance.now();
			try {
				const res = await fetch(server.url + url, { redirect: 'manual', ...init });
				await res.arrayBuffer();
				record(route, performance.now() - t, res.status);
			} catch {
				record(route, performance.now() - t, 0);
			}
		};
		// Releases are built on first use (seconds each, cold): built before the clock starts, so
		// the figures are those of a server in service. The warm-up time is printed.
		const warm = performance.now();
		for (const code of COMMUNES)
			for (const url of [`/commune/${code}/2025-S2`, `/commune/${code}/2025-S1/donnees.parquet`])
				await fetch(server.url + url, { headers: { cookie: analyste } }).then((r) =>
					r.arrayBuffer()
				);
		warmMs = performance.now() - warm;
		const end = Date.now() + SECONDS * 1000;
		const loop = async (body: (i: number) => Promise<void>) => {
			for (let i = 0; Date.now() < end; i++) await body(i);
		};
		const pages = (n: number) =>
			loop((i) =>
				timed('page commune', `/commune/${COMMUNES[(i + n) % COMMUNES.length]}/2025-S2`, {
					headers: { cookie: analyste, accept: 'text/html' }
				})
			);
		const parquet = (n: number) =>
			loop((i) =>
				timed(
					'donnees.parquet',
					`/commune/${COMMUNES[(i + n) % COMMUNES.length]}/2025-S1/donnees.parquet`,
					{ headers: { cookie: analyste } }
				)
			);
		const signIns = () =>
			loop(() =>
				timed('connexion', '/connexion?/login', {
					method: 'POST',
					headers: {
						origin: server.url,
						'content-type': 'application/x-www-form-urlencoded'
					},
					body: new URLSearchParams({
						email: 'elu.evry@demo.bilans.fr',
						password: DEMO_PASSWORD
					})
				})
			);
		const uploads = () =>
			loop(async (i) => {
				const t = performance.now();
				const { status } = await curlUpload(
					{ url: server.url, cookie: referent, group: 'evry-courcouronnes-cve', period: '2026-S1' },
					files[i % files.length]
				);
				record('dépôt 5 000 lignes', performance.now() - t, status);
			});
		const pdf = async () => {
			await new Promise((r) => setTimeout(r, 2000));
			await timed('bilan.pdf', '/commune/91228/2025-S2/bilan.pdf', {
				headers: { cookie: analyste }
			});
		};
		await Promise.all([
			pages(0),
			pages(1),
			pages(2),
			parquet(0),
			parquet(3),
			signIns(),
			uploads(),
			pdf()
		]);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}

	console.log(`mixed-load-bench: ${SECONDS} s, un serveur (SQLite), boucle locale 127.0.0.1`);
	console.log(
		`  (avant la mesure : publications de ${COMMUNES.length} communes construites en ${(warmMs / 1000).toFixed(1)} s)`
	);
	console.log('  route                  requêtes   p50 ms   p99 ms   5xx   autres erreurs');
	let fiveHundreds = 0;
	let pageP99 = NaN;
	for (const [route, list] of samples) {
		const ms = list.map((s) => s.ms).sort((a, b) => a - b);
		const server5xx = list.filter((s) => s.status >= 500 || s.status === 0).length;
		const other = list.filter((s) => s.status >= 400 && s.status < 500).length;
		fiveHundreds += server5xx;
		if (route === 'page commune') pageP99 = quantile(ms, 0.99);
		console.log(
			`  ${route.padEnd(22)} ${String(list.length).padStart(8)} ${quantile(ms, 0.5).toFixed(0).padStart(8)} ${quantile(ms, 0.99).toFixed(0).padStart(8)} ${String(server5xx).padStart(5)} ${String(other).padStart(8)}`
		);
	}
	console.log(
		`  objectifs : aucune erreur 5xx → ${fiveHundreds === 0 ? 'atteint' : `non atteint (${fiveHundreds})`} ; ` +
			`pages p99 < 1 s pendant les dépôts → ${pageP99 < 1000 ? 'atteint' : 'non atteint'} (${pageP99.toFixed(0)} ms)`
	);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
