// The groups' qualitative bilans follow « published is published » like the figures: once a period
// is published, the plenary page and the annual digest read the bilan version its publication
// recorded, and a revision sent afterwards is held (shown to its group only).
import { describe, expect, it } from 'vitest';
import { publishByClosingCampaign } from '../../../../tests/helpers/publish';
import { submittedVersion } from '../../../../tests/helpers/revisions';
import { useDemoStore } from '../../../../tests/helpers/stores';
import { qualitativeDigest } from '../departement/qualitative';
import { DEMO_DEPARTEMENT } from '../demo/seed';
import { dataChanged } from '../events';
import { getRelease } from '../releases';
import { storeSubmission } from '../submissions';
import { groupBilans } from './bilans';

const PERIOD = '2025-S1';
const EVRY = '91228';
const GROUP = 'evry-courcouronnes-clspd';
const REVISED = 'Phrase ajoutée dans une révision envoyée après la publication.';

describe('qualitative bilans after publication', () => {
	const store = useDemoStore();

	it('shows the published version of a bilan, not a later revision', async () => {
		const db = store.db;
		await publishByClosingCampaign(db, PERIOD);
		const texts = async () => {
			const release = await getRelease(db, { audience: 'commune', scope: EVRY, period: PERIOD });
			const bilan = (await groupBilans(db, release.groups, PERIOD)).find(
				(b) => b.groupId === GROUP
			);
			return bilan?.sections.flatMap((s) => s.passages.map((p) => p.text)) ?? [];
		};
		const digestTexts = async () =>
			(await qualitativeDigest(db, DEMO_DEPARTEMENT, [PERIOD])).types.flatMap((t) =>
				t.themes.flatMap((th) => th.statements.map((s) => s.text))
			);
		const before = await texts();
		expect(before.length).toBeGreaterThan(0);
		const digestBefore = await digestTexts();

		const v1 = await submittedVersion(db, GROUP, PERIOD, 'bilan');
		const { submission_id: _, ...bilan } = await db
			.selectFrom('bilan_rows')
			.selectAll()
			.where('submission_id', '=', v1.id)
			.executeTakeFirstOrThrow();
		await storeSubmission(db, {
			groupId: GROUP,
			kind: 'bilan',
			period: PERIOD,
			filename: 'bilan-v2.csv',
			bytes: new TextEncoder().encode('v2'),
			bilan: { ...bilan, faits_marquants: REVISED },
			uploadedBy: null
		});
		dataChanged('submissions');

		const after = await texts();
		expect(after).toEqual(before);
		expect(after).not.toContain(REVISED);
		const digestAfter = await digestTexts();
		expect(digestAfter).toEqual(digestBefore);
		expect(digestAfter).not.toContain(REVISED);
	});
});
