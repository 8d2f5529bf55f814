import type { RequestHandler } from './$types';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import { departementPeriods } from '$lib/server/departement/data';
import { cellsParquet } from '$lib/server/releases/payload';
import { trendData } from '$lib/server/departement/compare-page';

// The département's released cells for the asked periods, as Parquet for the browser's DuckDB.
// Only published values travel; hidden cells carry their status and a null value.
export const GET: RequestHandler = async (event) => {
	const code = event.params.code;
	assertDepartementAccess(event, code);
	const db = event.locals.store.db;
	const known = await departementPeriods(db, code);
	const asked = (event.url.searchParams.get('periodes') ?? '')
		.split(',')
		.filter((p) => known.includes(p));
	const periods = asked.length ? asked.slice(0, 12) : known.slice(-1);
	const bytes = cellsParquet((await trendData(db, code, periods)).cells, true);
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': 'application/vnd.apache.parquet',
			'cache-control': 'private, no-store'
		}
	});
};
