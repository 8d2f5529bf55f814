// Releases served from the cache: requests per second on a commune's Parquet release (session
// checked, scope checked, cache hit) against the same server's static favicon as the baseline,
// both measured with autocannon on loopback in the same run. Goal: ≥ 1,000 requests/s.
// Run alone: npx tsx bench/release-serve-bench.ts (needs the built app, BP_BUILD_DIR to choose).
import autocannon from 'autocannon';
import { startServer } from '../support/server';
import { loginCookie } from '../support/session';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);

function load(url: string, headers: Record<string, string> = {}): Promise<autocannon.Result> {
	return new Promise((resolve, reject) => {
		autocannon({ url, connections: 20, duration: DURATION, headers }, (err, result) =>
			err ? reject(err) : resolve(result)
		);
	});
}

export async function run(): Promise<void> {
	const server = await startServer({ env: { LOG_LEVEL: 'error' } });
	try {
		const cookie = await loginCookie(server.url, 'elu.evry@demo.bilans.fr');
		const target = `${server.url}/commune/91228/2025-S2/donnees.parquet`;
		const warm = await fetch(target, { headers: { cookie } });
		if (warm.status !== 200) throw new Error(`release answered ${warm.status}`);
		const bytes = (await warm.arrayBuffer()).byteLength;
		const baseline = await load(`${server.url}/favicon.svg`);
		const release = await load(target, { cookie });
		const rps = (r: autocannon.Result) => Math.round(r.requests.average);
		console.log(`release-serve-bench: ${DURATION} s each, 20 connections, loopback`);
		console.log(`  static favicon (baseline) ${rps(baseline)} req/s`);
		console.log(
			`  commune release (${bytes} B Parquet, cache hit) ${rps(release)} req/s, ` +
				`p50 ${release.latency.p50} ms, p99 ${release.latency.p99} ms, ` +
				`non-2xx ${release.non2xx}`
		);
		console.log(
			`  ratio release / baseline = ${(rps(release) / rps(baseline)).toFixed(2)} ` +
				`(goal: ≥ 1,000 req/s → ${rps(release) >= 1000 ? 'atteint' : 'non atteint'})`
		);
	} finally {
		await server.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
