// The demo département's open collection campaign (2026-S1, due two weeks after seeding), so the
// status board, the referents' "due" list and the reminders have something to show.
import type { Transaction } from 'kysely';
import { KINDS } from '$contracts/codes';
import type { Database } from '../db/schema';

export const DEMO_CAMPAIGN_ID = 'demo-2026-s1';

export async function seedDemoCampaign(
	trx: Transaction<Database>,
	groupIds: string[],
	now = new Date()
): Promise<void> {
	const due = new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
	await trx
		.insertInto('campaigns')
		.values({
			id: DEMO_CAMPAIGN_ID,
			departement: '91',
			period: '2026-S1',
			kinds: JSON.stringify(KINDS),
			due_date: due,
			status: 'open',
			opened_by: null,
			opened_at: now.toISOString(),
			closed_by: null,
			closed_at: null
		})
		.execute();
	if (groupIds.length)
		await trx
			.insertInto('campaign_groups')
			.values(groupIds.map((g) => ({ campaign_id: DEMO_CAMPAIGN_ID, group_id: g })))
			.execute();
}
