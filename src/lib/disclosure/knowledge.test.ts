// What the intruder knows beyond the published values: that a hidden cell is not zero (zeros are
// published), and linked cells no release publishes (latent), cells that stay hidden because an
// earlier publication hid them, and counts that are not sensitive.
import { describe, expect, it } from 'vitest';
import { auditCodes, LATENT } from './audit';
import { gridModel } from './fixtures';
import { buildModel, type Model } from './model';
import { protect } from './protect';

const codesOf = (m: Model, hidden: Record<string, number>) => {
	const codes = new Uint8Array(m.keys.length);
	for (const [key, code] of Object.entries(hidden)) codes[m.index.get(key) as number] = code;
	return codes;
};

describe('an intruder who sees which cells are hidden', () => {
	// r0 = 1 + 1 + 7, r1 = 6 + 5 + 9: the two 1s hidden with two cells of r1 (a rectangle)
	const m = () =>
		gridModel(
			[
				[1, 1, 7],
				[6, 5, 9]
			],
			['r0', 'r1'],
			['a', 'b', 'c']
		);
	const hidden = {
		'n|c=a|r=r0': 1,
		'n|c=b|r=r0': 1,
		'n|c=a|r=r1': 2,
		'n|c=b|r=r1': 2
	};

	it('knows a hidden cell is at least 1: two hidden 1s summing to 2 are pinned', async () => {
		const model = m();
		const blind = await auditCodes(model, codesOf(model, hidden), { k: 5, boundsFor: 'all' });
		const seeing = await auditCodes(model, codesOf(model, hidden), {
			k: 5,
			boundsFor: 'all',
			hiddenNonZero: true
		});
		const bounds = (r: typeof blind, key: string) => {
			const c = r.cells.find((x) => x.key === key);
			return [c?.lower, c?.upper];
		};
		expect(bounds(blind, 'n|c=a|r=r0')).toEqual([0, 2]);
		expect(bounds(seeing, 'n|c=a|r=r0')).toEqual([1, 1]);
		expect(blind.ok).toBe(true);
		expect(seeing.failures.map((f) => [f.key, f.kind])).toContainEqual(['n|c=a|r=r0', 'exact']);
	});

	it('is protected against by hiding more when it is assumed', async () => {
		const model = m();
		const res = await protect(model, { k: 5, hiddenNonZero: true, groupWhole: false });
		expect(res.ok).toBe(true);
		const hiddenCount = [...res.statuses.values()].filter((s) => s !== 'published').length;
		expect(hiddenCount).toBeGreaterThan(4);
		const check = await auditCodes(
			model,
			codesOf(
				model,
				Object.fromEntries(
					[...res.statuses].filter(([, s]) => s !== 'published').map(([k]) => [k, 2])
				)
			),
			{ k: 5, hiddenNonZero: true, protectionWidth: 2 }
		);
		expect(check.ok).toBe(true);
	});
});

describe('latent, kept-hidden and insensitive cells', () => {
	// two releases of one count: t = x + y and t = u + v, where y and v are the same persons as x
	// and u seen through another table; 'x' is an inner count no release publishes (latent)
	const model = () =>
		buildModel([
			{
				name: 'linked',
				cells: [
					{ key: 't', value: 12, coords: {}, depth: 1 },
					{ key: 'x', value: 2, coords: {}, depth: 0 },
					{ key: 'y', value: 10, coords: {}, depth: 0 },
					{ key: 'u', value: 3, coords: {}, depth: 0 },
					{ key: 'v', value: 9, coords: {}, depth: 0 }
				],
				relations: [
					{ total: 't', parts: ['x', 'y'], group: false },
					{ total: 't', parts: ['u', 'v'], group: false }
				]
			}
		]);

	it('never publishes a latent cell, and protects it when it is sensitive', async () => {
		const res = await protect(model(), { k: 5, latent: ['x'], groupWhole: false });
		expect(res.cells.map((c) => c.key)).not.toContain('x');
		// x = 2 would be t − y: y (or t) must be hidden, and u = 3 is itself small
		expect(res.statuses.get('y') !== 'published' || res.statuses.get('t') !== 'published').toBe(
			true
		);
		expect(res.ok).toBe(true);
	});

	it('does not protect an insensitive latent cell', async () => {
		const res = await protect(model(), {
			k: 5,
			latent: ['x'],
			insensitive: ['x'],
			groupWhole: false
		});
		expect(res.ok).toBe(true);
		expect(res.statuses.get('t')).toBe('published');
		expect(res.statuses.get('y')).toBe('published');
	});

	it('keeps hidden what an earlier publication hid, whatever its value', async () => {
		const free = await protect(model(), { k: 5, groupWhole: false });
		expect(free.statuses.get('t')).toBe('published');
		const res = await protect(model(), { k: 5, keepHidden: ['t'], groupWhole: false });
		expect(res.statuses.get('t')).not.toBe('published');
		expect(res.ok).toBe(true);
	});

	it('reads a latent cell as an unknown ≥ 0 in the audit, bounded only when sensitive', async () => {
		const m = model();
		const codes = codesOf(m, { x: LATENT, y: 2, u: 1, v: 2 });
		const report = await auditCodes(m, codes, { k: 5, boundsFor: 'all', hiddenNonZero: true });
		const x = report.cells.find((c) => c.key === 'x');
		const y = report.cells.find((c) => c.key === 'y');
		expect([x?.lower, x?.upper, x?.status]).toEqual([0, 11, 'latent']);
		expect([y?.lower, y?.upper]).toEqual([1, 12]);
		const quiet = await auditCodes(m, codes, {
			k: 5,
			boundsFor: 'all',
			hiddenNonZero: true,
			insensitive: ['x']
		});
		expect(quiet.cells.find((c) => c.key === 'x')).toBeUndefined();
	});
});
