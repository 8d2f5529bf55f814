// Random linked tables for the disclosure property tests (fast-check): counts mixing zeros, small
// counts and larger ones, a territory × category table and a second table splitting each
// territory's total, built into one model.
import fc from 'fast-check';
import { buildModel, crossTable, type DimSpec, type Model } from '$lib/disclosure/model';

/** A count: zero, small (1–4, hidden at k = 5) or up to `max` (that last with `weight`). */
export const count = (max = 40, weight = 4) =>
	fc.oneof(
		{ arbitrary: fc.constant(0), weight: 2 },
		{ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 3 },
		{ arbitrary: fc.integer({ min: 5, max }), weight }
	);

/** A rows × cols table of `cell`s. */
export const countTable = (rows: number, cols: number, cell = count()) =>
	fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), {
		minLength: rows,
		maxLength: rows
	});

/** One percentage (0–100) a row: the share of the row's total in a two-way split. */
export const percents = (rows: number) =>
	fc.array(fc.integer({ min: 0, max: 100 }), { minLength: rows, maxLength: rows });

/** Splits row i's total in two: `percent[i]` % (rounded down), then the rest. */
export const splitByPercent = (percent: number[]) => (i: number, total: number) => {
	const first = Math.floor((total * percent[i]) / 100);
	return [first, total - first];
};

/**
 * The `pb` table (`t`, rows R0…, columns p0…) and the `sexe` table (columns `sexes`), whose row i
 * is `split(i, total of t's row i)`, on the same rows `dim`.
 */
export function pbAndSexe(
	dim: DimSpec,
	t: number[][],
	sexes: string[],
	split: (i: number, total: number) => number[]
): Model {
	const c1 = new Map<string, number>();
	const c2 = new Map<string, number>();
	t.forEach((row, i) => {
		row.forEach((v, j) => c1.set(`R${i}|p${j}`, v));
		const total = row.reduce((s, v) => s + v, 0);
		split(i, total).forEach((v, j) => c2.set(`R${i}|${sexes[j]}`, v));
	});
	return buildModel([
		crossTable({
			name: 'pb',
			measure: 'n',
			dims: [dim, { name: 'pb', values: t[0].map((_, j) => `p${j}`) }],
			counts: c1
		}),
		crossTable({
			name: 'sexe',
			measure: 'n',
			dims: [dim, { name: 'sexe', values: sexes }],
			counts: c2
		})
	]);
}
