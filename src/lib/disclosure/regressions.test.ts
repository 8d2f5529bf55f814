// Ported from sdcTable's testthat suite (described in NOTES-privacy.md), with concrete values.
import { describe, expect, it } from 'vitest';
import { audit, auditCodes } from './audit';
import { grid, gridModel } from './fixtures';
import { buildModel, type Model } from './model';
import { naiveSuppression } from './naive';
import type { ProtectionStatus } from './primary';
import { protect } from './protect';

// Rows w..z, columns a..d. Primaries: w|b = 47 (manual), w|c = 2, x|d = 3, y|a = 1, z|b = 4.
// The naive heuristic hides x|c, w|d, z|a, y|b: every row and column then holds ≥ 2 hidden cells,
// but the pattern is two 4-cycles joined by the single edge w|b, which is therefore recomputable.
const bridgeTable = () =>
	gridModel(
		[
			[20, 47, 2, 9],
			[30, 25, 6, 3],
			[1, 7, 35, 28],
			[8, 4, 40, 33]
		],
		['w', 'x', 'y', 'z'],
		['a', 'b', 'c', 'd']
	);
const WB = 'n|c=b|r=w';

const hiddenKeys = (statuses: Map<string, ProtectionStatus>) =>
	[...statuses].filter(([, s]) => s !== 'published').map(([k]) => k);

describe('sdcTable regression: every row and column with two suppressions is not enough', () => {
	it('the naive heuristic leaves w|b = 47 exactly recomputable', async () => {
		const m = bridgeTable();
		const naive = naiveSuppression(m, { k: 5, manual: [WB] });
		expect(hiddenKeys(naive.statuses).sort()).toEqual(
			[
				WB,
				'n|c=c|r=w',
				'n|c=d|r=w',
				'n|c=c|r=x',
				'n|c=d|r=x',
				'n|c=a|r=y',
				'n|c=b|r=y',
				'n|c=a|r=z',
				'n|c=b|r=z'
			].sort()
		);
		for (const r of ['w', 'x', 'y', 'z']) {
			expect(
				hiddenKeys(naive.statuses).filter((k) => k.endsWith(`r=${r}`)).length
			).toBeGreaterThanOrEqual(2);
		}
		const report = await audit(m, naive.statuses, { k: 5, manual: [WB], boundsFor: 'all' });
		expect(report.ok).toBe(false);
		const wb = report.cells.find((c) => c.key === WB);
		expect(wb).toMatchObject({ lower: 47, upper: 47, exact: true });
		expect(report.failures.map((f) => [f.key, f.kind])).toContainEqual([WB, 'exact']);
	});

	it('protect hides one more cell and passes the audit', async () => {
		const m = bridgeTable();
		const naive = naiveSuppression(m, { k: 5, manual: [WB] });
		const res = await protect(m, { k: 5, manual: [WB], previousMask: hiddenKeys(naive.statuses) });
		expect(res.ok).toBe(true);
		expect(hiddenKeys(res.statuses).length).toBe(naive.hidden + 1);
		const check = await audit(m, res.statuses, { k: 5, manual: [WB], boundsFor: 'all' });
		expect(check.ok).toBe(true);
		expect(check.cells.find((c) => c.key === WB)?.exact).toBe(false);
	});
});

// T1: commune × problématique, T2: commune × sexe, sharing the commune totals.
const linked = () => {
	const communes = { dim: 'commune', values: ['X', 'Y', 'Z'] };
	const t1 = grid('t1', communes, { dim: 'pb', values: ['p', 'q', 'r'] }, [
		[3, 7, 0],
		[9, 6, 8],
		[12, 5, 11]
	]);
	const t2 = grid('t2', communes, { dim: 'sexe', values: ['F', 'M'] }, [
		[5, 5],
		[12, 11],
		[14, 14]
	]);
	return { t1, t2, m1: buildModel([t1]), m2: buildModel([t2]), joint: buildModel([t1, t2]) };
};
const B = 'n|commune=X|pb=p';

/** Joint statuses of per-table masks: a cell published in any table is published. */
function jointStatuses(
	joint: Model,
	masks: Map<string, ProtectionStatus>[]
): Map<string, ProtectionStatus> {
	const out = new Map<string, ProtectionStatus>();
	for (const key of joint.keys) {
		const seen = masks.map((m) => m.get(key)).filter((s): s is ProtectionStatus => s !== undefined);
		out.set(key, seen.includes('published') ? 'published' : seen[0]);
	}
	return out;
}

describe('sdcTable regression: linked tables each safe alone', () => {
	it('B = 10 − 7 = 3 leaks across the two tables', async () => {
		const { m1, m2, joint } = linked();
		const mask1 = new Map<string, ProtectionStatus>(m1.keys.map((k) => [k, 'published']));
		mask1.set(B, 'hidden-primary');
		for (const k of ['n|commune=X', 'n|commune=Y|pb=p', 'n|commune=Y'])
			mask1.set(k, 'hidden-secondary');
		const mask2 = new Map<string, ProtectionStatus>(m2.keys.map((k) => [k, 'published']));
		expect((await audit(m1, mask1, { k: 5 })).ok).toBe(true);
		expect((await audit(m2, mask2, { k: 5 })).ok).toBe(true);

		const report = await audit(joint, jointStatuses(joint, [mask1, mask2]), {
			k: 5,
			boundsFor: 'all'
		});
		expect(report.ok).toBe(false);
		expect(report.cells.find((c) => c.key === B)).toMatchObject({ lower: 3, upper: 3 });
	});

	it('protecting the joint model closes the leak without exceeding the per-table fix', async () => {
		const { t1, t2, m1, m2, joint } = linked();
		const previousMask = [B, 'n|commune=X', 'n|commune=Y|pb=p', 'n|commune=Y'];
		const res = await protect(joint, { k: 5, previousMask });
		expect(res.ok).toBe(true);
		const check = await audit(joint, res.statuses, { k: 5, boundsFor: 'all' });
		expect(check.ok).toBe(true);
		const b = check.cells.find((c) => c.key === B);
		expect(b && b.upper - b.lower).toBeGreaterThanOrEqual(2);
		// sdcTable's fix keeps the 4 hidden cells and adds one per table: 6; ours needs no more
		expect(res.stats.primary + res.stats.secondary).toBeLessThanOrEqual(6);
		// each table's restriction of the joint mask is safe on its own too
		for (const [t, m] of [
			[t1, m1],
			[t2, m2]
		] as const) {
			const own = new Map(t.cells.map((c) => [c.key, res.statuses.get(c.key) as ProtectionStatus]));
			expect((await audit(m, own, { k: 5 })).ok).toBe(true);
		}
	});
});

describe('audit', () => {
	it('detects a deliberately leaky mask', async () => {
		const m = gridModel([
			[2, 10],
			[8, 9]
		]);
		const codes = new Uint8Array(m.keys.length);
		codes[m.index.get('n|c=c0|r=r0') as number] = 1;
		codes[m.index.get('n|c=c1|r=r0') as number] = 2;
		const report = await auditCodes(m, codes, { k: 5, boundsFor: 'all' });
		expect(report.ok).toBe(false);
		expect(report.failures[0]).toMatchObject({
			key: 'n|c=c0|r=r0',
			kind: 'exact',
			lower: 2,
			upper: 2
		});
	});

	it('flags a published small count', async () => {
		const m = gridModel([[2, 10]]);
		const report = await auditCodes(m, new Uint8Array(m.keys.length), { k: 5 });
		// the cell and its column total (also 2)
		expect(report.failures.map((f) => [f.key, f.kind]).sort()).toEqual([
			['n|c=c0', 'published-primary'],
			['n|c=c0|r=r0', 'published-primary']
		]);
	});

	it('computes LP bounds of a 2×2 cycle and honours status knowledge', async () => {
		const m = gridModel([
			[2, 20],
			[12, 30]
		]);
		const codes = new Uint8Array(m.keys.length);
		for (const k of ['n|c=c0|r=r0', 'n|c=c1|r=r0', 'n|c=c0|r=r1', 'n|c=c1|r=r1']) {
			codes[m.index.get(k) as number] = k === 'n|c=c0|r=r0' ? 1 : 2;
		}
		const plain = await auditCodes(m, codes, { k: 5, boundsFor: 'all' });
		expect(plain.cells.find((c) => c.key === 'n|c=c0|r=r0')).toMatchObject({ lower: 0, upper: 14 });
		const knowing = await auditCodes(m, codes, { k: 5, boundsFor: 'all', statusKnowledge: true });
		expect(knowing.cells.find((c) => c.key === 'n|c=c0|r=r0')).toMatchObject({
			lower: 1,
			upper: 4
		});
		expect(plain.ok && knowing.ok).toBe(true);
	});

	it('narrow intervals fail the protection rule', async () => {
		const m = gridModel([
			[1, 1, 30],
			[20, 20, 20],
			[10, 10, 10]
		]);
		const codes = new Uint8Array(m.keys.length);
		codes[m.index.get('n|c=c0|r=r0') as number] = 1;
		codes[m.index.get('n|c=c1|r=r0') as number] = 1;
		codes[m.index.get('n|c=c0|r=r1') as number] = 2;
		codes[m.index.get('n|c=c1|r=r1') as number] = 2;
		const knowing = await auditCodes(m, codes, { k: 5, statusKnowledge: true });
		expect(knowing.failures.map((f) => f.kind)).toEqual(['exact', 'exact']);
		const plain = await auditCodes(m, codes, { k: 5 });
		expect(plain.ok).toBe(true);
	});
});
