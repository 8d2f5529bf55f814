import { describe, expect, it } from 'vitest';
import { useDemoStore } from '../../../../tests/helpers/stores';
import { buildRelease, type ReleaseRequest } from './build';
import { findCell } from '$lib/release';

describe('release builder on the demo department', () => {
	const store = useDemoStore();
	const build = (
		audience: ReleaseRequest['audience'],
		scope: string,
		period: string,
		options: Partial<ReleaseRequest> = {}
	) => buildRelease(store.db, { audience, scope, period, k: 5, ...options });

	it('builds a commune release where no small count is published and hidden cells carry no value', async () => {
		const { release, mask } = await build('commune', '91228', '2025-S2');
		expect(release.groups.map((g) => g.id)).toContain('evry-courcouronnes-cve');
		expect(release.cells.length).toBeGreaterThan(100);
		for (const cell of release.cells) {
			if (cell.status === 'published') {
				expect(cell.value === 0 || (cell.value as number) >= 5).toBe(true);
			} else {
				expect(cell.value).toBeNull();
			}
		}
		expect(mask.length).toBe(release.stats.hidden);
		expect(release.stats.hidden).toBeGreaterThan(0);
		const total = findCell(release, {});
		expect(total?.status).toBe('published');
		expect(total?.value).toBeGreaterThan(50);
	});

	it('hides the tiny counts of small communes', async () => {
		const { release } = await build('commune', '91145', '2025-S1');
		expect(release.groups.map((g) => g.id)).toEqual(['sud-essonne-clspd']);
		const total = findCell(release, {});
		expect(total).toBeDefined();
		expect(release.cells.some((c) => c.status !== 'published')).toBe(true);
		expect(
			release.cells
				.filter((c) => c.status === 'published')
				.every((c) => c.value === 0 || (c.value ?? 0) >= 5)
		).toBe(true);
	});

	it('builds the département release with territories, EPCI and the département total', async () => {
		const { release } = await build('departement', '91', '2025-S2');
		const levels = new Set(release.units.map((u) => u.level));
		expect(levels).toEqual(new Set(['territoire', 'epci', 'total']));
		expect(release.units.find((u) => u.id === '91228')?.population).toBeGreaterThan(60000);
		expect(release.units.some((u) => u.id === 'inter:val-d-yerres-clspd')).toBe(true);
		const total = findCell(release, {});
		expect(total?.value).toBeGreaterThan(500);
		expect(release.meetings.find((m) => m.unit === '*')?.seances).toBeGreaterThan(40);
		expect(JSON.stringify(release)).not.toMatch(/commentaire|description/);
	}, 60_000);

	it('keeps the previous mask stable when asked', async () => {
		const first = await build('commune', '91377', '2025-S1');
		const second = await build('commune', '91377', '2025-S1', { previousMask: first.mask });
		expect(new Set(second.mask)).toEqual(new Set(first.mask));
	});
});
