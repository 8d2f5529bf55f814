// Publishes a demo period the way a département does at the end of its collection: a campaign
// opened for the period, then closed (closing publishes the period with the versions in force).
import type { Kysely } from 'kysely';
import type { Kind } from '$contracts/codes';
import type { Database } from '../../src/lib/server/db/schema';
import {
	closeCampaign,
	getCampaign,
	openCampaign
} from '../../src/lib/server/departement/campaigns';
import { DEMO_DEPARTEMENT } from '../../src/lib/server/demo/seed';

export async function publishByClosingCampaign(
	db: Kysely<Database>,
	period: string,
	kinds: Kind[] = ['situations']
): Promise<void> {
	const id = await openCampaign(
		db,
		DEMO_DEPARTEMENT,
		{ period, kinds, dueDate: '2026-01-15' },
		null,
		new Date('2025-07-01T00:00:00Z')
	);
	await closeCampaign(db, (await getCampaign(db, DEMO_DEPARTEMENT, id))!, null);
}
