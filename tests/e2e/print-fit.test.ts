// What a person sees on paper and in the charts, in Chromium on the built app: the commune bilan's
// print view and the annual CDP bilan fit the A4 printable width (print emulation, 180 mm wide:
// no element wider than the page, nothing clipped in a box), and their PDFs are whole (pdftotext);
// count axes in whole numbers, period labels apart, facet titles whole, a sentence instead of an
// empty chart, bars when filtering by a group; a period not published (one Évry group has sent its
// 2026-S1 file) shows a sentence and no figure on the page, in print, PDF, Parquet, comparison and
// export until the analyst publishes it (« Publier la période »); published without most groups,
// it is not where élus and analysts land, and a territory that sent nothing reads blank, never 0.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv } from '../../data-contracts/generate';
import { findChromium } from '../helpers/browser';
import { useApp } from '../helpers/app';
import { loginCookie, switchUser } from '../helpers/session';

/** A4 printable width at 96 dpi: 210 mm − 2 × 15 mm margins = 180 mm. */
const A4_TEXT_PX = 680;
const EVRY = '/commune/91228';
const ELU = 'elu.evry@demo.bilans.fr';
const ANALYSTE = 'analyste@demo.bilans.fr';

/** Elements wider than the page, or whose content is clipped by their box (in print emulation). */
function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const out: string[] = [];
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} « ${(el.textContent ?? '').trim().slice(0, 40)} »`;
		if (document.documentElement.scrollWidth > width + 1)
			out.push(`page ${document.documentElement.scrollWidth} > ${width}`);
		for (const el of document.querySelectorAll('main *')) {
			// Text for screen readers only is clipped on purpose.
			if (el.closest('.fr-sr-only')) continue;
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue;
			if (box.right > width + 1 || box.left < -1) out.push(`outside: ${name(el)}`);
			const style = getComputedStyle(el);
			if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
				out.push(`clipped: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
		}
		return out;
	});
}

async function printView(page: Page, url: string) {
	await page.setViewportSize({ width: A4_TEXT_PX, height: 1000 });
	await page.emulateMedia({ media: 'print' });
	const res = await page.goto(url);
	expect(res?.status()).toBe(200);
}

function pdfText(bytes: Buffer): { text: string; raw: string; pages: number } {
	const dir = mkdtempSync(path.join(tmpdir(), 'bp-pdf-'));
	try {
		const file = path.join(dir, 'bilan.pdf');
		writeFileSync(file, bytes);
		// Reading order, spaces and line breaks folded: a wrapped header still reads whole.
		const raw = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
		const text = raw.replace(/\s+/g, ' ');
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		return { text, raw, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const chromium = findChromium();
const pdftotext = (() => {
	try {
		execFileSync('which', ['pdftotext']);
		return true;
	} catch {
		return false;
	}
})();

describe.runIf(chromium || process.env.CI)('A4 that fits, charts that read, honest periods', () => {
	const app = useApp({ page: true });
	beforeAll(async () => {
		// One Évry group of five sends its 2026-S1 situations while the campaign is open.
		const cookie = await loginCookie(app.server.url, 'referent.cve.evry@demo.bilans.fr');
		const rows = generateRows('situations', { seed: 11, rows: 40, period: '2026-S1' });
		const res = await fetch(
			`${app.server.url}/groupe/evry-courcouronnes-cve/2026-S1/situations/envoi?nom=s.csv`,
			{
				method: 'POST',
				headers: { cookie, origin: app.server.url, 'content-type': 'text/csv' },
				body: [...rowsToCsv('situations', rows)].join('')
			}
		);
		expect(res.status).toBeLessThan(300);
		// The élu's first view publishes Évry's complete periods and builds three years of table
		// sets: done here, so the tests' sign-ins wait for pages, not for that.
		const elu = await loginCookie(app.server.url, ELU);
		expect(
			(await fetch(`${app.server.url}${EVRY}/2025-S2`, { headers: { cookie: elu } })).status
		).toBe(200);
	}, 240_000);

	it('the commune bilan fits the A4 width in print; its PDF is whole', async () => {
		await switchUser(app.page, app.server.url, ELU, `${EVRY}/2025-S2`);
		await printView(app.page, `${app.server.url}${EVRY}/2025-S2/imprimer`);
		expect(await overflowing(app.page)).toEqual([]);
		// The third column of the groups table and the last key figure are on the page.
		const header = app.page.locator('th', { hasText: 'Déposé pour la période' });
		expect((await header.boundingBox())!.x + (await header.boundingBox())!.width).toBeLessThan(
			A4_TEXT_PX + 1
		);
		const last = app.page.locator('[data-figure="sansAccord"]');
		const box = (await last.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(A4_TEXT_PX + 1);
		await app.page.emulateMedia({ media: 'screen' });
		if (!pdftotext) return;
		const cookie = await loginCookie(app.server.url, ELU);
		const res = await fetch(`${app.server.url}${EVRY}/2025-S2/bilan.pdf`, { headers: { cookie } });
		expect(res.status).toBe(200);
		const { text, pages } = pdfText(Buffer.from(await res.arrayBuffer()));
		expect(text).toContain('Déposé pour la période');
		expect(text).toContain('Transmissions sans l’accord du groupe');
		expect(text).toContain('période complète : 5 groupes sur 5 ont transmis');
		expect(text).not.toMatch(/\b0,5\b/);
		expect(pages).toBeGreaterThanOrEqual(3);
		expect(pages).toBeLessThanOrEqual(12);
	}, 120_000);

	it('the annual CDP bilan fits A4, omits empty sections, and covers both semesters by type and theme', async () => {
		await switchUser(app.page, app.server.url, ANALYSTE, '/departement/91/bilan-annuel/2025');
		await printView(app.page, `${app.server.url}/departement/91/bilan-annuel/2025?impression`);
		expect(await overflowing(app.page)).toEqual([]);
		const headings = await app.page.locator('article h2').allTextContents();
		expect(headings.at(-1)).toBe('5. Bilans qualitatifs des groupes');
		expect(headings.join('|')).not.toContain('Perspectives');
		const types = app.page.locator('section[data-instance]');
		expect(await types.count()).toBeGreaterThanOrEqual(3);
		const first = types.first();
		expect(await first.locator('h4[data-theme]').count()).toBe(4);
		const sources = await app.page.locator('.bp-sources').allTextContents();
		expect(sources.some((s) => s.includes('(S1, S2)'))).toBe(true);
		await app.page.emulateMedia({ media: 'screen' });
		if (!pdftotext) return;
		const cookie = await loginCookie(app.server.url, ANALYSTE);
		const res = await fetch(`${app.server.url}/departement/91/bilan-annuel/2025/pdf`, {
			headers: { cookie }
		});
		expect(res.status).toBe(200);
		const { text, raw, pages } = pdfText(Buffer.from(await res.arrayBuffer()));
		expect(text).not.toContain('6. Perspectives');
		// The document ends with statements of the groups, not with a heading.
		const lines = raw
			.split('\n')
			.map((l) => l.trim())
			.filter((l) => l && !/^Bilan annuel 2025 — département 91/.test(l));
		expect(lines.at(-1)).not.toMatch(/^\d\. /);
		expect(pages).toBeGreaterThanOrEqual(3);
	}, 150_000);

	it('charts read: whole-number count ticks, period labels apart, facet titles whole, no empty chart', async () => {
		await switchUser(app.page, app.server.url, ELU, `${EVRY}/2025-S2`);
		await app.page.setViewportSize({ width: 1280, height: 900 });
		await app.page.goto(`${app.server.url}${EVRY}/2025-S2`);
		const charts = app.page.locator('.bp-chart');
		expect(await charts.count()).toBeGreaterThanOrEqual(6);
		const report = await app.page.evaluate(() => {
			const out: { ticks: string[]; overlaps: string[]; titles: string[]; empty: string[] } = {
				ticks: [],
				overlaps: [],
				titles: [],
				empty: []
			};
			for (const chart of document.querySelectorAll('.bp-chart')) {
				const canvas = chart.querySelector<HTMLElement>('.bp-chart__canvas');
				const svg = canvas?.querySelector('svg');
				if (!canvas || canvas.hidden || !svg) {
					if (!chart.querySelector('[data-testid="chart-empty"]'))
						out.empty.push(chart.querySelector('h3')?.textContent ?? '?');
					continue;
				}
				const marks = svg.querySelectorAll('[data-mark="bar"] rect, [data-mark="line"] path');
				if (!marks.length) out.empty.push(chart.querySelector('h3')?.textContent ?? '?');
				for (const t of svg.querySelectorAll(
					'[data-mark="y-axis tick label"] text, [data-mark="x-axis tick label"] text'
				))
					if (/^[\d\s,]+$/.test(t.textContent ?? '')) out.ticks.push(t.textContent ?? '');
				// Period labels of the trend: no two boxes on the same row overlap.
				const labels = [...svg.querySelectorAll('[data-mark="x-axis tick label"] text')].map(
					(t) => ({ text: t.textContent, box: t.getBoundingClientRect() })
				);
				for (const a of labels)
					for (const b of labels)
						if (
							a !== b &&
							Math.abs(a.box.top - b.box.top) < 2 &&
							a.box.left < b.box.right - 1 &&
							b.box.left < a.box.right - 1
						)
							out.overlaps.push(`${a.text} / ${b.text}`);
				const frame = svg.getBoundingClientRect();
				for (const t of svg.querySelectorAll(
					'text[font-weight="bold"], g[font-weight="bold"] text'
				)) {
					const box = t.getBoundingClientRect();
					if (box.left < frame.left - 1 || box.right > frame.right + 1)
						out.titles.push(`${t.textContent} sort du graphique`);
					if ((t.textContent ?? '').includes('…')) out.titles.push(`${t.textContent} coupé`);
				}
			}
			return out;
		});
		expect(report.empty).toEqual([]);
		expect(report.overlaps).toEqual([]);
		expect(report.titles).toEqual([]);
		expect(report.ticks.length).toBeGreaterThan(10);
		for (const t of report.ticks) expect(t).not.toMatch(/,/);
		// A chart with nothing publishable says why, in a sentence.
		for (const text of await app.page.locator('[data-testid="chart-empty"]').allTextContents())
			expect(text).toContain('Aucune donnée publiable pour ce filtre');
		const trendTitle = app.page.locator('svg text', { hasText: 'Transmissions sans' });
		expect((await trendTitle.textContent())?.replace(/\s+/g, ' ')).toContain(
			'Transmissions sans l’accord du groupe'
		);
	}, 120_000);

	it('filtering by a group gives the sentence: groups are published by their totals only', async () => {
		const withBars = async (groupe: string) => {
			await app.page.goto(`${app.server.url}${EVRY}/2025-S2?groupe=${groupe}`);
			return app.page.evaluate(() =>
				[...document.querySelectorAll('.bp-charts .bp-chart')].map((c) => ({
					bars: c.querySelectorAll('[data-mark="bar"] rect').length,
					canvasShown: !c.querySelector<HTMLElement>('.bp-chart__canvas')?.hidden,
					sentence: !!c.querySelector('[data-testid="chart-empty"]')
				}))
			);
		};
		// groups are published by their totals only: a group's filter draws no breakdown
		const all = await withBars('');
		expect(all.some((c) => c.bars > 0 && c.canvasShown)).toBe(true);
		const one = await withBars('evry-courcouronnes-cls');
		expect(one.length).toBe(4);
		for (const c of one) expect(c.sentence && !c.canvasShown).toBe(true);
		// In the browser, through DuckDB: the same.
		await app.page.goto(`${app.server.url}${EVRY}/2025-S2`);
		await app.page.waitForSelector('form[data-phase="ready"]', { timeout: 60_000 });
		await app.page.selectOption('#filtre-groupe', 'evry-courcouronnes-cls');
		await app.page.waitForSelector('form[data-answers="1"]');
		expect(
			await app.page.locator('.bp-charts [data-testid="chart-empty"]').count()
		).toBeGreaterThan(0);
	}, 120_000);

	it('a period not published shows a sentence and no figure, anywhere, until the analyst publishes it', async () => {
		await switchUser(app.page, app.server.url, ELU, EVRY);
		expect(new URL(app.page.url()).pathname).toBe(`${EVRY}/2025-S2`);
		await expect(
			app.page.locator('#choix-periode option[value="2026-S1"]').textContent()
		).resolves.toBe('1er semestre 2026 (non publiée)');
		await app.page.goto(`${app.server.url}${EVRY}/2026-S1`);
		const sentence =
			'Les chiffres du 1er semestre 2026 seront publiés à la clôture de la collecte : 1 groupe sur 5 a transmis.';
		await expect(app.page.getByTestId('non-publiee').textContent()).resolves.toContain(sentence);
		expect(await app.page.locator('[data-figure]').count()).toBe(0);
		expect(await app.page.locator('main svg').count()).toBe(0);
		await app.page.goto(`${app.server.url}${EVRY}/2026-S1/imprimer`);
		await expect(app.page.getByTestId('non-publiee').textContent()).resolves.toContain(sentence);
		expect(await app.page.locator('[data-figure]').count()).toBe(0);
		const elu = await loginCookie(app.server.url, ELU);
		for (const file of ['bilan.pdf', 'donnees.parquet']) {
			const res = await fetch(`${app.server.url}${EVRY}/2026-S1/${file}`, {
				headers: { cookie: elu, accept: 'text/html' }
			});
			expect(res.status).toBe(409);
			expect(await res.text()).toContain('seront publiés à la clôture de la collecte');
		}
		// The analyst: no comparison, no export of the period either.
		await switchUser(
			app.page,
			app.server.url,
			ANALYSTE,
			'/departement/91/comparer?periode=2026-S1'
		);
		await app.page.goto(`${app.server.url}/departement/91/comparer?periode=2026-S1`);
		await expect(app.page.getByTestId('non-publiee').textContent()).resolves.toContain(
			'1 groupe sur 41 a transmis'
		);
		expect(await app.page.locator('[data-testid="compare-table"]').count()).toBe(0);
		const analyste = await loginCookie(app.server.url, ANALYSTE);
		const csv = await fetch(
			`${app.server.url}/departement/91/export?table=comparer&format=csv&periode=2026-S1`,
			{ headers: { cookie: analyste } }
		);
		expect(csv.status).toBe(409);
		expect(await csv.text()).toContain('seront publiés');

		// « Publier la période », confirmed after reading which groups will not be counted.
		await app.page.goto(`${app.server.url}/departement/91`);
		const row = app.page.locator('li[data-period="2026-S1"]');
		await expect(row.locator('summary').textContent()).resolves.toContain(
			'40 groupes n’ont pas transmis'
		);
		await row.getByRole('button', { name: 'Publier la période' }).click();
		await expect(row.getByRole('alert').textContent()).resolves.toContain('Cochez la case');
		await row.locator('label[for="confirm-2026-S1"]').click();
		await row.getByRole('button', { name: 'Publier la période' }).click();
		await app.page.waitForSelector('li[data-period="2026-S1"] >> text=publiée le');
		expect(await app.page.getByTestId('groupes-manquants').count()).toBe(0);

		// The élu now sees its figures, final: published without four of the commune's groups.
		await switchUser(app.page, app.server.url, ELU, `${EVRY}/2026-S1`);
		await app.page.goto(`${app.server.url}${EVRY}/2026-S1`);
		expect(await app.page.getByTestId('non-publiee').count()).toBe(0);
		expect(await app.page.locator('[data-figure]').count()).toBeGreaterThan(0);
		await expect(app.page.getByTestId('complet').textContent()).resolves.toContain(
			'période publiée : 1 groupe sur 5 a transmis'
		);
		// Changes never read the four missing groups as a fall of the commune's figures.
		const changes = await app.page.locator('.bp-figure__change').allTextContents();
		for (const c of changes) expect(c).not.toMatch(/−\s?1\d\d/);
		expect(changes.join(' ')).toMatch(/aucun groupe|diffèrent|groupe présent/);
		// Trend: the incomplete point is hollow and its label starred.
		const starred = app.page.locator('[data-mark="x-axis tick label"] text', { hasText: 'S1*' });
		expect(await starred.count()).toBeGreaterThan(0);
		// Still not where the élu lands: the last period every group sent.
		await app.page.goto(`${app.server.url}${EVRY}`);
		expect(new URL(app.page.url()).pathname).toBe(`${EVRY}/2025-S2`);
	}, 180_000);

	it('the comparison lands on the last complete period; a territory that sent nothing is blank, never 0', async () => {
		await switchUser(app.page, app.server.url, ANALYSTE, '/departement/91/comparer');
		await app.page.goto(`${app.server.url}/departement/91/comparer`);
		await expect(app.page.locator('#c-periode').inputValue()).resolves.toBe('2025-S2');
		// 2026-S1, published by the analyst with one group of 41 (test above)
		await app.page.goto(`${app.server.url}/departement/91/comparer?periode=2026-S1`);
		await expect(app.page.locator('[data-testid="complet"]').textContent()).resolves.toContain(
			'période publiée : 1 groupe sur 41 a transmis'
		);
		const blank = app.page.locator('[data-testid="compare-table"] td[data-missing]');
		expect(await blank.count()).toBeGreaterThan(10);
		for (const t of await blank.allTextContents()) expect(t.trim()).toBe('');
		const zeros = app.page.locator('[data-testid="compare-table"] td[data-col="n"]', {
			hasText: /^0$/
		});
		expect(await zeros.count()).toBe(0);
		await expect(app.page.locator('#table-comparaison').textContent()).resolves.toContain(
			'aucun groupe n’a transmis'
		);
		expect(
			await app.page.locator('[data-testid="protocol-table"] td[data-missing]').count()
		).toBeGreaterThan(10);
		// The chart draws no bar for them and says « non transmis ».
		await expect(app.page.locator('#bp-chart-taux svg').textContent()).resolves.toContain(
			'non transmis'
		);
		const cookie = await loginCookie(app.server.url, ANALYSTE);
		const csv = await (
			await fetch(
				`${app.server.url}/departement/91/export?table=comparer&format=csv&periode=2026-S1`,
				{
					headers: { cookie }
				}
			)
		).text();
		expect(csv).toContain('Période publiée : 1 groupe sur 41 a transmis');
		expect(csv).toContain('aucun groupe n’a transmis');
		const massy = csv.split('\r\n').find((l) => l.startsWith('Massy;'))!;
		expect(massy).toMatch(/;;$/);
		// Protocol columns: a hidden rate reads the neutral marker, never a count threshold.
		await app.page.goto(`${app.server.url}/departement/91/comparer?periode=2024-S2`);
		const informed = await app.page
			.locator('[data-testid="protocol-table"] td[data-col="informes"]')
			.allTextContents();
		expect(informed.join('')).not.toContain('<');
		expect(informed.some((t) => /^\s*(s|\d+\s?%)\s*$/.test(t))).toBe(true);
	}, 150_000);
});
