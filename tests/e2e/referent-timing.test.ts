// The upload page's timing in Chromium: the check of a large file shows its progress and stops at
// once when cancelled (nothing reported, nothing sent); a file chosen right after that is checked
// and previewed with DuckDB started after its report; and a file chosen once the page has settled
// finds DuckDB already loaded (the page loads it while the referent looks for the file).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv } from '../../data-contracts/generate';
import { watchConsole } from '../helpers/browser';
import { useApp } from '../helpers/app';

const GROUP = 'evry-courcouronnes-cve';
const PERIOD = '2026-S1';

function writeCsv(dir: string, name: string, rows: number): string {
	const file = path.join(dir, name);
	writeFileSync(
		file,
		'\uFEFF' +
			[
				...rowsToCsv('situations', generateRows('situations', { seed: 7, rows, period: PERIOD }))
			].join('')
	);
	return file;
}

/** Requests for DuckDB's wasm since the page opened. */
function watchWasm(page: Page): string[] {
	const urls: string[] = [];
	page.on('request', (r) => {
		if (r.url().endsWith('.wasm')) urls.push(r.url());
	});
	return urls;
}

describe('upload page timing in Chromium', () => {
	const app = useApp({ signIn: 'referent.cve.evry@demo.bilans.fr', tmp: 'bp-referent-timing-' });
	let big: string;
	let small: string;
	beforeAll(() => {
		big = writeCsv(app.dir, 'situations-big.csv', 250_000);
		small = writeCsv(app.dir, 'situations.csv', 200);
	});

	it('cancels a long check at once, then checks and previews the next file', async () => {
		const page = await app.browser.newPage();
		const console = watchConsole(page);
		const wasm = watchWasm(page);
		await page.goto(`${app.server.url}/groupe/${GROUP}/${PERIOD}/situations`);
		await page.setInputFiles('[data-testid=fichier]', big);
		await page.waitForSelector('[data-testid=progression]');
		await page.waitForFunction(
			() => Number(document.querySelector('#bp-progress')?.getAttribute('value')) > 0,
			undefined,
			{ timeout: 60_000 }
		);
		await page.click('[data-testid=progression] button');
		await page.getByText('Contrôle annulé : aucun fichier n’a été envoyé.').waitFor();
		await page.waitForTimeout(500);
		expect(await page.locator('[data-testid=conforme], [data-testid=rapport]').count()).toBe(0);
		// DuckDB waited: the check came first, and a cancelled one leaves nothing to preview.
		expect(wasm).toEqual([]);

		await page.setInputFiles('[data-testid=fichier]', small);
		await page.waitForSelector('[data-testid=conforme]');
		await page.waitForSelector('[data-testid=apercu] .bp-chart__canvas svg', { timeout: 60_000 });
		await expect(page.locator('[data-testid=indicateurs]').textContent()).resolves.toContain(
			'Personnes (ou représentants légaux) informées'
		);
		expect(wasm).toHaveLength(1);
		expect(console.filter((m) => m.startsWith('error') || m.startsWith('pageerror'))).toEqual([]);
		await page.close();
	}, 120_000);

	it('loads DuckDB while the referent looks for the file', async () => {
		const page = await app.browser.newPage();
		const wasm = watchWasm(page);
		await page.goto(`${app.server.url}/groupe/${GROUP}/${PERIOD}/situations`);
		await page.waitForTimeout(500);
		expect(wasm).toEqual([]); // not with the page's first paint
		await expect.poll(() => wasm.length, { timeout: 30_000 }).toBe(1);
		await page.setInputFiles('[data-testid=fichier]', small);
		await page.waitForSelector('[data-testid=apercu] .bp-chart__canvas svg', { timeout: 60_000 });
		expect(wasm).toHaveLength(1);
		await page.close();
	}, 120_000);
});
