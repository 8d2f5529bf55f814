// Developer test bench for the browser data layer (DuckDB-WASM) and the charts: used by the
// end-to-end tests. Served only in `vite dev` or when BP_DEV_ROUTES=1; a 404 everywhere else.
import { error } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { renderChartSvg } from '$lib/server/charts';
import { sampleChart } from './sample';
import type { PageServerLoad } from './$types';

export const load = (() => {
	if (!dev && env.BP_DEV_ROUTES !== '1') error(404, 'Page introuvable');
	const spec = sampleChart(0);
	return { spec, svg: renderChartSvg(spec) };
}) satisfies PageServerLoad;
