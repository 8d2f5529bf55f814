// The publish-back pass (protect's `publishBack`) and the floor (floor.ts) on random linked
// tables: the pass only ever publishes cells again, never makes the exact audit fail, and no safe
// protection hides fewer cells than the floor or publishes one of its must-hide cells.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit } from './audit';
import { suppressionFloor } from './floor';
import { countTable, pbAndSexe, percents, splitByPercent } from '../../../tests/helpers/disclosure';
import { gridModel } from './fixtures';
import { buildModel } from './model';
import { protect } from './protect';

/** A territory × category table and a territory × sex table sharing the territory totals. */
const linked = () =>
	fc
		.record({
			rows: fc.integer({ min: 2, max: 5 }),
			cols: fc.integer({ min: 2, max: 4 }),
			k: fc.constantFrom(3, 4, 5)
		})
		.chain(({ rows, cols, k }) =>
			fc.record({
				k: fc.constant(k),
				t1: countTable(rows, cols),
				share: percents(rows)
			})
		)
		.map(({ k, t1, share }) => {
			const dim = { name: 'territoire', values: t1.map((_, i) => `R${i}`) };
			return { k, model: pbAndSexe(dim, t1, ['F', 'M'], splitByPercent(share)) };
		});

const hiddenKeys = (statuses: Map<string, string>) =>
	[...statuses].filter(([, s]) => s !== 'published').map(([key]) => key);

describe('publish-back pass (fast-check)', () => {
	it('never makes the audit fail, only publishes cells again, and stays above the floor', async () => {
		const tally = { runs: 0, before: 0, after: 0, floor: 0 };
		await fc.assert(
			fc.asyncProperty(linked(), async ({ k, model }) => {
				const opts = { k, hiddenNonZero: true, groupWhole: false };
				const without = await protect(model, opts);
				const res = await protect(model, { ...opts, publishBack: true });
				expect(res.ok).toBe(without.ok);
				if (!res.ok) return;
				// the exact audit (every hidden cell's LP bounds, no shortcut) of the final mask
				const check = await audit(model, res.statuses, { ...opts, boundsFor: 'all' });
				expect(check.failures).toEqual([]);
				const before = new Set(hiddenKeys(without.statuses));
				const after = hiddenKeys(res.statuses);
				for (const key of after) expect(before.has(key)).toBe(true);
				expect(before.size - after.length).toBe(res.stats.publishedBack);
				const floor = suppressionFloor([{ model }], { k, groupWhole: false });
				expect(after.length).toBeGreaterThanOrEqual(floor.floor);
				for (const key of floor.mustHide) expect(res.statuses.get(key)).not.toBe('published');
				tally.runs++;
				tally.before += before.size;
				tally.after += after.length;
				tally.floor += floor.floor;
			}),
			{ numRuns: 60, seed: 18 }
		);
		console.info(
			`publish-back: ${tally.runs} safe protections, hidden ${tally.before} → ${tally.after}, floor ${tally.floor}`
		);
		expect(tally.runs).toBeGreaterThan(30);
		expect(tally.after).toBeLessThan(tally.before);
	}, 120_000);
});

describe('suppression floor', () => {
	it('counts the primary cells, the forced complements and disjoint open relations', () => {
		// the 3's row (candidates 10, the zero, the row total) and column (20, the column total)
		// each need one more hidden cell, among disjoint candidates
		const model = gridModel([
			[3, 10, 0],
			[20, 30, 0]
		]);
		const f = suppressionFloor([{ model }], { k: 5 });
		expect(f.primary).toBe(1);
		expect(f.forced).toBe(0);
		expect(f.packed).toBe(2);
		expect(f.floor).toBe(3);
	});

	it('forces the only complement of a cell, and follows the chain', () => {
		// u = a (a unit whose only complement is a single cell), v = a + b; u hidden by hand
		const model = buildModel([
			{
				name: 't',
				cells: [
					{ key: 'u', value: 9, coords: {}, depth: 1 },
					{ key: 'a', value: 9, coords: {}, depth: 0 },
					{ key: 'v', value: 16, coords: {}, depth: 1 },
					{ key: 'b', value: 7, coords: {}, depth: 0 }
				],
				relations: [
					{ total: 'u', parts: ['a'] },
					{ total: 'v', parts: ['a', 'b'] }
				]
			}
		]);
		const f = suppressionFloor([{ model }], { k: 5, manual: ['u'] });
		expect(f.primary).toBe(1);
		// a is forced by u = a; then v = a + b holds one must-hide cell: one of v, b more
		expect(f.forced).toBe(1);
		expect([...f.mustHide].sort()).toEqual(['a', 'u']);
		expect(f.packed).toBe(1);
		expect(f.floor).toBe(3);
		// a latent member is already a second unknown: nothing more needed there
		const latent = suppressionFloor([{ model, latent: ['b'] }], { k: 5, manual: ['u'] });
		expect(latent.floor).toBe(2);
	});
});
