// The commune's release for the period as Parquet, for the page's DuckDB-WASM (filters, trend).
// Hidden cells travel with a null value. Never cached: it holds scoped data. A period not published
// yet answers 409 (see releases/publish.ts).
import { releaseParquet } from '$lib/server/releases/payload';
import { getRelease } from '$lib/server/releases';
import { plenaryAccess, refusedOrUnpublished } from '$lib/server/plenary/load';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { code, period } = await plenaryAccess(event);
	const release = await getRelease(event.locals.store.db, {
		audience: 'commune',
		scope: code,
		period
	}).catch(refusedOrUnpublished);
	const bytes = releaseParquet(release);
	return new Response(bytes as unknown as BodyInit, {
		headers: {
			'content-type': 'application/vnd.apache.parquet',
			'content-length': String(bytes.byteLength),
			'cache-control': 'private, no-store'
		}
	});
};
