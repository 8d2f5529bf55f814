// The annual share of groups whose bilan went to a plenary: published only where the number of
// groups is at least k and no small count (presented or not) can be read or recomputed.
import { describe, expect, it } from 'vitest';
import { useDemoStore } from '../../../../tests/helpers/stores';
import { plenaryShare, protectShares, type ShareRow } from './annual';

const K = 5;
const labels = { territory: (c: string) => c, type: (c: string) => c };

function facts(spec: [territory: string, type: string, groups: number, presented: number][]) {
	return spec.flatMap(([territory, type, n, p]) =>
		Array.from({ length: n }, (_, i) => ({
			id: `${territory}-${type}-${i}`,
			territory,
			type,
			presented: i < p
		}))
	);
}

const shares = (spec: Parameters<typeof facts>[0]) => protectShares(facts(spec), labels, K, 2);

const find = (rows: ShareRow[], code: string) => rows.find((r) => r.code === code) as ShareRow;

describe('plenary share in the annual bilan', () => {
	it('publishes every share when no count is small', async () => {
		const s = await shares([
			['X', 'A', 5, 3],
			['X', 'B', 6, 3],
			['Y', 'A', 5, 2],
			['Y', 'B', 6, 3]
		]);
		expect(s.protectedOk).toBe(true);
		expect(find(s.byType, 'A')).toMatchObject({ groups: 10, share: 0.5, status: 'published' });
		expect(find(s.byType, 'B')).toMatchObject({ groups: 12, share: 0.5, status: 'published' });
		expect(find(s.byTerritory, 'X')).toMatchObject({ groups: 11, status: 'published' });
		expect(s.total).toMatchObject({ groups: 22, share: 0.5, status: 'published' });
	});

	it('hides a small count, a type of fewer than k groups, and whatever would recompute them', async () => {
		const s = await shares([
			['X', 'A', 5, 3],
			['X', 'B', 6, 1],
			['Y', 'A', 5, 2],
			['Y', 'B', 6, 0],
			['Y', 'C', 3, 3]
		]);
		const b = find(s.byType, 'B');
		expect(b).toMatchObject({ groups: 12, share: null, status: 'hidden' });
		// three groups of type C: fewer than k, never published although none is « small » alone
		expect(find(s.byType, 'C')).toMatchObject({ groups: 3, share: null, status: 'hidden' });
		// B = total − A − C: total and A cannot both be published while C is known to be ≤ 3 wide
		const a = find(s.byType, 'A');
		if (a.status === 'published' && s.total.status === 'published') {
			const p = (r: ShareRow) => Math.round((r.share ?? 0) * r.groups);
			const range = [p(s.total) - p(a) - 3, p(s.total) - p(a)];
			expect(range[1] - range[0]).toBeGreaterThanOrEqual(2);
		}
		// no published share reveals a count from 1 to k − 1, presented or not
		for (const r of [...s.byType, ...s.byTerritory, s.total])
			if (r.status === 'published') {
				const p = Math.round((r.share ?? 0) * r.groups);
				expect(r.groups).toBeGreaterThanOrEqual(K);
				for (const c of [p, r.groups - p]) expect(c === 0 || c >= K).toBe(true);
			}
	});

	describe('on the demo', () => {
		const store = useDemoStore();
		it('2025: the département’s share is published, types of fewer than k groups are not', async () => {
			const s = await plenaryShare(store.db, '91', 2025);
			expect(s.total.groups).toBe(41);
			expect(s.total.status).toBe('published');
			const presented = Math.round((s.total.share ?? 0) * 41);
			expect(presented).toBeGreaterThanOrEqual(K);
			expect(41 - presented).toBeGreaterThanOrEqual(K);
			for (const r of s.byType) if (r.groups < K) expect(r.status).toBe('hidden');
			expect(s.byTerritory.map((r) => r.label)).toContain('Arrondissement d’Évry');
			// no session in 2024: nothing presented that year
			const before = await plenaryShare(store.db, '91', 2024);
			expect(before.total).toMatchObject({ groups: 41, share: 0, status: 'published' });
		}, 60_000);
	});
});
