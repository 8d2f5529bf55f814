import { describe, expect, it } from 'vitest';
import { checkK, primarySuppression } from './primary';
import { gridModel } from './fixtures';

/** The primary suppression code (k = 5) of each cell of the grid, by key. */
function primaryCodes(grid: number[][]) {
	const m = gridModel(grid);
	const r = primarySuppression(m, { k: 5 });
	return (key: string) => r[m.index.get(key) as number];
}

describe('primary suppression', () => {
	it('hides counts 1..k−1 and publishes zeros and counts ≥ k', () => {
		const of = primaryCodes([
			[0, 1, 4],
			[5, 20, 30],
			[3, 9, 9]
		]);
		expect(of('n|c=c0|r=r0')).toBeNull();
		expect(of('n|c=c1|r=r0')).toBe('A');
		expect(of('n|c=c2|r=r0')).toBe('A');
		expect(of('n|c=c0|r=r1')).toBeNull();
		expect(of('n|r=r0')).toBeNull();
	});

	it('refuses k below 3 or not an integer, defaults to 5', () => {
		expect(() => checkK(2)).toThrow(RangeError);
		expect(() => checkK(3.5)).toThrow(RangeError);
		expect(checkK(undefined)).toBe(5);
		expect(() => primarySuppression(gridModel([[1]]), { k: 1 })).toThrow(/au moins égal à 3/);
	});

	it('protects a category holding all but at most one unit of a margin (group disclosure)', () => {
		const of = primaryCodes([
			[12, 0, 0],
			[9, 1, 0],
			[6, 3, 4]
		]);
		expect(of('n|c=c0|r=r0')).toBe('G');
		expect(of('n|c=c0|r=r1')).toBe('G');
		expect(of('n|c=c1|r=r1')).toBe('A');
		expect(of('n|c=c0|r=r2')).toBeNull();
	});

	it('marks manual suppressions', () => {
		const m = gridModel([[10, 20]]);
		const r = primarySuppression(m, { k: 5, manual: ['n|c=c1|r=r0'] });
		expect(r[m.index.get('n|c=c1|r=r0') as number]).toBe('M');
		expect(() => primarySuppression(m, { manual: ['nope'] })).toThrow(/inconnue/);
	});
});
