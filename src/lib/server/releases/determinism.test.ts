// A release is a function of the data and the settings: the hidden pattern served for a period
// does not depend on which releases were requested before (the cache is not state). Each pattern
// served is one more release an intruder could combine, so two patterns for the same data leak.
import { describe, expect, it } from 'vitest';
import { useDemoStore } from '../../../../tests/helpers/stores';
import { clearReleaseCache, getRelease, type ReleaseKey } from '.';

const hiddenOf = async (db: Parameters<typeof getRelease>[0], key: ReleaseKey) =>
	(await getRelease(db, key)).cells
		.filter((c) => c.status === 'hidden')
		.map((c) => [c.measure, c.unit, c.variable, c.code, c.variable2, c.code2].join('|'))
		.sort();

describe('releases do not depend on request history', () => {
	const store = useDemoStore();
	for (const key of [
		{ audience: 'departement', scope: '91', period: '2025-S1' },
		{ audience: 'commune', scope: '91228', period: '2025-S1' }
	] satisfies ReleaseKey[]) {
		it(`serves one hidden pattern for ${key.audience} ${key.scope} ${key.period}`, async () => {
			const db = store.db;
			clearReleaseCache();
			const cold = await hiddenOf(db, key);
			clearReleaseCache();
			// the previous period requested first (its served release cached), then the period
			await getRelease(db, { ...key, period: '2024-S2' });
			const afterPrevious = await hiddenOf(db, key);
			clearReleaseCache();
			await getRelease(db, { ...key, period: '2024-S1' });
			await getRelease(db, { ...key, period: '2024-S2' });
			const afterTwo = await hiddenOf(db, key);
			expect(cold.length).toBeGreaterThan(0);
			expect(afterPrevious).toEqual(cold);
			expect(afterTwo).toEqual(cold);
		}, 120_000);
	}
});
