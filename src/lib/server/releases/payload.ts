// The release as the browser's DuckDB-WASM reads it: one Parquet file of cells. Hidden cells
// travel with a null value and their status; their count is never in the payload.
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Release, ReleaseCell } from '$lib/release';

const encoded = new WeakMap<Release, Uint8Array>();

/** The release's Parquet bytes, encoded once per cached release. */
export function releaseParquet(release: Release): Uint8Array {
	let bytes = encoded.get(release);
	if (!bytes) {
		bytes = cellsParquet(release.cells);
		encoded.set(release, bytes);
	}
	return bytes;
}

/**
 * The one Parquet encoder of released cells: the commune page's payload (one release) and the
 * département comparison's (several periods: `withPeriod` adds a first `period` column). Hidden
 * cells keep their status and a null value.
 */
export function cellsParquet(cells: readonly ReleaseCell[]): Uint8Array;
export function cellsParquet(
	cells: readonly (ReleaseCell & { period: string })[],
	withPeriod: true
): Uint8Array;
export function cellsParquet(
	cells: readonly (ReleaseCell & { period?: string })[],
	withPeriod = false
): Uint8Array {
	const c = cells;
	const period = withPeriod
		? [{ name: 'period', data: c.map((x) => x.period), type: 'STRING' as const }]
		: [];
	const buffer = parquetWriteBuffer({
		columnData: [
			...period,
			{ name: 'measure', data: c.map((x) => x.measure), type: 'STRING' },
			{ name: 'unit', data: c.map((x) => x.unit), type: 'STRING' },
			{ name: 'unit_level', data: c.map((x) => x.unitLevel), type: 'STRING' },
			{ name: 'variable', data: c.map((x) => x.variable), type: 'STRING' },
			{ name: 'code', data: c.map((x) => x.code), type: 'STRING' },
			{ name: 'variable2', data: c.map((x) => x.variable2), type: 'STRING' },
			{ name: 'code2', data: c.map((x) => x.code2), type: 'STRING' },
			{
				name: 'value',
				data: c.map((x) => (x.status === 'published' ? x.value : null)),
				type: 'INT32'
			},
			{ name: 'status', data: c.map((x) => x.status), type: 'STRING' }
		]
	});
	return new Uint8Array(buffer);
}
