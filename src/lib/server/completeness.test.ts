// Honest incomplete periods on the demo: Évry's 2026-S1, where one group of five has sent its
// situations while the campaign is open, is not published (no figure served), is not where the
// élu lands, and once the analyst publishes it its changes never read a missing group as a fall.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRows, validRows } from '$contracts/generate';
import { completenessText, transmittedText } from '$lib/completeness';
import { useDemoStore } from '../../../tests/helpers/stores';
import { periodLastDay } from '$contracts/period';
import { completenessOf, landing, periodCompleteness } from './completeness';
import { communePeriods } from './plenary/commune';
import { plenaryPage } from './plenary/page';
import { storeSubmission } from './submissions';
import { getRelease, isPeriodNotPublished } from './releases';
import { publishPeriod } from './releases/publish';
import { findCell } from '$lib/release';

const EVRY = '91228';
const GROUP = 'evry-courcouronnes-clspd';
const TODAY = '2026-12-03';

describe('completeness of a period', () => {
	const store = useDemoStore();
	beforeAll(async () => {
		const rows = [
			...generateRows('situations', {
				seed: 7,
				period: '2026-S1',
				rows: 40,
				refOffset: 900_000
			})
		];
		await storeSubmission(store.db, {
			groupId: GROUP,
			kind: 'situations',
			period: '2026-S1',
			filename: 'situations-2026-S1.csv',
			bytes: new TextEncoder().encode(JSON.stringify(rows)),
			rows: validRows('situations', rows),
			uploadedBy: null
		});
	}, 120_000);

	it('says « n groupes sur N ont transmis », in the singular too', () => {
		expect(transmittedText({ transmitted: 1, expected: 5 })).toBe('1 groupe sur 5 a transmis');
		expect(transmittedText({ transmitted: 3, expected: 5 })).toBe('3 groupes sur 5 ont transmis');
		expect(periodLastDay('2026-S1')).toBe('2026-06-30');
		expect(periodLastDay('2025-S2')).toBe('2025-12-31');
		expect(periodLastDay('2024')).toBe('2024-12-31');
	});

	it('a past period where every group transmitted is complete; the open campaign is not', async () => {
		const all = await completenessOf(store.db, { commune: EVRY }, ['2025-S2', '2026-S1'], TODAY);
		const s2 = all.get('2025-S2')!;
		expect(s2.provisional).toBe(false);
		expect(s2.transmitted).toBe(s2.expected);
		expect(s2.expected).toBe(5);
		const s1 = all.get('2026-S1')!;
		expect(s1).toMatchObject({ expected: 5, transmitted: 1, groups: [GROUP], open: true });
		expect(s1.provisional).toBe(true);
		expect(completenessText(s1)).toContain('1 groupe sur 5 a transmis');
		expect(completenessText(s1)).toContain('seront publiés à la clôture de la collecte');
		// A period not over yet is provisional even when everyone has sent.
		const ongoing = await periodCompleteness(store.db, { commune: EVRY }, '2025-S2', '2025-11-01');
		expect(ongoing.provisional).toBe(true);
		// The département: 41 groups expected in the campaign, one has sent.
		const dep = await periodCompleteness(store.db, { departement: '91' }, '2026-S1', TODAY);
		expect(dep).toMatchObject({ expected: 41, transmitted: 1, provisional: true });
		const year = await periodCompleteness(store.db, { departement: '91' }, '2025', TODAY);
		expect(year.provisional).toBe(false);
	});

	it('lands on the last complete period, not on the collection under way', async () => {
		const periods = await communePeriods(store.db, EVRY);
		expect(periods.at(-1)).toBe('2026-S1');
		expect(await landing(store.db, { commune: EVRY }, periods)).toBe('2025-S2');
		expect(await landing(store.db, { departement: '91' }, ['2025-S2', '2026-S1'])).toBe('2025-S2');
	});

	it('computes changes only over the groups present in both periods, or shows none', async () => {
		const periods = await communePeriods(store.db, EVRY);
		const request = {
			code: EVRY,
			period: '2026-S1',
			periods,
			filters: { group: '', type: '', from: periods[0], to: '2026-S1' }
		};
		// not published: no figure at all
		await expect(plenaryPage(store.db, request)).rejects.toSatisfy(isPeriodNotPublished);
		await publishPeriod(store.db, '91', '2026-S1', null, TODAY);
		const page = await plenaryPage(store.db, request);
		expect(page.completeness).toMatchObject({ provisional: false, published: true });
		// published without four of the commune's five groups: marked on the trend
		expect(page.provisional).toContain('2026-S1');
		expect(page.provisional).not.toContain('2025-S2');
		expect(page.periods.find((p) => p.code === '2026-S1')?.label).toBe('1er semestre 2026');
		const trend = page.trend!.spec;
		expect(trend.kind === 'line' && trend.provisional).toEqual(['2026-S1']);
		const [cur, prev] = await Promise.all(
			['2026-S1', '2025-S2'].map((period) =>
				getRelease(store.db, { audience: 'commune', scope: EVRY, period })
			)
		);
		const own = (r: typeof cur) => findCell(r, { unit: GROUP });
		const situations = page.figures.find((f) => f.key === 'situations')!;
		const whole = (r: typeof cur) => findCell(r, {})!.value!;
		// No group sent its meetings for 2026-S1: unknown, never « 0 séance » nor a fall.
		const seances = page.figures.find((f) => f.key === 'seances')!;
		expect(seances.current.value).toBeNull();
		expect(seances.change).toBeNull();
		// Never the whole commune's fall (40 − 175): only the one group present in both, or nothing.
		expect(situations.change).not.toBe(whole(cur) - whole(prev));
		if (own(cur)?.status === 'published' && own(prev)?.status === 'published') {
			expect(situations.change).toBe(own(cur)!.value! - own(prev)!.value!);
			expect(situations.changeScope).toBe('sur le seul groupe présent aux deux périodes');
		} else {
			expect(situations.change).toBeNull();
			expect(situations.changeNote).toMatch(/groupe|masquée/);
		}
	});
});
