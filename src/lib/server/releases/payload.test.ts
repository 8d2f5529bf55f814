import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { ReleaseCell } from '$lib/release';
import { cellsParquet } from './payload';

const cell = (unit: string, value: number, status: ReleaseCell['status']): ReleaseCell =>
	({
		measure: 'situations',
		unit,
		unitLevel: 'commune',
		variable: 'problematique',
		code: 'logement',
		variable2: null,
		code2: null,
		value,
		status
	}) as ReleaseCell;

const read = (bytes: Uint8Array) =>
	parquetReadObjects({ file: bytes.slice().buffer as ArrayBuffer });

describe('the one Parquet encoder of released cells', () => {
	it('writes hidden cells with their status and no value, with or without a period column', async () => {
		const cells = [cell('91228', 12, 'published'), cell('91377', 3, 'hidden')];
		const one = await read(cellsParquet(cells));
		expect(one.map((r) => [r.unit, r.value, r.status])).toEqual([
			['91228', 12, 'published'],
			['91377', null, 'hidden']
		]);
		expect(Object.keys(one[0])[0]).toBe('measure');
		const many = await read(
			cellsParquet(
				cells.map((c) => ({ ...c, period: '2025-S2' })),
				true
			)
		);
		expect(Object.keys(many[0])[0]).toBe('period');
		expect(many.map((r) => [r.period, r.value])).toEqual([
			['2025-S2', 12],
			['2025-S2', null]
		]);
	});
});
