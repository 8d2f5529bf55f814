import { describe, expect, it } from 'vitest';
import {
	DateDay,
	Field,
	Int32,
	Int64,
	List,
	TimestampMillisecond,
	Utf8,
	tableFromArrays,
	vectorFromArray,
	Table
} from 'apache-arrow';
import { plainValue, tableToRows } from './rows';

describe('Arrow results as plain rows', () => {
	it('turns BigInt into numbers and keeps nulls, strings and booleans', () => {
		const table = tableFromArrays({
			n: BigInt64Array.from([1n, 2n, 3n]),
			label: ['a', 'b', 'c'],
			ok: [true, false, true]
		});
		const rows = tableToRows(table);
		expect(rows).toEqual([
			{ n: 1, label: 'a', ok: true },
			{ n: 2, label: 'b', ok: false },
			{ n: 3, label: 'c', ok: true }
		]);
		expect(typeof rows[0].n).toBe('number');
		const withNull = new Table({
			x: vectorFromArray([5, null], new Int32()),
			big: vectorFromArray([10n, null], new Int64())
		});
		expect(tableToRows(withNull)).toEqual([
			{ x: 5, big: 10 },
			{ x: null, big: null }
		]);
	});

	it('writes dates as ISO strings and lists as arrays', () => {
		const day = Date.UTC(2024, 2, 12);
		const table = new Table({
			d: vectorFromArray([new Date(day)], new DateDay()),
			t: vectorFromArray([new Date(day + 3_600_000)], new TimestampMillisecond()),
			l: vectorFromArray([['91228', '91377']], new List(new Field('item', new Utf8(), true)))
		});
		expect(tableToRows(table)).toEqual([
			{ d: '2024-03-12', t: '2024-03-12T01:00:00.000Z', l: ['91228', '91377'] }
		]);
		expect(plainValue(undefined)).toBeNull();
		expect(plainValue(7n)).toBe(7);
	});
});
