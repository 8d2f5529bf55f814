// Table types of the département module (migration 0005_departement), added to the app's
// Database type the same way as the auth tables.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

export interface CampaignTable {
	id: string;
	departement: string;
	period: string;
	/** JSON array of kinds */
	kinds: string;
	/** YYYY-MM-DD, last day to send */
	due_date: string;
	status: 'open' | 'closed';
	opened_by: string | null;
	opened_at: string;
	closed_by: string | null;
	closed_at: string | null;
}

export interface CampaignGroupTable {
	campaign_id: string;
	group_id: string;
}

export interface CampaignReminderTable {
	id: string;
	campaign_id: string;
	group_id: string;
	kind: string;
	stage: string;
	created_at: string;
	email_status: string;
	email_recipients: number;
}

export interface FrozenReleaseTable {
	departement: string;
	period: string;
	campaign_id: string | null;
	release_json: string;
	frozen_at: string;
	frozen_by: string | null;
}

export interface AnnualCommentaryTable {
	departement: string;
	year: number;
	section: string;
	body: string;
	updated_at: string;
	updated_by: string | null;
}

export interface DepartementTables {
	campaigns: CampaignTable;
	campaign_groups: CampaignGroupTable;
	campaign_reminders: CampaignReminderTable;
	frozen_releases: FrozenReleaseTable;
	annual_commentaries: AnnualCommentaryTable;
}

export type DepDatabase = Database & DepartementTables;
export type DepDb = Kysely<DepDatabase>;

/** The same connection, typed with the département tables. */
export function depDb(db: Kysely<Database> | Transaction<Database>): DepDb {
	return db as unknown as DepDb;
}
