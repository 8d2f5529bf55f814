// Chart specifications: plain, serialisable data (no Plot import) so a page can pass them from
// its server load to the browser, and the server and the browser draw the same SVG from them.
// Builders normalise the input once: hidden cells lose their value here, before any drawing,
// and the size is fixed from the data so the server-drawn chart and the browser's have the
// same box (no layout shift when the browser takes over).
import { checkThreshold, HIDDEN_MARKER, isHidden } from '$lib/format';
import type { CellStatus } from '$lib/release';

export type ValueKind = 'count' | 'percent' | 'per1000' | 'number';

/** One bar: a category (and a series for grouped bars) with its released value. */
export interface ChartDatum {
	/** Stable key of the category (code); also the order key. */
	category: string;
	/** French label shown on the axis and in the table (defaults to `category`). */
	label?: string;
	/** Series key for grouped bars (e.g. sex code). */
	series?: string;
	value: number | null;
	status: CellStatus;
	/** Nothing was transmitted for this category (a territory whose groups sent nothing): no bar. */
	missing?: boolean;
}

/** One point of a trend: a facet (commune, indicator), a period and its value. */
export interface TrendDatum {
	facet: string;
	facetLabel?: string;
	period: string;
	value: number | null;
	status: CellStatus;
	/** Nothing was transmitted for this point: no point, never a zero. */
	missing?: boolean;
}

export interface SeriesDef {
	key: string;
	label: string;
}

export interface ChartOptions {
	/** Unique on the page: used for DOM ids and the hatch pattern id. */
	id: string;
	/** Visible title of the chart (also the default accessible name). */
	title: string;
	/** Short accessible name of the graphic (defaults to the title). */
	ariaLabel?: string;
	/** Longer text alternative (defaults to a generated summary). */
	ariaDescription?: string;
	/** Disclosure threshold of the release (k ≥ 3). */
	k: number;
	/** Text of a hidden cell (defaults to the marker « s »). */
	hiddenLabel?: string;
	/** How values read: counts (default), percent (ratios 0–1), rates per 1,000, numbers. */
	valueKind?: ValueKind;
	/** Decimals of values (defaults: 0; 1 for per1000). */
	decimals?: number;
	/** Name of the measure, for the value axis and the table header (e.g. "Situations"). */
	valueLabel?: string;
	/** Name of the categories, for the table header (e.g. "Problématique"). */
	categoryLabel?: string;
	/** Width in CSS pixels (default 640; 680 in print = A4 text width at 96 dpi). */
	width?: number;
	/** Height in CSS pixels (default from the data). */
	height?: number;
	/** Paper variant: A4 width, black text, no interaction. */
	print?: boolean;
}

interface NormalisedBase {
	id: string;
	title: string;
	ariaLabel: string;
	ariaDescription: string;
	k: number;
	hiddenLabel: string;
	valueKind: ValueKind;
	decimals: number;
	valueLabel: string;
	categoryLabel: string;
	width: number;
	height: number;
	print: boolean;
}

export interface BarSpec extends NormalisedBase {
	kind: 'bar' | 'hbar';
	data: ChartDatum[];
}

export interface GroupedSpec extends NormalisedBase {
	kind: 'grouped';
	data: ChartDatum[];
	series: SeriesDef[];
	/** Name of the series dimension, for the table header (e.g. "Sexe"). */
	seriesLabel: string;
}

export interface TrendSpec extends NormalisedBase {
	kind: 'line';
	data: TrendDatum[];
	periods: string[];
	facets: SeriesDef[];
	columns: number;
	/** Periods published without every expected group: their points are marked. */
	provisional: string[];
	/** Lines a facet title wraps to (never cut). */
	titleLines: number;
}

export type ChartSpec = BarSpec | GroupedSpec | TrendSpec;

/**
 * DSFR illustrative colours with at least 3:1 contrast on white (WCAG 1.4.11 for graphics):
 * bleu France, vert archipel, violet glycine, rose tuile, bleu écume, vert bourgeon (sun).
 */
export const PALETTE = ['#000091', '#009099', '#a558a0', '#ce614a', '#465f9d', '#447049'] as const;
/** Stroke of hidden markers (DSFR grey, 11:1 on white). */
export const HIDDEN_INK = '#3a3a3a';

export const SCREEN_WIDTH = 640;
/** What replaces a chart with nothing to draw (every value unknown or not transmitted). */
export const EMPTY_CHART_TEXT =
	'Aucune donnée publiable pour ce filtre : les effectifs sont trop faibles pour être publiés sans risque, ou n’ont pas été transmis.';
/** The text next to a category or a point for which nothing was transmitted (never a zero). */
export const MISSING_TEXT = 'non transmis';
/** Legend of a blank cell or an absent bar: nothing was transmitted. */
export const MISSING_LEGEND =
	'Case vide ou « non transmis » : aucun groupe n’a transmis ses fichiers (ce n’est pas un zéro).';
/** Legend of the marked points of a trend. */
export const PROVISIONAL_LEGEND =
	'Point creux, période suivie d’un astérisque : période publiée sans tous ses groupes (les groupes manquants ne sont comptés nulle part).';
/** Least room for one period on a trend's axis, in pixels (a label such as « 2025 »). */
export const PERIOD_PX = 38;
/** Left and right margins of a trend chart. */
export const TREND_MARGINS = { left: 50, right: 20 } as const;
/** A4 portrait minus 15 mm margins: 180 mm at 96 dpi. */
export const PRINT_WIDTH = 680;
export const FONT_SIZE = 12;

function base(o: ChartOptions, summary: string, height: number): NormalisedBase {
	const k = o.k;
	checkThreshold(k);
	return {
		id: o.id.replace(/[^A-Za-z0-9_-]/g, '-'),
		title: o.title,
		ariaLabel: o.ariaLabel ?? o.title,
		ariaDescription: o.ariaDescription ?? summary,
		k,
		hiddenLabel: o.hiddenLabel ?? HIDDEN_MARKER,
		valueKind: o.valueKind ?? 'count',
		decimals: o.decimals ?? (o.valueKind === 'per1000' ? 1 : 0),
		valueLabel: o.valueLabel ?? 'Effectif',
		categoryLabel: o.categoryLabel ?? 'Catégorie',
		width: o.width ?? (o.print ? PRINT_WIDTH : SCREEN_WIDTH),
		height: o.height ?? height,
		print: o.print ?? false
	};
}

/** Drops the value of every hidden or untransmitted cell: nothing downstream can draw or print it. */
function scrub<T extends { value: number | null; status: CellStatus; missing?: boolean }>(d: T): T {
	const hidden = isHidden(d.status);
	const value =
		hidden || d.missing || d.value === null || !Number.isFinite(d.value) ? null : d.value;
	return { ...d, value, status: hidden ? d.status : 'published' };
}

function hiddenCount(data: { status: CellStatus }[]): number {
	return data.filter((d) => isHidden(d.status)).length;
}

function summaryOf(kind: string, n: number, hidden: number, hiddenLabel: string): string {
	const masked =
		hidden === 0
			? 'aucune valeur masquée'
			: `${hidden} valeur${hidden > 1 ? 's' : ''} masquée${hidden > 1 ? 's' : ''} (« ${hiddenLabel} »)`;
	return `${kind}, ${n} catégorie${n > 1 ? 's' : ''}, ${masked}. Les valeurs figurent dans le tableau de données.`;
}

/** Estimated lines a label wraps to within `lineWidthEm` ems (Plot wraps on the same basis). */
export function wrappedLines(label: string, lineWidthEm: number): number {
	const charsPerLine = Math.max(4, Math.floor(lineWidthEm * 1.8));
	const words = label.split(/\s+/);
	let lines = 1;
	let current = 0;
	for (const w of words) {
		const len = w.length;
		if (current > 0 && current + 1 + len > charsPerLine) {
			lines++;
			current = len;
		} else current += (current > 0 ? 1 : 0) + len;
	}
	return lines;
}

export const HBAR_MARGIN_LEFT = 210;
const HBAR_LINE_EM = (HBAR_MARGIN_LEFT - 14) / FONT_SIZE;

/** Vertical bars: few categories with short labels (e.g. tranches d'âge). */
export function barChart(o: ChartOptions & { data: ChartDatum[] }): BarSpec {
	const data = o.data.map(scrub);
	const hidden = hiddenCount(data);
	const b = base(o, '', 320);
	return {
		...b,
		ariaDescription:
			o.ariaDescription ?? summaryOf('Diagramme en barres', data.length, hidden, b.hiddenLabel),
		kind: 'bar',
		data
	};
}

/** Horizontal bars: categories with long French labels (problématiques, institutions). */
export function hbarChart(o: ChartOptions & { data: ChartDatum[] }): BarSpec {
	const data = o.data.map(scrub);
	const hidden = hiddenCount(data);
	const lines = Math.max(1, ...data.map((d) => wrappedLines(d.label ?? d.category, HBAR_LINE_EM)));
	const row = Math.max(30, lines * Math.round(FONT_SIZE * 1.2) + 12);
	const b = base(o, '', 10 + 40 + row * Math.max(1, data.length));
	return {
		...b,
		ariaDescription:
			o.ariaDescription ??
			summaryOf('Diagramme en barres horizontales', data.length, hidden, b.hiddenLabel),
		kind: 'hbar',
		data
	};
}

/** Grouped bars: categories × series (e.g. tranche d'âge × sexe). */
export function groupedBarChart(
	o: ChartOptions & { data: ChartDatum[]; series: SeriesDef[]; seriesLabel?: string }
): GroupedSpec {
	const data = o.data.map(scrub);
	const hidden = hiddenCount(data);
	const b = base(o, '', 340);
	const categories = new Set(data.map((d) => d.category)).size;
	return {
		...b,
		ariaDescription:
			o.ariaDescription ??
			summaryOf(
				`Diagramme en barres groupées par ${(o.seriesLabel ?? 'série').toLowerCase()}`,
				categories,
				hidden,
				b.hiddenLabel
			),
		kind: 'grouped',
		data,
		series: o.series,
		seriesLabel: o.seriesLabel ?? 'Série'
	};
}

/** Columns of small multiples that leave every period at least `PERIOD_PX` of axis. */
export function trendColumns(width: number, periods: number, facets: number, wanted = 3): number {
	const room = width - TREND_MARGINS.left - TREND_MARGINS.right;
	const fit = Math.floor(room / (Math.max(1, periods) * PERIOD_PX + 24));
	return Math.max(1, Math.min(wanted, facets, fit));
}

/** Trends over periods as small multiples, one panel per facet (commune, indicator). */
export function trendChart(
	o: ChartOptions & {
		data: TrendDatum[];
		periods?: string[];
		facets?: SeriesDef[];
		columns?: number;
		provisional?: string[];
	}
): TrendSpec {
	const data = o.data.map(scrub);
	const periods = o.periods ?? [...new Set(data.map((d) => d.period))];
	const facets =
		o.facets ??
		[...new Map(data.map((d) => [d.facet, d.facetLabel ?? d.facet])).entries()].map(
			([key, label]) => ({ key, label })
		);
	const width = o.width ?? (o.print ? PRINT_WIDTH : SCREEN_WIDTH);
	const columns = trendColumns(width, periods.length, facets.length, o.columns ?? 3);
	const rows = Math.ceil(facets.length / columns);
	const titleEm = facetTitleEm(width, columns);
	const titleLines = Math.max(1, ...facets.map((f) => wrappedLines(f.label, titleEm)));
	const b = base(o, '', 20 + 16 * titleLines + 40 + rows * (150 + 16 * (titleLines - 1)));
	const hidden = hiddenCount(data);
	return {
		...b,
		ariaDescription:
			o.ariaDescription ??
			`Courbes d’évolution sur ${periods.length} période${periods.length > 1 ? 's' : ''}, ${facets.length} panneau${facets.length > 1 ? 'x' : ''}, ${hidden === 0 ? 'aucune valeur masquée' : `${hidden} valeur${hidden > 1 ? 's' : ''} masquée${hidden > 1 ? 's' : ''} (« ${b.hiddenLabel} »)`}. Les valeurs figurent dans le tableau de données.`,
		kind: 'line',
		data,
		periods,
		facets,
		columns,
		provisional: (o.provisional ?? []).filter((p) => periods.includes(p)),
		titleLines
	};
}

/** Width of a facet title, in ems of the bold title font (a little wider than the body's). */
export function facetTitleEm(width: number, columns: number): number {
	const panel = (width - TREND_MARGINS.left - TREND_MARGINS.right) / columns;
	return (panel - 12) / (FONT_SIZE * 1.1);
}

/** Nothing to draw: no published value and no hidden cell (the chart gives way to a sentence). */
export function isEmptyChart(spec: ChartSpec): boolean {
	return !spec.data.some((d) => isHidden(d.status) || (d.value !== null && !d.missing));
}

/** Whether some category or point had nothing transmitted (the legend explains the blank). */
export function hasMissing(spec: ChartSpec): boolean {
	return spec.data.some((d) => d.missing);
}

/** A period code on two short lines for an axis: « S1 » over « 2025 » (« * » when provisional). */
export function periodTick(code: string, provisional = false): string {
	const m = /^(\d{4})-([ST]\d)$/.exec(code);
	const mark = provisional ? '*' : '';
	return m ? `${m[2]}${mark}\n${m[1]}` : `${code}${mark}`;
}

/** Whether any cell of the chart is hidden (the legend is shown only then). */
export function hasHidden(spec: ChartSpec): boolean {
	return spec.data.some((d) => isHidden(d.status));
}

/** Series shown in the colour legend (grouped bars), with their colours. */
export function seriesLegend(spec: ChartSpec): { key: string; label: string; color: string }[] {
	if (spec.kind !== 'grouped') return [];
	return spec.series.map((s, i) => ({ ...s, color: PALETTE[i % PALETTE.length] }));
}

/** Same chart for paper: A4 width (heights of bar charts are kept, trend panels too). */
export function printVariant<T extends ChartSpec>(spec: T): T {
	return { ...spec, print: true, width: PRINT_WIDTH };
}
