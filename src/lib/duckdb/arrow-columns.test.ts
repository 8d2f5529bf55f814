import { afterEach, describe, expect, it } from 'vitest';
import { columnVector, rowsToTable } from './arrow-columns';
import { tableToRows } from './rows';

const realFunction = globalThis.Function;
afterEach(() => {
	globalThis.Function = realFunction;
});

describe('Arrow columns from rows without builders', () => {
	it('builds every column type with nulls, and never compiles code (CSP without unsafe-eval)', () => {
		// Any `new Function(...)` / `Function(...)` call now throws, as under the app's CSP.
		globalThis.Function = new Proxy(realFunction, {
			construct() {
				throw new EvalError('unsafe-eval');
			},
			apply() {
				throw new EvalError('unsafe-eval');
			}
		});
		const table = rowsToTable(
			[
				{ name: 'commune', type: 'varchar' },
				{ name: 'n', type: 'integer' },
				{ name: 'taux', type: 'double' },
				{ name: 'odj', type: 'boolean' },
				{ name: 'date', type: 'date' }
			],
			[
				{ commune: 'Évry-Courcouronnes', n: 12, taux: '1,5', odj: 'oui', date: '2024-03-12' },
				{ commune: null, n: '', taux: 2.25, odj: false, date: new Date(Date.UTC(2024, 5, 4)) },
				{ commune: 'Massy', n: '7', taux: 'x', odj: null, date: '' }
			]
		);
		globalThis.Function = realFunction;
		expect(table.numRows).toBe(3);
		expect(tableToRows(table)).toEqual([
			{ commune: 'Évry-Courcouronnes', n: 12, taux: 1.5, odj: true, date: '2024-03-12' },
			{ commune: null, n: null, taux: 2.25, odj: false, date: '2024-06-04' },
			{ commune: 'Massy', n: 7, taux: null, odj: null, date: null }
		]);
	});

	it('accepts rows as arrays and handles many rows', () => {
		const rows = Array.from({ length: 10_000 }, (_, i) => [`c${i}`, i % 3 === 0 ? null : i]);
		const table = rowsToTable(
			[
				{ name: 'code', type: 'varchar' },
				{ name: 'v', type: 'integer' }
			],
			rows
		);
		const out = tableToRows<{ code: string; v: number | null }>(table);
		expect(out[9_998]).toEqual({ code: 'c9998', v: 9_998 });
		expect(out[9_999]).toEqual({ code: 'c9999', v: null });
		expect(out.filter((r) => r.v === null)).toHaveLength(3_334);
		expect(columnVector('boolean', [true, false, true, null]).toArray().length).toBe(4);
	});
});
