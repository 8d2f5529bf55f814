// Charts that read: count axes in whole numbers, period labels that leave room for each other,
// facet titles never cut, nothing drawn for a category nobody transmitted, a sentence instead of an
// empty chart, provisional periods marked. Checked on the server-drawn SVG (the same Plot code as
// the browser); what the eye sees in Chromium is checked in tests/e2e/print-fit.test.ts.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { renderChartSvg } from '$lib/server/charts';
import { integerTicks } from './render';
import {
	barChart,
	groupedBarChart,
	hbarChart,
	isEmptyChart,
	periodTick,
	PERIOD_PX,
	PRINT_WIDTH,
	trendChart,
	trendColumns,
	type TrendDatum
} from './spec';
import { chartTable } from './table';

function ticksOf(svg: string, axis: string): string[] {
	const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
	return [...document.querySelectorAll(`g[data-mark="${axis}-axis tick label"] text`)].map(
		(t) => t.textContent ?? ''
	);
}

const PERIODS = ['2023-S1', '2023-S2', '2024-S1', '2024-S2', '2025-S1', '2025-S2'];

describe('count axes', () => {
	it('integer ticks: steps of 1, 2 or 5 × 10ⁿ reaching the maximum', () => {
		expect(integerTicks(1)).toEqual([0, 1]);
		expect(integerTicks(3)).toEqual([0, 1, 2, 3]);
		expect(integerTicks(9)).toEqual([0, 2, 4, 6, 8, 10]);
		expect(integerTicks(35)).toEqual([0, 10, 20, 30, 40]);
		expect(integerTicks(7, 3)).toEqual([0, 5, 10]);
		for (const max of [1, 2, 4, 5, 13, 99, 1234])
			for (const t of integerTicks(max)) expect(Number.isInteger(t)).toBe(true);
	});

	it('a chart of small counts never has a tick at 0,5', () => {
		const data = [
			{ category: 'a', label: 'Femmes', value: 1, status: 'published' as const },
			{ category: 'b', label: 'Hommes', value: 2, status: 'published' as const }
		];
		const bar = renderChartSvg(barChart({ id: 'b', title: 'B', k: 5, data }));
		const hbar = renderChartSvg(hbarChart({ id: 'h', title: 'H', k: 5, data }));
		const grouped = renderChartSvg(
			groupedBarChart({
				id: 'g',
				title: 'G',
				k: 5,
				series: [{ key: 's', label: 'S' }],
				data: data.map((d) => ({ ...d, series: 's' }))
			})
		);
		const trend = renderChartSvg(
			trendChart({
				id: 't',
				title: 'T',
				k: 5,
				data: PERIODS.map((period, i) => ({
					facet: 'f',
					period,
					value: i % 2,
					status: 'published' as const
				}))
			})
		);
		for (const [svg, axis] of [
			[bar, 'y'],
			[hbar, 'x'],
			[grouped, 'y'],
			[trend, 'y']
		]) {
			const ticks = ticksOf(svg, axis);
			expect(ticks.length, axis).toBeGreaterThan(1);
			for (const t of ticks) expect(t, `${axis}: ${ticks.join(' ')}`).toMatch(/^\d+$/);
		}
	});
});

describe('trend small multiples', () => {
	const facets = [
		{ key: 'situations', label: 'Situations examinées' },
		{ key: 'cloturees', label: 'Situations clôturées' },
		{ key: 'sans-accord', label: 'Transmissions sans l’accord du groupe' }
	];
	const data: TrendDatum[] = facets.flatMap((f) =>
		PERIODS.map((period, i) => ({
			facet: f.key,
			period,
			value: 100 + i,
			status: 'published' as const
		}))
	);

	it('gives every period room on its axis: fewer columns, two short lines per label', () => {
		const spec = trendChart({ id: 't', title: 'T', k: 5, columns: 3, print: true, data, facets });
		expect(spec.columns).toBe(trendColumns(PRINT_WIDTH, PERIODS.length, 3, 3));
		const panel = (PRINT_WIDTH - 70) / spec.columns;
		expect(panel / PERIODS.length).toBeGreaterThanOrEqual(PERIOD_PX);
		const labels = ticksOf(renderChartSvg(spec), 'x');
		expect(labels).toContain('S12023');
		expect(labels.every((l) => !l.includes('-'))).toBe(true);
		expect(periodTick('2025-S2')).toBe('S2\n2025');
		expect(periodTick('2026-S1', true)).toBe('S1*\n2026');
		expect(periodTick('2025')).toBe('2025');
	});

	it('thins the period labels on a narrow panel, the latest one always kept', () => {
		const many = Array.from(
			{ length: 12 },
			(_, i) => `${2020 + Math.floor(i / 2)}-S${(i % 2) + 1}`
		);
		const spec = trendChart({
			id: 't',
			title: 'T',
			k: 5,
			width: 320,
			periods: many,
			data: many.map((period) => ({ facet: 'a', period, value: 3, status: 'published' as const }))
		});
		const labels = ticksOf(renderChartSvg(spec), 'x');
		expect(labels.length).toBeLessThan(many.length);
		expect(labels.length).toBeLessThanOrEqual(Math.floor((320 - 70) / PERIOD_PX));
		expect(labels.at(-1)).toBe('S22025');
	});

	it('never cuts a facet title', () => {
		const spec = trendChart({ id: 't', title: 'T', k: 5, data, facets });
		const { document } = parseHTML(`<body>${renderChartSvg(spec)}</body>`);
		const texts = [...document.querySelectorAll('text')].map((t) => t.textContent ?? '');
		expect(texts.join(' ')).not.toContain('…');
		const title = [...document.querySelectorAll('text')].find((t) =>
			(t.textContent ?? '').startsWith('Transmissions')
		);
		expect(title?.textContent?.replace(/\s+/g, ' ')).toContain('Transmissions sans l’accord');
		expect(title?.textContent).toContain('groupe');
	});

	it('marks provisional periods: hollow point, asterisk on the axis, « (incomplète) » in the table', () => {
		const spec = trendChart({ id: 't', title: 'T', k: 5, data, facets, provisional: ['2025-S2'] });
		const svg = renderChartSvg(spec);
		expect(ticksOf(svg, 'x')).toContain('S2*2025');
		const { document } = parseHTML(`<body>${svg}</body>`);
		const hollow = document.querySelectorAll('g[fill="#ffffff"] circle, circle[fill="#ffffff"]');
		expect(hollow.length).toBe(3);
		expect(chartTable(spec).columns).toContain('2025-S2 (incomplète)');
	});

	it('says so in a panel with nothing to draw', () => {
		const sparse = data.map((d) => (d.facet === 'sans-accord' ? { ...d, value: null } : d));
		const svg = renderChartSvg(trendChart({ id: 't', title: 'T', k: 5, data: sparse, facets }));
		expect(svg).toContain('aucune donnée publiable');
	});
});

describe('nothing transmitted, nothing publishable', () => {
	it('a category nobody transmitted gets no bar and a blank table cell, never a zero', () => {
		const spec = hbarChart({
			id: 'c',
			title: 'C',
			k: 5,
			data: [
				{ category: 'a', label: 'Évry', value: 12, status: 'published' },
				{ category: 'b', label: 'Massy', value: 0, status: 'published', missing: true }
			]
		});
		expect(spec.data[1].value).toBeNull();
		const svg = renderChartSvg(spec);
		const { document } = parseHTML(`<body>${svg}</body>`);
		expect(document.querySelectorAll('g[data-mark="bar"] rect').length).toBe(1);
		expect(svg).toContain('non transmis');
		const table = chartTable(spec);
		expect(table.rows[1].cells[0]).toMatchObject({ text: '', missing: true, value: null });
		expect(table.missingCount).toBe(1);
	});

	it('a chart with no published value and no hidden cell is empty (a sentence replaces it)', () => {
		const unknown = [{ category: 'a', value: null, status: 'published' as const }];
		expect(isEmptyChart(barChart({ id: 'e', title: 'E', k: 5, data: unknown }))).toBe(true);
		const hidden = [{ category: 'a', value: null, status: 'hidden' as const }];
		expect(isEmptyChart(barChart({ id: 'e', title: 'E', k: 5, data: hidden }))).toBe(false);
		const zero = [{ category: 'a', value: 0, status: 'published' as const }];
		expect(isEmptyChart(barChart({ id: 'e', title: 'E', k: 5, data: zero }))).toBe(false);
	});
});
