// Draws a chart spec with Observable Plot into the given `document`: linkedom's on the server
// (first paint, print, PDF) and the real one in the browser, so both produce the same SVG.
// A hidden cell is never drawn as a number: it gets a fixed-size hatched marker (its size is
// set in pixels through negative insets, independent of any scale) and the « s » marker.
// Every text in the SVG goes through DOM text nodes/attributes, so the serialised markup is
// escaped by the DOM implementation; labels are our own reference labels, never user text.
import * as Plot from '@observablehq/plot';
import { formatCell, formatNumber, HIDDEN_LEGEND, isHidden } from '$lib/format';
import {
	facetTitleEm,
	FONT_SIZE,
	HBAR_MARGIN_LEFT,
	HIDDEN_INK,
	MISSING_TEXT,
	PALETTE,
	PERIOD_PX,
	periodTick,
	TREND_MARGINS,
	type BarSpec,
	type ChartDatum,
	type ChartSpec,
	type GroupedSpec,
	type TrendDatum,
	type TrendSpec
} from './spec';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Pixel size of the hidden-cell marker (height of a vertical bar, width of a horizontal one). */
export const MARKER_PX = 10;

export function patternId(spec: ChartSpec): string {
	return `bp-hatch-${spec.id}`;
}

/** A mark that only adds the hatch `<pattern>` definition to the SVG. */
function hatchDefs(id: string): Plot.RenderFunction {
	return (_index, _scales, _values, _dimensions, context) => {
		const doc = context.document;
		const defs = doc.createElementNS(SVG_NS, 'defs');
		const pattern = doc.createElementNS(SVG_NS, 'pattern');
		for (const [k, v] of Object.entries({
			id,
			width: '6',
			height: '6',
			patternUnits: 'userSpaceOnUse',
			patternTransform: 'rotate(45)'
		}))
			pattern.setAttribute(k, v);
		const bg = doc.createElementNS(SVG_NS, 'rect');
		for (const [k, v] of Object.entries({ width: '6', height: '6', fill: '#ffffff' }))
			bg.setAttribute(k, v);
		const line = doc.createElementNS(SVG_NS, 'line');
		for (const [k, v] of Object.entries({
			x1: '0',
			y1: '0',
			x2: '0',
			y2: '6',
			stroke: HIDDEN_INK,
			'stroke-width': '2.5'
		}))
			line.setAttribute(k, v);
		pattern.append(bg, line);
		defs.append(pattern);
		return defs as unknown as SVGElement;
	};
}

const labelOf = (d: ChartDatum) => d.label ?? d.category;

function valueText(spec: ChartSpec, d: { value: number | null; status: ChartDatum['status'] }) {
	return formatCell(d, spec.valueKind, spec.decimals);
}

function tickFormat(spec: ChartSpec): (v: number) => string {
	if (spec.valueKind === 'percent') return (v) => formatNumber(v * 100) + ' %';
	return (v) => formatNumber(v, Number.isInteger(v) ? 0 : 1);
}

function tooltip(spec: ChartSpec, label: string, d: ChartDatum | TrendDatum): string {
	const v = valueText(spec, d);
	return isHidden(d.status) ? `${label} : ${v} (${HIDDEN_LEGEND})` : `${label} : ${v}`;
}

/** Upper end of the value axis from published values only (never from a hidden one). */
function valueMax(spec: ChartSpec): number {
	let max = 0;
	for (const d of spec.data)
		if (d.value !== null && !isHidden(d.status)) max = Math.max(max, d.value);
	if (max > 0) return max;
	return spec.valueKind === 'count' ? spec.k : 1;
}

/**
 * Ticks of a count axis: whole numbers only (a count never reads 0,5), about `target` of them,
 * in steps of 1, 2 or 5 × 10ⁿ, the last one at or above `max`.
 */
export function integerTicks(max: number, target = 5): number[] {
	const raw = Math.max(1, max / target);
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
	const top = Math.max(step, Math.ceil(max / step) * step);
	const ticks: number[] = [];
	for (let v = 0; v <= top; v += step) ticks.push(v);
	return ticks;
}

/** Value scale options: integer ticks for counts, Plot's nice ticks otherwise. */
function valueScale(spec: ChartSpec, target = 5) {
	const max = valueMax(spec);
	const fmt = tickFormat(spec);
	if (spec.valueKind !== 'count')
		return { domain: [0, max], nice: true, tickFormat: fmt, ticks: target };
	const ticks = integerTicks(max, target);
	return { domain: [0, ticks[ticks.length - 1]], nice: false, tickFormat: fmt, ticks };
}

function common(spec: ChartSpec): Plot.PlotOptions {
	return {
		width: spec.width,
		height: spec.height,
		ariaLabel: spec.ariaLabel,
		ariaDescription: spec.ariaDescription,
		className: `bp-plot-${spec.id}`,
		style: {
			fontSize: `${FONT_SIZE}px`,
			fontFamily: 'Marianne, arial, sans-serif',
			color: '#161616',
			background: 'transparent',
			overflow: 'visible'
		}
	};
}

// Long because: one Observable Plot mark list (bars, hidden markers, labels, axes) for the three
// bar layouts, in drawing order.
function barMarks(spec: BarSpec | GroupedSpec, horizontal: boolean, grouped: boolean) {
	const published = spec.data.filter((d) => !isHidden(d.status) && d.value !== null);
	const hidden = spec.data.filter((d) => isHidden(d.status));
	const missing = spec.data.filter((d) => d.missing && !isHidden(d.status));
	const seriesIndex = new Map(spec.kind === 'grouped' ? spec.series.map((s, i) => [s.key, i]) : []);
	const colour = (d: ChartDatum) =>
		grouped ? PALETTE[(seriesIndex.get(d.series ?? '') ?? 0) % PALETTE.length] : PALETTE[0];
	const seriesLabel = (d: ChartDatum) =>
		spec.kind === 'grouped'
			? (spec.series.find((s) => s.key === d.series)?.label ?? d.series ?? '')
			: '';
	const title = (d: ChartDatum) =>
		tooltip(spec, grouped ? `${labelOf(d)}, ${seriesLabel(d)}` : labelOf(d), d);
	const pub = (d: ChartDatum) => valueText(spec, d);
	const marks: Plot.Markish[] = [hatchDefs(patternId(spec))];
	const fillHidden = `url(#${patternId(spec)})`;
	if (horizontal) {
		marks.push(
			Plot.barX(published, { y: labelOf, x: 'value', fill: colour, title }),
			Plot.barX(hidden, {
				y: labelOf,
				x1: 0,
				x2: 0,
				insetRight: -MARKER_PX * 2,
				fill: fillHidden,
				stroke: HIDDEN_INK,
				title
			}),
			Plot.text(published, {
				y: labelOf,
				x: 'value',
				text: pub,
				dx: 5,
				textAnchor: 'start',
				fill: '#161616'
			}),
			Plot.text(hidden, {
				y: labelOf,
				x: 0,
				text: () => spec.hiddenLabel,
				dx: MARKER_PX * 2 + 5,
				textAnchor: 'start',
				fontWeight: 'bold',
				fill: '#161616'
			}),
			Plot.text(missing, {
				y: labelOf,
				x: 0,
				text: () => MISSING_TEXT,
				dx: 5,
				textAnchor: 'start',
				fontStyle: 'italic',
				fill: HIDDEN_INK
			}),
			Plot.ruleX([0], { stroke: '#161616' })
		);
		return marks;
	}
	const fx = grouped ? { fx: labelOf, x: (d: ChartDatum) => seriesLabel(d) } : { x: labelOf };
	marks.push(
		Plot.barY(published, { ...fx, y: 'value', fill: colour, title }),
		Plot.barY(hidden, {
			...fx,
			y1: 0,
			y2: 0,
			insetTop: -MARKER_PX,
			fill: fillHidden,
			stroke: HIDDEN_INK,
			title
		}),
		Plot.text(published, { ...fx, y: 'value', text: pub, dy: -8, fill: '#161616' }),
		Plot.text(hidden, {
			...fx,
			y: 0,
			text: () => spec.hiddenLabel,
			dy: -MARKER_PX - 8,
			fontWeight: 'bold',
			fill: '#161616'
		}),
		Plot.text(missing, {
			...fx,
			y: 0,
			text: () => MISSING_TEXT,
			dy: -8,
			fontStyle: 'italic',
			fill: HIDDEN_INK
		}),
		Plot.ruleY([0], { stroke: '#161616' })
	);
	return marks;
}

function renderBars(spec: BarSpec, doc: Document) {
	const horizontal = spec.kind === 'hbar';
	const labels = [...new Set(spec.data.map(labelOf))];
	const scale = valueScale(spec);
	if (horizontal) {
		return Plot.plot({
			...common(spec),
			document: doc,
			marginLeft: HBAR_MARGIN_LEFT,
			marginRight: 60,
			marginTop: 10,
			marginBottom: 40,
			x: { ...scale, grid: true, label: spec.valueLabel },
			y: { domain: labels, label: null, padding: 0.25 },
			marks: [
				...barMarks(spec, true, false),
				Plot.axisY({ lineWidth: (HBAR_MARGIN_LEFT - 14) / FONT_SIZE, tickSize: 0, label: null })
			]
		});
	}
	const band = (spec.width - 60 - 20) / Math.max(1, labels.length);
	return Plot.plot({
		...common(spec),
		document: doc,
		marginLeft: 60,
		marginRight: 20,
		marginTop: 30,
		marginBottom: 50,
		x: { domain: labels, label: null, padding: 0.25 },
		y: { ...scale, grid: true, label: spec.valueLabel },
		marks: [
			...barMarks(spec, false, false),
			Plot.axisX({ lineWidth: Math.max(4, (band - 6) / FONT_SIZE), tickSize: 0, label: null })
		]
	});
}

function renderGrouped(spec: GroupedSpec, doc: Document) {
	const labels = [...new Set(spec.data.map(labelOf))];
	const scale = valueScale(spec);
	const band = (spec.width - 60 - 20) / Math.max(1, labels.length);
	return Plot.plot({
		...common(spec),
		document: doc,
		marginLeft: 60,
		marginRight: 20,
		marginTop: 30,
		marginBottom: 50,
		fx: { domain: labels, label: null, padding: 0.15, axis: null },
		x: { domain: spec.series.map((s) => s.label), axis: null, padding: 0.1 },
		y: { ...scale, grid: true, label: spec.valueLabel },
		marks: [
			...barMarks(spec, false, true),
			Plot.axisFx({
				lineWidth: Math.max(4, (band - 6) / FONT_SIZE),
				tickSize: 0,
				label: null,
				anchor: 'bottom'
			})
		]
	});
}

// Long because: one Observable Plot specification (facet layout, then the marks in drawing order:
// titles, lines, published, provisional and hidden points, axes).
function renderTrend(spec: TrendSpec, doc: Document) {
	const facetIndex = new Map(spec.facets.map((f, i) => [f.key, i]));
	const col = (d: { facet: string }) => (facetIndex.get(d.facet) ?? 0) % spec.columns;
	const row = (d: { facet: string }) => Math.floor((facetIndex.get(d.facet) ?? 0) / spec.columns);
	const label = (d: TrendDatum) => spec.facets[facetIndex.get(d.facet) ?? 0]?.label ?? d.facet;
	const provisional = new Set(spec.provisional);
	// Lines break at hidden or untransmitted points: those get a value of NaN, which Plot leaves
	// undrawn. Points of a provisional period are drawn hollow.
	const points = spec.data.map((d) => ({
		...d,
		y: isHidden(d.status) || d.value === null ? NaN : d.value
	}));
	const published = points.filter((d) => !Number.isNaN(d.y));
	const hidden = spec.data.filter((d) => isHidden(d.status));
	const scale = valueScale(spec, 3);
	const facetsData = spec.facets.map((f, i) => ({ facet: f.key, label: f.label, i }));
	const fx = (d: { i: number }) => d.i % spec.columns;
	const fy = (d: { i: number }) => Math.floor(d.i / spec.columns);
	// A panel with nothing to draw says so instead of showing an empty frame.
	const drawn = new Set(
		spec.data.filter((d) => isHidden(d.status) || d.value !== null).map((d) => d.facet)
	);
	const empty = facetsData.filter((f) => !drawn.has(f.facet));
	// Period labels on two short lines; on narrow panels every n-th period, the latest always.
	const { left, right } = TREND_MARGINS;
	const panel = (spec.width - left - right) / spec.columns;
	const n = spec.periods.length;
	const step = Math.max(1, Math.ceil((PERIOD_PX * n) / Math.max(1, panel - 16)));
	const ticks = spec.periods.filter((_, i) => (n - 1 - i) % step === 0);
	const marginTop = 8 + 16 * spec.titleLines;
	const marginBottom = 40;
	const rows = Math.ceil(spec.facets.length / spec.columns);
	const rowStep = (spec.height - marginTop - marginBottom) / rows;
	// Room between rows for the upper row's period labels and the lower row's titles.
	const gap = 16 * spec.titleLines + 40;
	const title = (d: TrendDatum) => tooltip(spec, `${label(d)}, ${d.period}`, d);
	return Plot.plot({
		...common(spec),
		document: doc,
		marginLeft: left,
		marginRight: right,
		marginTop,
		marginBottom,
		fx: { axis: null, padding: 0.12 },
		fy: { axis: null, paddingInner: rows > 1 ? Math.min(0.6, gap / rowStep) : 0, paddingOuter: 0 },
		x: { domain: spec.periods, label: null, padding: 0.3, type: 'point' },
		y: { ...scale, grid: true, label: spec.valueLabel },
		marks: [
			hatchDefs(patternId(spec)),
			Plot.frame({ stroke: '#dddddd' }),
			Plot.text(facetsData, {
				fx,
				fy,
				text: 'label',
				frameAnchor: 'top-left',
				lineAnchor: 'bottom',
				dy: -4,
				fontWeight: 'bold',
				lineWidth: facetTitleEm(spec.width, spec.columns)
			}),
			Plot.text(empty, {
				fx,
				fy,
				text: () => 'aucune donnée publiable',
				frameAnchor: 'middle',
				fontStyle: 'italic',
				fill: HIDDEN_INK
			}),
			Plot.lineY(points, {
				fx: col,
				fy: row,
				x: 'period',
				y: 'y',
				z: 'facet',
				stroke: PALETTE[0],
				strokeWidth: 2
			}),
			Plot.dot(
				published.filter((d) => !provisional.has(d.period)),
				{ fx: col, fy: row, x: 'period', y: 'y', fill: PALETTE[0], r: 3, title }
			),
			Plot.dot(
				published.filter((d) => provisional.has(d.period)),
				{
					fx: col,
					fy: row,
					x: 'period',
					y: 'y',
					fill: '#ffffff',
					stroke: PALETTE[0],
					strokeWidth: 2,
					r: 4,
					title: (d: TrendDatum) => `${title(d)} (période publiée incomplète)`
				}
			),
			Plot.dot(hidden, {
				fx: col,
				fy: row,
				x: 'period',
				y: 0,
				symbol: 'square',
				r: MARKER_PX / 2,
				fill: `url(#${patternId(spec)})`,
				stroke: HIDDEN_INK,
				title
			}),
			Plot.text(hidden, {
				fx: col,
				fy: row,
				x: 'period',
				y: 0,
				text: () => spec.hiddenLabel,
				dy: -MARKER_PX - 4,
				fontWeight: 'bold',
				fill: '#161616'
			}),
			Plot.axisX({
				ticks,
				tickFormat: (p: string) => periodTick(p, provisional.has(p)),
				tickSize: 0,
				anchor: 'bottom'
			}),
			Plot.axisY({ ticks: scale.ticks, tickFormat: scale.tickFormat, anchor: 'left', label: null })
		]
	});
}

/** Draws the chart into `doc` and returns its `<svg>` element. */
export function renderChart(spec: ChartSpec, doc: Document): Element {
	let el: Element;
	switch (spec.kind) {
		case 'bar':
		case 'hbar':
			el = renderBars(spec, doc);
			break;
		case 'grouped':
			el = renderGrouped(spec, doc);
			break;
		case 'line':
			el = renderTrend(spec, doc);
			break;
	}
	// One accessible image: its name and description; the data table is the full alternative.
	// Plot labels its inner groups with aria-label, which ARIA forbids on role-less <g>: keep
	// the mark name as data-mark instead.
	for (const g of el.querySelectorAll('[aria-label]')) {
		g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
		g.removeAttribute('aria-label');
	}
	el.setAttribute('role', 'img');
	el.setAttribute('id', `bp-chart-svg-${spec.id}`);
	return el;
}

/** The chart's SVG markup (what `Chart.svelte` inserts), drawn into `doc`. */
export function renderChartMarkup(spec: ChartSpec, doc: Document): string {
	// Plot writes coordinates with full float precision (277.27272727272725): a hundredth of a
	// pixel is plenty, and it makes the markup sent in the page a fifth lighter.
	return renderChart(spec, doc).outerHTML.replace(LONG_DECIMALS, '$1');
}

const LONG_DECIMALS = /(\d\.\d\d)\d+/g;
