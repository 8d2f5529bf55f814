// The annual bilan's attendance of member institutions at the séances: counted from the séances
// files recorded at the year's publications, for the groups that list the institution, under the
// threshold rule; a séances version sent after publication changes nothing.
import { describe, expect, it } from 'vitest';
import { publishByClosingCampaign } from '../../../../tests/helpers/publish';
import { useDemoStore } from '../../../../tests/helpers/stores';
import { validRows, type Row } from '$contracts/generate';
import { DEMO_DEPARTEMENT } from '../demo/seed';
import { publicationsOf } from '../releases/publications';
import { storeSubmission } from '../submissions';
import { attendanceAnnual } from './attendance-annual';

const K = 5;

describe('attendance of member institutions in the annual bilan', () => {
	const store = useDemoStore();

	it('counts the published séances of the groups listing each institution, and nothing later', async () => {
		const db = store.db;
		for (const period of ['2025-S1', '2025-S2'])
			await publishByClosingCampaign(db, period, ['seances']);
		const before = await attendanceAnnual(db, DEMO_DEPARTEMENT, 2025, K);
		expect(before.seances).toBeGreaterThan(0);
		expect(before.lines.length).toBeGreaterThan(0);
		for (const l of before.lines) {
			for (const c of [l.expected, l.present]) {
				if (c.status === 'hidden') expect(c.value).toBeNull();
				else expect(c.value === 0 || (c.value ?? 0) >= K).toBe(true);
			}
			if (l.expected.value !== null && l.present.value !== null) {
				expect(l.present.value).toBeLessThanOrEqual(l.expected.value);
				expect(l.rate.value).toBeCloseTo(l.present.value / l.expected.value);
			} else expect(l.rate.status).toBe('hidden');
		}

		// a group's séances sent again after publication, every institution present: held
		const publications = await publicationsOf(db, DEMO_DEPARTEMENT, ['2025-S1']);
		const [group, kinds] = Object.entries(publications.get('2025-S1')!.ids).find(
			([, k]) => k.seances
		)!;
		const stored = await db
			.selectFrom('seance_rows')
			.selectAll()
			.where('submission_id', '=', kinds.seances)
			.execute();
		const rows: Row[] = stored.map(({ submission_id: _, line: __, ...r }) => ({
			...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
			ordre_du_jour_prealable: r.ordre_du_jour_prealable ? 'oui' : 'non',
			compte_rendu: r.compte_rendu ? 'oui' : 'non',
			institutions_presentes: 'education_nationale|police_nationale|conseil_departemental'
		}));
		await storeSubmission(db, {
			groupId: group,
			kind: 'seances',
			period: '2025-S1',
			filename: 'seances-v2.csv',
			bytes: new TextEncoder().encode('v2'),
			rows: validRows('seances', rows),
			uploadedBy: null
		});
		expect(await attendanceAnnual(db, DEMO_DEPARTEMENT, 2025, K)).toEqual(before);
	}, 120_000);
});
