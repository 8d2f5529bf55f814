import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { renderChartSvg } from '$lib/server/charts';
import { HIDDEN_LEGEND } from '$lib/format';
import { MARKER_PX } from './render';
import {
	barChart,
	groupedBarChart,
	hbarChart,
	printVariant,
	trendChart,
	PRINT_WIDTH,
	type ChartDatum,
	type TrendDatum
} from './spec';
import { chartTable } from './table';

function parse(svg: string) {
	const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
	const root = document.querySelector('svg')!;
	const texts = [...root.querySelectorAll('text')].map((t) => t.textContent ?? '');
	const titles = [...root.querySelectorAll('title')].map((t) => t.textContent ?? '');
	return { document, root, texts, titles };
}

const AGES: ChartDatum[] = [
	{ category: '0-5', label: '0 à 5 ans', value: 12, status: 'published' },
	{ category: '6-10', label: '6 à 10 ans', value: 3, status: 'hidden' },
	{ category: '11-15', label: '11 à 15 ans', value: 40, status: 'published' },
	{ category: '16-17', label: '16 et 17 ans', value: 23, status: 'hidden' }
];

const opts = { id: 'age', title: 'Situations par tranche d’âge', k: 5 };

describe('bar charts drawn on the server', () => {
	it('draws hidden cells as fixed-size hatched markers reading « s », never their value', () => {
		const svg = renderChartSvg(barChart({ ...opts, data: AGES }));
		const { root, texts, titles } = parse(svg);
		const hatched = [...root.querySelectorAll('g[fill="url(#bp-hatch-age)"] rect')];
		expect(hatched).toHaveLength(2);
		for (const r of hatched) expect(Number(r.getAttribute('height'))).toBe(MARKER_PX);
		expect(root.querySelector('pattern#bp-hatch-age')).not.toBeNull();
		expect(texts.filter((t) => t === 's')).toHaveLength(2);
		// Published values are labelled; the hidden ones (3, 23) appear in no text or tooltip.
		expect(texts).toContain('12');
		expect(texts).toContain('40');
		for (const t of [...texts, ...titles]) {
			expect(t).not.toMatch(/\b3\b/);
			expect(t).not.toMatch(/\b23\b/);
		}
		expect(titles).toContain(`6 à 10 ans : s (${HIDDEN_LEGEND})`);
	});

	it('gives the same markup whatever value a hidden cell carried (the value is dropped)', () => {
		const leaky = renderChartSvg(barChart({ ...opts, data: AGES }));
		const scrubbed = renderChartSvg(
			barChart({
				...opts,
				data: AGES.map((d) => (d.status === 'published' ? d : { ...d, value: null }))
			})
		);
		const huge = renderChartSvg(
			barChart({
				...opts,
				data: AGES.map((d) => (d.status === 'published' ? d : { ...d, value: 1e6 }))
			})
		);
		expect(leaky).toBe(scrubbed);
		expect(huge).toBe(scrubbed);
	});

	it('keeps the marker size fixed whatever the scale', () => {
		const big = AGES.map((d) => (d.status === 'published' ? { ...d, value: d.value! * 100 } : d));
		const { root } = parse(renderChartSvg(barChart({ ...opts, data: big })));
		for (const r of root.querySelectorAll('g[fill="url(#bp-hatch-age)"] rect'))
			expect(Number(r.getAttribute('height'))).toBe(MARKER_PX);
		// Published bars do encode their values: 40 is 40/12 as tall as 12.
		const bars = [...root.querySelectorAll('g[data-mark="bar"]')[0].querySelectorAll('rect')];
		const heights = bars.map((r) => Number(r.getAttribute('height')));
		expect(heights[1] / heights[0]).toBeCloseTo(40 / 12, 5);
	});

	it('is an accessible image with a name and a description', () => {
		const { root } = parse(
			renderChartSvg(barChart({ ...opts, ariaLabel: 'Âges des personnes', data: AGES }))
		);
		expect(root.getAttribute('role')).toBe('img');
		expect(root.getAttribute('aria-label')).toBe('Âges des personnes');
		expect(root.getAttribute('aria-description')).toContain('2 valeurs masquées (« s »)');
		expect(root.getAttribute('width')).toBe('640');
		// Inner groups carry no ARIA name (prohibited on role-less <g>).
		expect(root.querySelectorAll('[aria-label]')).toHaveLength(0);
	});

	it('draws the same SVG twice (server and browser agree)', () => {
		const spec = barChart({ ...opts, data: AGES });
		expect(renderChartSvg(spec)).toBe(renderChartSvg(spec));
	});

	it('escapes labels', () => {
		const svg = renderChartSvg(
			hbarChart({
				...opts,
				data: [{ category: 'x', label: '<script>alert(1)</script>', value: 9, status: 'published' }]
			})
		);
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('&lt;script&gt;');
	});

	it('still draws when every cell is hidden', () => {
		const all = AGES.map((d) => ({ ...d, status: 'hidden' as const }));
		const { root, texts } = parse(renderChartSvg(barChart({ ...opts, data: all })));
		expect(root.querySelectorAll('g[fill="url(#bp-hatch-age)"] rect')).toHaveLength(4);
		expect(texts.filter((t) => t === 's')).toHaveLength(4);
	});
});

describe('horizontal, grouped and trend charts', () => {
	it('horizontal bars: long labels, hidden markers of fixed width, height from the data', () => {
		const long = AGES.map((d) => ({
			...d,
			label: `${d.label} — situations suivies par la cellule de veille éducative`
		}));
		const spec = hbarChart({ ...opts, data: long });
		const { root, texts } = parse(renderChartSvg(spec));
		const hatched = [...root.querySelectorAll('g[fill="url(#bp-hatch-age)"] rect')];
		expect(hatched).toHaveLength(2);
		for (const r of hatched) expect(Number(r.getAttribute('width'))).toBe(MARKER_PX * 2);
		expect(texts.filter((t) => t === 's')).toHaveLength(2);
		expect(Number(root.getAttribute('height'))).toBe(spec.height);
		expect(spec.height).toBeGreaterThan(hbarChart({ ...opts, data: AGES }).height);
	});

	it('grouped bars: one colour per series, hidden cells hatched', () => {
		const data: ChartDatum[] = AGES.flatMap((d) => [
			{ ...d, series: 'F' },
			{ ...d, series: 'M', value: 9, status: 'published' as const }
		]);
		const spec = groupedBarChart({
			...opts,
			id: 'age-sexe',
			data,
			series: [
				{ key: 'F', label: 'Femmes' },
				{ key: 'M', label: 'Hommes' }
			],
			seriesLabel: 'Sexe'
		});
		const { root, texts } = parse(renderChartSvg(spec));
		const published = [...root.querySelectorAll('rect[fill="#000091"], rect[fill="#009099"]')];
		expect(published).toHaveLength(6);
		expect(root.querySelectorAll('g[fill="url(#bp-hatch-age-sexe)"] rect')).toHaveLength(2);
		expect(texts.filter((t) => t === 's')).toHaveLength(2);
		const table = chartTable(spec);
		expect(table.columns).toEqual(['Catégorie', 'Femmes', 'Hommes']);
		expect(table.rows[1].cells.map((c) => c.text)).toEqual(['s', '9']);
		expect(table.rows[1].cells[0]).toMatchObject({ hidden: true, value: null });
	});

	it('trend small multiples: the line breaks at a hidden period, marked « s »', () => {
		const data: TrendDatum[] = ['Évry-Courcouronnes', 'Massy'].flatMap((facet) =>
			['2022', '2023', '2024', '2025'].map((period, i) => ({
				facet,
				period,
				value: 20 + i,
				status:
					facet === 'Massy' && period === '2023' ? ('hidden' as const) : ('published' as const)
			}))
		);
		const spec = trendChart({ ...opts, id: 'tendance', data, valueKind: 'per1000' });
		const { root, texts, titles } = parse(renderChartSvg(spec));
		expect(texts.filter((t) => t === 's')).toHaveLength(1);
		expect(texts).toContain('Massy');
		const paths = [...root.querySelectorAll('g[data-mark="line"] path')].map(
			(p) => p.getAttribute('d') ?? ''
		);
		// One unbroken line, one broken in two (two "M" moves).
		expect(paths.map((d) => (d.match(/M/g) ?? []).length).sort()).toEqual([1, 2]);
		expect(titles.some((t) => t.startsWith('Massy, 2023 : s'))).toBe(true);
		expect(titles.some((t) => t.includes('21,0'))).toBe(true);
		for (const t of titles.filter((x) => x.startsWith('Massy, 2023'))) expect(t).not.toMatch(/21/);
		const table = chartTable(spec);
		expect(table.columns).toEqual(['Catégorie', '2022', '2023', '2024', '2025']);
		expect(table.rows[1].cells[1].text).toBe('s');
		expect(table.rows[0].cells[1].text).toBe('21,0\u202f‰');
	});

	it('print variant is A4 wide', () => {
		const spec = printVariant(barChart({ ...opts, data: AGES }));
		expect(spec.width).toBe(PRINT_WIDTH);
		expect(parse(renderChartSvg(spec)).root.getAttribute('width')).toBe(String(PRINT_WIDTH));
	});
});
