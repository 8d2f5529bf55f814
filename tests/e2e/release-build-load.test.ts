// A release build must not block the server: while a period's table set is protected (a year's
// first request on a cold cache, then the rebuild after a submission), an anonymous visitor's
// GET / is never delayed by more than 100 ms. Each sampling lasts exactly as long as the build:
// from the request (or the stored upload) to the build's log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tableSetBuilds, timedHome, type RunningServer } from '../helpers/server';
import { loginCookie } from '../helpers/session';
import { postUpload, situationsCsv } from '../helpers/upload';

describe('release builds off the event loop', () => {
	let app: RunningServer;
	beforeAll(async () => {
		app = await startServer({ env: { BP_DEMO: '1', LOG_LEVEL: 'info' }, timeoutMs: 180_000 });
	}, 240_000);
	afterAll(async () => {
		await app?.stop();
	});

	const builds = (period: string) => tableSetBuilds(app, period).length;
	const timedGet = () => timedHome(app);

	/** GET / latencies sampled until `period` has been built `count` times. */
	const sampleUntilBuilt = async (period: string, count: number) => {
		const latencies: number[] = [];
		const deadline = performance.now() + 60_000;
		while (builds(period) < count && performance.now() < deadline) {
			latencies.push(await timedGet());
			await new Promise((r) => setTimeout(r, 10));
		}
		expect(builds(period)).toBe(count);
		return latencies;
	};

	it('answers other requests at once while a table set is built', async () => {
		// the server warms the current year (2025) at start: wait until that is done
		const warmDeadline = performance.now() + 120_000;
		while ((builds('2025-S1') < 1 || builds('2025-S2') < 1) && performance.now() < warmDeadline) {
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(builds('2025-S2')).toBe(1);
		// the release route's modules loaded (a first request compiles them), from a set built
		const elu = await loginCookie(app.url, 'elu.evry@demo.bilans.fr');
		const warm = await fetch(`${app.url}/commune/91228/2025-S2/donnees.parquet`, {
			headers: { cookie: elu }
		});
		expect(warm.status).toBe(200);
		await warm.arrayBuffer();
		const baseline: number[] = [];
		for (let i = 0; i < 15; i++) baseline.push(await timedGet());
		baseline.sort((a, b) => a - b);
		const typical = baseline[7];

		// a year not warmed: its first release builds its periods' sets
		expect(builds('2024-S2')).toBe(0);
		const release = fetch(`${app.url}/commune/91228/2024-S2/donnees.parquet`, {
			headers: { cookie: elu }
		});
		const cold = await sampleUntilBuilt('2024-S2', 1);
		expect((await release).status).toBe(200);

		// a submission for a period not published yet (2025-S2 was, at its first view: a version
		// sent for it now is held): the set of its period is rebuilt in the background
		const referent = await loginCookie(app.url, 'referent.cve.evry@demo.bilans.fr');
		const res = await postUpload(
			{ url: app.url, cookie: referent, group: 'evry-courcouronnes-cve', period: '2025-S1' },
			situationsCsv(4243, 400, '2025-S1')
		);
		expect(res.status).toBe(201);
		const rebuild = await sampleUntilBuilt('2025-S1', 2);

		for (const [what, latencies] of [
			['premier accès à 2024', cold],
			['après un dépôt', rebuild]
		] as const) {
			const worst = Math.max(...latencies);
			console.log(
				`GET / : ${typical.toFixed(0)} ms au repos, au pire ${worst.toFixed(0)} ms pendant la construction (${what}, ${latencies.length} requêtes)`
			);
			// the build lasts hundreds of milliseconds: several requests were answered during it
			expect(latencies.length).toBeGreaterThanOrEqual(3);
			expect(worst - typical).toBeLessThan(100);
		}
	}, 180_000);
});
