// The smallest-pattern bound (pattern-floor.ts): never above the smallest pattern the exact audit
// accepts (found by enumeration on small tables), never above what `protect` hides, never below
// the primary-cell floor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditCodes } from './audit';
import { gridModel } from './fixtures';
import { suppressionFloor } from './floor';
import { buildModel, type Model } from './model';
import { patternFloor } from './pattern-floor';
import { primarySuppression } from './primary';
import { protect } from './protect';

const rules = { k: 5, protectionWidth: 2, hiddenNonZero: true, groupWhole: false };

/** Subsets of `items` of size `size`, in order. */
function* choose(items: number[], size: number, from = 0): Generator<number[]> {
	if (size === 0) {
		yield [];
		return;
	}
	for (let i = from; i <= items.length - size; i++) {
		for (const rest of choose(items, size - 1, i + 1)) yield [items[i], ...rest];
	}
}

/** The fewest hidden cells of any pattern the exact audit accepts, by enumeration (smallest
 * patterns first). */
async function smallestSafe(model: Model): Promise<number> {
	const reasons = primarySuppression(model, rules);
	const free = model.keys.map((_, c) => c).filter((c) => reasons[c] === null);
	const primaries = model.keys.length - free.length;
	for (let size = 0; size <= free.length; size++) {
		for (const hidden of choose(free, size)) {
			const codes = Uint8Array.from(reasons, (r) => (r === null ? 0 : 1));
			for (const c of hidden) codes[c] = 2;
			const report = await auditCodes(model, codes, { ...rules, boundsFor: 'primary' });
			if (report.ok) return primaries + size;
		}
	}
	return Infinity;
}

describe('pattern floor', () => {
	it('asks a rectangle around a lone small cell of a two-way table', async () => {
		const model = gridModel([
			[2, 12, 15],
			[20, 11, 30]
		]);
		const f = await patternFloor([{ model }], { k: 5 });
		expect(f.optimal).toBe(true);
		expect(f.floor).toBe(4);
		expect(await smallestSafe(model)).toBe(4);
		expect(suppressionFloor([{ model }], { k: 5, groupWhole: false }).floor).toBeLessThan(4);
	});

	it('asks, with the upper margin, a hidden neighbour of 2 or more', async () => {
		// t = a + b + c: a (4) and b (1) are small; b alone gives a no room above its value
		const model = buildModel([
			{
				name: 't',
				cells: [
					{ key: 't', value: 15, coords: {}, depth: 1 },
					{ key: 'a', value: 4, coords: {}, depth: 0 },
					{ key: 'b', value: 1, coords: {}, depth: 0 },
					{ key: 'c', value: 10, coords: {}, depth: 0 }
				],
				relations: [{ total: 't', parts: ['a', 'b', 'c'] }]
			}
		]);
		expect((await patternFloor([{ model }], { k: 5, upperMargin: false })).floor).toBe(2);
		expect((await patternFloor([{ model }], { k: 5 })).floor).toBe(3);
		expect(await smallestSafe(model)).toBe(3);
	});

	it('counts cells hidden by rule, and no latent cell', async () => {
		const model = gridModel([
			[9, 12],
			[20, 11]
		]);
		expect((await patternFloor([{ model }], { k: 5 })).floor).toBe(0);
		const ruled = await patternFloor([{ model }], { k: 5, mustHide: ['n|c=c0|r=r0'] });
		expect(ruled.floor).toBe(4);
		const latent = await patternFloor([{ model, latent: ['n|c=c0|r=r0'] }], { k: 5 });
		expect(latent.cells).toBe(model.keys.length - 1);
	});

	it('stays under the smallest safe pattern and under protect, above the primary floor (fast-check)', async () => {
		const count = fc.oneof(
			{ arbitrary: fc.constant(0), weight: 1 },
			{ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 2 },
			{ arbitrary: fc.integer({ min: 5, max: 30 }), weight: 3 }
		);
		const tally = { runs: 0, enumerated: 0, exact: 0 };
		await fc.assert(
			fc.asyncProperty(
				fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 })).chain(([r, c]) =>
					fc.array(fc.array(count, { minLength: c, maxLength: c }), {
						minLength: r,
						maxLength: r
					})
				),
				async (values) => {
					const model = gridModel(values);
					const bound = await patternFloor([{ model }], { k: 5 });
					expect(bound.optimal).toBe(true);
					expect(bound.floor).toBeGreaterThanOrEqual(
						suppressionFloor([{ model }], { k: 5, groupWhole: false }).floor
					);
					const res = await protect(model, { ...rules, publishBack: true });
					if (res.ok) {
						const hidden = [...res.statuses.values()].filter((s) => s !== 'published').length;
						expect(hidden).toBeGreaterThanOrEqual(bound.floor);
					}
					const reasons = primarySuppression(model, rules);
					if (reasons.filter((r) => r === null).length <= 10) {
						const best = await smallestSafe(model);
						tally.enumerated++;
						if (best < Infinity) expect(best).toBeGreaterThanOrEqual(bound.floor);
						if (best === bound.floor) tally.exact++;
					}
					tally.runs++;
				}
			),
			{ numRuns: 40, seed: 18 }
		);
		console.info(
			`pattern floor: ${tally.runs} tables, ${tally.enumerated} enumerated, ${tally.exact} where it is the optimum`
		);
		expect(tally.runs).toBe(40);
		expect(tally.enumerated).toBeGreaterThan(20);
	}, 180_000);
});
