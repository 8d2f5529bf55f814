// Published is published, from the first figure shown: on a fresh demo (no campaign for 2023–2025)
// an élu's first view publishes the period (it is complete), so a v2 sent afterwards changes
// nothing he can see; a period still collecting is never served (v1 then v2 cannot be
// differenced); the analyst's « Publier la période » publishes it without the groups missing, and
// a late group's first version then leaves the département's figures as they were. Recording is
// idempotent under concurrent requests. On SQLite, and on PostgreSQL when configured.
import { describe, expect, it } from 'vitest';
import { figures, sendSituations, submittedSituations } from '../../../../tests/helpers/revisions';
import { testStores, useStore } from '../../../../tests/helpers/stores';
import { DEMO_DEPARTEMENT, seedDemo } from '../demo/seed';
import { openCampaign } from '../departement/campaigns';
import { periodCompleteness } from '../completeness';
import { getRelease, isPeriodNotPublished } from './index';
import { heldRevisions, publicationsOf } from './publications';
import { publishNow, publishPeriod, PublishError } from './publish';

const EVRY = '91228';
const TODAY = '2026-12-03';

const notPublished = (p: Promise<unknown>) =>
	p.then(
		() => 'servi',
		(e: unknown) => (isPeriodNotPublished(e) ? 'non publié' : Promise.reject(e))
	);

for (const backend of testStores()) {
	describe(`publication points on ${backend.name}`, () => {
		const store = useStore(backend, { prepare: seedDemo, timeoutMs: 240_000 });

		it('publishes a complete period at the élu’s first view, then holds a v2 with one situation more', async () => {
			const db = store.db;
			const period = '2025-S2';
			expect((await publicationsOf(db, DEMO_DEPARTEMENT, [period])).size).toBe(0);
			const key = { audience: 'commune' as const, scope: EVRY, period };
			const before = await getRelease(db, key);
			const publication = (await publicationsOf(db, DEMO_DEPARTEMENT, [period])).get(period);
			expect(publication).toBeDefined();
			expect(publication!.ids['evry-courcouronnes-cve']?.situations).toBeTruthy();

			const group = 'evry-courcouronnes-cve';
			const rows = await submittedSituations(db, group, period);
			const v2 = await sendSituations(db, group, period, [
				...rows,
				{ ...rows[0], ref_situation: 'V2-UNE-DE-PLUS' }
			]);
			const after = await getRelease(db, key);
			expect(figures(after)).toEqual(figures(before));
			expect(after.groups.find((g) => g.id === group)?.versions.situations).toBe(v2.version - 1);
			expect(await heldRevisions(db, group)).toContainEqual({
				period,
				kind: 'situations',
				publishedVersion: v2.version - 1,
				version: v2.version
			});
			// a campaign would add nothing to a published period
			await expect(
				openCampaign(
					db,
					DEMO_DEPARTEMENT,
					{ period, kinds: ['situations'], dueDate: '2026-01-31' },
					null
				)
			).rejects.toThrow(/déjà publiée/);
		}, 240_000);

		it('never serves a period still collecting: v1 and v2 cannot be differenced', async () => {
			const db = store.db;
			const period = '2026-S1'; // the demo's open campaign
			const key = { audience: 'commune' as const, scope: EVRY, period };
			const group = 'evry-courcouronnes-cve';
			const base = await submittedSituations(db, group, '2025-S2');
			const v1 = base.map((r) => ({ ...r, mois: '2026-03' }));
			await sendSituations(db, group, period, v1);
			expect(await notPublished(getRelease(db, key))).toBe('non publié');
			expect(
				await notPublished(
					getRelease(db, { audience: 'departement', scope: DEMO_DEPARTEMENT, period })
				)
			).toBe('non publié');
			// the year sums its published periods only: 2026 has none
			expect(
				await notPublished(
					getRelease(db, { audience: 'departement', scope: DEMO_DEPARTEMENT, period: '2026' })
				)
			).toBe('non publié');
			await sendSituations(db, group, period, [
				...v1,
				{ ...v1[0], ref_situation: 'V2-UNE-DE-PLUS' }
			]);
			expect(await notPublished(getRelease(db, key))).toBe('non publié');
			const c = await periodCompleteness(db, { commune: EVRY }, period, TODAY);
			expect(c).toMatchObject({ provisional: true, published: false, open: true, transmitted: 1 });
		}, 240_000);

		it('« Publier la période » publishes without the missing groups; their late first files are held', async () => {
			const db = store.db;
			const period = '2026-S1';
			const { plan } = await publishPeriod(db, DEMO_DEPARTEMENT, period, null, TODAY);
			expect(plan.campaignId).toBe('demo-2026-s1');
			expect(plan.missing.length).toBe(40);
			const campaign = await db
				.selectFrom('campaigns' as never)
				.select(['status' as never])
				.where('id' as never, '=', 'demo-2026-s1' as never)
				.executeTakeFirstOrThrow();
			expect(campaign).toEqual({ status: 'closed' });
			await expect(publishPeriod(db, DEMO_DEPARTEMENT, period, null, TODAY)).rejects.toThrow(
				PublishError
			);
			const dep = { audience: 'departement' as const, scope: DEMO_DEPARTEMENT, period };
			const commune = { audience: 'commune' as const, scope: EVRY, period };
			const [depBefore, communeBefore] = [await getRelease(db, dep), await getRelease(db, commune)];

			// a group missing at publication sends its first version afterwards
			const late = 'massy-clspd';
			const rows = (await submittedSituations(db, late, '2025-S2')).map((r) => ({
				...r,
				mois: '2026-02'
			}));
			const first = await sendSituations(db, late, period, rows);
			expect(first.version).toBe(1);
			expect(figures(await getRelease(db, dep))).toEqual(figures(depBefore));
			expect(figures(await getRelease(db, commune))).toEqual(figures(communeBefore));
			expect(await heldRevisions(db, late)).toContainEqual({
				period,
				kind: 'situations',
				publishedVersion: null,
				version: 1
			});
			// the completeness of a published period counts the groups it was published with
			const c = await periodCompleteness(db, { departement: DEMO_DEPARTEMENT }, period, TODAY);
			expect(c).toMatchObject({ published: true, provisional: false, transmitted: 1 });
		}, 240_000);

		it('records one publication when requests race, and every one serves it', async () => {
			const db = store.db;
			const period = '2024-S1';
			const key = { audience: 'departement' as const, scope: DEMO_DEPARTEMENT, period };
			const [a, b, , , r1, r2] = await Promise.all([
				publishNow(db, { departement: DEMO_DEPARTEMENT, period, by: 'a', campaignId: null }),
				publishNow(db, { departement: DEMO_DEPARTEMENT, period, by: 'b', campaignId: null }),
				getRelease(db, { audience: 'commune', scope: EVRY, period }),
				getRelease(db, { audience: 'commune', scope: '91377', period }),
				getRelease(db, key),
				getRelease(db, key)
			]);
			expect(a).toEqual(b);
			expect(figures(r1)).toEqual(figures(r2));
			const rows = await db
				.selectFrom('publications' as never)
				.select(['period' as never])
				.where('period' as never, '=', period as never)
				.execute();
			expect(rows).toHaveLength(1);
		}, 240_000);
	});
}
