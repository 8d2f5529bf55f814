// Published is published: once a period's campaign is closed, a version sent afterwards changes no
// release of that period (the commune's, the département's, the year's), so the two versions can
// never be differenced; it is held and shown to its group. And a later period's data do not
// change the year's regroupings once the year has a publication.
import { describe, expect, it } from 'vitest';
import { publishByClosingCampaign } from '../../../../tests/helpers/publish';
import {
	figures,
	sendSituations,
	situationRows,
	submittedSituations,
	submittedVersion
} from '../../../../tests/helpers/revisions';
import { useDemoStore } from '../../../../tests/helpers/stores';
import { VARIABLE_BY_NAME, type Release } from '$lib/release';
import { DEMO_DEPARTEMENT } from '../demo/seed';
import { dataChanged } from '../events';
import { getRelease } from './index';
import { heldRevisions, publicationsOf } from './publications';
import { PROTECTION_VERSION } from './joint/table-set';

const PERIOD = '2025-S1';
const EVRY = '91228';

describe('a period published when its campaign closes', () => {
	const store = useDemoStore();

	it('serves the published versions in every release of the period, and holds a later one', async () => {
		const db = store.db;
		const releases = async (period: string) =>
			Promise.all([
				getRelease(db, { audience: 'commune', scope: EVRY, period }),
				getRelease(db, { audience: 'departement', scope: DEMO_DEPARTEMENT, period })
			]);
		// closed before any audience saw the period (a view of a complete period publishes it)
		await publishByClosingCampaign(db, PERIOD);
		const [communeBefore, depBefore] = await releases(PERIOD);
		const [, yearBefore] = await releases('2025');
		const publication = (await publicationsOf(db, DEMO_DEPARTEMENT, [PERIOD])).get(PERIOD);
		expect(publication?.plan?.year).toBe('2025');

		// Évry's CLSPD sends a second version with one situation more, after the publication.
		const group = 'evry-courcouronnes-clspd';
		const v1 = await submittedVersion(db, group, PERIOD);
		expect(publication?.ids[group]?.situations).toBe(v1.id);
		const rows = await situationRows(db, v1.id);
		rows.push({ ...rows[0], ref_situation: 'AJOUT-APRES-PUBLICATION' });
		const v2 = await sendSituations(db, group, PERIOD, rows, {
			name: 'situations-v2.csv',
			text: 'v2'
		});
		expect(v2.version).toBe(v1.version + 1);

		const [communeAfter, depAfter] = await releases(PERIOD);
		const [, yearAfter] = await releases('2025');
		expect(figures(communeAfter)).toEqual(figures(communeBefore));
		expect(figures(depAfter)).toEqual(figures(depBefore));
		expect(figures(yearAfter)).toEqual(figures(yearBefore));
		// the pages name the version published, not the held one
		const shown = communeAfter.groups.find((g) => g.id === group);
		expect(shown?.versions.situations).toBe(v1.version);

		expect(await heldRevisions(db, group)).toEqual([
			{
				period: PERIOD,
				kind: 'situations',
				publishedVersion: v1.version,
				version: v1.version + 1
			}
		]);
		expect(await heldRevisions(db, 'evry-courcouronnes-cve')).toEqual([]);
	});

	it('keeps the year’s regroupings when a later period of the year changes', async () => {
		const db = store.db;
		const publication = (await publicationsOf(db, DEMO_DEPARTEMENT, [PERIOD])).get(PERIOD);
		const before = await getRelease(db, {
			audience: 'departement',
			scope: DEMO_DEPARTEMENT,
			period: PERIOD
		});
		const plan = publication!.plan!;
		expect(before.recoded).toEqual(
			Object.fromEntries(Object.entries(plan.recode).filter(([v]) => !plan.collapsed.includes(v)))
		);
		// S2 gets one situation in a category no one used this year: on its own, that would be
		// a rare category to regroup, and the year's regroupings would change
		const year = await db
			.selectFrom('situation_rows as r')
			.innerJoin('submissions as s', 's.id', 'r.submission_id')
			.select(['r.institution_pilote as code'])
			.where('s.period', 'in', ['2025-S1', '2025-S2', '2025'])
			.where('s.status', '=', 'submitted')
			.distinct()
			.execute();
		const used = new Set(year.map((r) => r.code));
		const unused = VARIABLE_BY_NAME.get('institution_pilote')!.codes.find((c) => !used.has(c));
		expect(unused).toBeDefined();
		expect(plan.recode.institution_pilote ?? []).not.toContain(unused);
		const group = 'evry-courcouronnes-clspd';
		const rows = await submittedSituations(db, group, '2025-S2');
		rows[0] = { ...rows[0], institution_pilote: unused! };
		await sendSituations(db, group, '2025-S2', rows, {
			name: 'situations-s2-v2.csv',
			text: 's2 v2'
		});
		const after = await getRelease(db, {
			audience: 'departement',
			scope: DEMO_DEPARTEMENT,
			period: PERIOD
		});
		expect(figures(after)).toEqual(figures(before));
		expect(after.recoded).toEqual(before.recoded);
	});

	it('protects a published period with the protection version it was published with', async () => {
		const db = store.db;
		const key = { audience: 'departement' as const, scope: DEMO_DEPARTEMENT, period: PERIOD };
		const publication = (await publicationsOf(db, DEMO_DEPARTEMENT, [PERIOD])).get(PERIOD);
		expect(publication?.protection).toBe(PROTECTION_VERSION);
		const current = await getRelease(db, key);
		// a period published before the publish-back pass existed (no version recorded: 1)
		const setVersion = (protection: number | null) =>
			db
				.updateTable('publications')
				.set({ protection })
				.where('departement', '=', DEMO_DEPARTEMENT)
				.where('period', '=', PERIOD)
				.execute();
		await setVersion(null);
		dataChanged('submissions');
		expect((await publicationsOf(db, DEMO_DEPARTEMENT, [PERIOD])).get(PERIOD)?.protection).toBe(1);
		const old = await getRelease(db, key);
		const hidden = (r: Release) => r.cells.filter((c) => c.status !== 'published').length;
		// version 1 hides every cell version 2 hides, and more: the pattern follows the record
		expect(hidden(old)).toBeGreaterThan(hidden(current));
		await setVersion(PROTECTION_VERSION);
		dataChanged('submissions');
		expect(figures(await getRelease(db, key))).toEqual(figures(current));
	});
});
