// Server-drawn chart markup sent once. A page whose data is serialised for hydration would send
// every SVG twice (in the HTML, and again in the page data); instead its `load` keeps the SVG
// aside, keyed by the spec object it returns (`keepServerSvg`), `Chart.svelte` finds it there
// while rendering on the server (`serverSvg`), and in the browser takes it back from the
// server-rendered DOM before hydrating (`adoptServerSvg`), so nothing is redrawn and nothing moves.

const kept = new WeakMap<object, string>();

/** On the server: the SVG of `spec`, for the render of this request (gone with the spec). */
export function keepServerSvg(spec: object, svg: string): void {
	kept.set(spec, svg);
}

/** On the server: the SVG kept for this spec object, or ''. */
export function serverSvg(spec: object): string {
	return kept.get(spec) ?? '';
}

/** Marks a chart canvas rendered on the server (set by Chart.svelte), until the browser adopts it. */
const SERVED_ATTR = 'data-bp-served';

/**
 * In the browser, before hydration: the markup of the server-rendered canvas of the chart `id`
 * (its element children, without Svelte's hydration comments), or '' when there is none. Each
 * canvas is adopted once: the mark is removed, so a later mount never takes a stale chart.
 */
export function adoptServerSvg(id: string): string {
	const canvas = document.getElementById(id)?.querySelector<HTMLElement>(`[${SERVED_ATTR}]`);
	if (!canvas) return '';
	canvas.removeAttribute(SERVED_ATTR);
	return Array.from(canvas.children, (el) => el.outerHTML).join('');
}
