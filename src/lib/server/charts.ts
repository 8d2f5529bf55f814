// Server-side chart drawing for the first paint, the print view and the PDF: the same Plot code
// as the browser, on a linkedom document. The markup is safe for `{@html}`: it is built by Plot
// through DOM calls (text and attributes escaped on serialisation) from our own release numbers
// and reference labels, never from a user's markup.
import { parseHTML } from 'linkedom';
import { renderChartMarkup } from '$lib/charts/render';
import type { ChartSpec } from '$lib/charts/spec';

let doc: Document | null = null;
function serverDocument(): Document {
	doc ??= parseHTML('<!doctype html><html><head></head><body></body></html>')
		.document as unknown as Document;
	return doc;
}

/** The chart's `<svg>` markup, ready for `Chart.svelte`'s `svg` prop. */
export function renderChartSvg(spec: ChartSpec): string {
	return renderChartMarkup(spec, serverDocument());
}

/**
 * What a page's `load` returns for one chart: the spec (for the browser's redraws and the data
 * table) and its server-drawn SVG (for the first paint).
 *
 * @example
 * // +page.server.ts
 * return { ages: withSvg(barChart({ id: 'ages', title: 'Situations par tranche d’âge', k, data })) };
 * // +page.svelte
 * <Chart spec={data.ages.spec} svg={data.ages.svg} />
 */
export function withSvg<T extends ChartSpec>(spec: T): { spec: T; svg: string } {
	return { spec, svg: renderChartSvg(spec) };
}
