// PDF floods: one Chromium shared by every export, a PDF printed once per content and served
// again from memory (until the content changes), one PDF in preparation per user and a number
// per window, beyond which the answer is 429 with a French message.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/lib/server/plenary/chromium';
import { PDF_PER_WINDOW } from '../../src/lib/server/plenary/pdf-limit';
import { startServer, type RunningServer } from '../helpers/server';
import { loginCookie } from '../helpers/session';

const PDF = '/commune/91228/2025-S2/bilan.pdf';

/** Chromium browser processes (not its helpers) started by the server process. */
function browsersOf(pid: number): number {
	const out = execFileSync('ps', ['-eo', 'ppid=,args='], { encoding: 'utf8' });
	return out
		.split('\n')
		.filter((l) => l.trim().startsWith(`${pid} `) && /chrom/i.test(l) && !/--type=/.test(l)).length;
}

describe.runIf(findChromium() || process.env.CI)('PDF exports under load', () => {
	let app: RunningServer;
	const cookies: Record<string, string> = {};
	beforeAll(async () => {
		app = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		for (const who of ['elu.evry', 'analyste', 'admin'])
			cookies[who] = await loginCookie(app.url, `${who}@demo.bilans.fr`);
	}, 240_000);
	afterAll(() => app?.stop());

	const get = async (who: string, path = PDF) => {
		const t = performance.now();
		const res = await fetch(`${app.url}${path}`, { headers: { cookie: cookies[who] } });
		const body = new Uint8Array(await res.arrayBuffer());
		return {
			status: res.status,
			body,
			ms: performance.now() - t,
			type: res.headers.get('content-type')
		};
	};
	const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

	it('answers a second concurrent PDF of one user with 429, shares one browser, caches by content', async () => {
		const [first, second, analyste, admin] = await Promise.all([
			get('elu.evry'),
			get('elu.evry'),
			get('analyste'),
			get('admin')
		]);
		const statuses = [first.status, second.status].sort();
		expect(statuses).toEqual([200, 429]);
		const refused = first.status === 429 ? first : second;
		expect(new TextDecoder().decode(refused.body)).toContain('déjà en préparation');
		for (const r of [analyste, admin]) {
			expect(r.status).toBe(200);
			expect(r.type).toBe('application/pdf');
		}
		expect(browsersOf(app.process.pid as number)).toBe(1);

		// The same content again: the very same file, from memory.
		const printed = first.status === 200 ? first : second;
		const again = await get('elu.evry');
		expect(again.status).toBe(200);
		expect(same(again.body, printed.body)).toBe(true);
		expect(again.ms).toBeLessThan(printed.ms);

		// Another period: printed anew by the same browser.
		const other = await get('elu.evry', '/commune/91228/2025-S1/bilan.pdf');
		expect(other.status).toBe(200);
		expect(same(other.body, printed.body)).toBe(false);
		expect(browsersOf(app.process.pid as number)).toBe(1);
	});

	it('prints again when the content changes (a new threshold k)', async () => {
		const before = await get('admin');
		const cached = await get('admin');
		expect(same(before.body, cached.body)).toBe(true);
		const res = await fetch(`${app.url}/admin/parametres?/save`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie: cookies.admin,
				origin: app.url,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				organisationName: 'Préfecture de test',
				disclosureThreshold: '7'
			})
		});
		expect(res.status).toBeLessThan(400);
		const after = await get('admin');
		expect(after.status).toBe(200);
		expect(same(after.body, before.body)).toBe(false);
	});

	it(`limits one user to ${PDF_PER_WINDOW} PDFs per window, with a French 429`, async () => {
		let last = await get('analyste');
		let served = 0;
		while (last.status === 200 && served <= PDF_PER_WINDOW) {
			served++;
			last = await get('analyste');
		}
		expect(served).toBeGreaterThan(0);
		expect(served).toBeLessThan(PDF_PER_WINDOW);
		expect(last.status).toBe(429);
		expect(new TextDecoder().decode(last.body)).toMatch(/Vous avez demandé 20 PDF .* réessayez/);
		// Other users are not affected.
		expect((await get('elu.evry')).status).toBe(200);
	});
});
