// Drafts of the qualitative bilan, saved by the group referent while writing (one per group and
// period). Portable types only, as in the initial schema.
import type { Migration } from 'kysely';
import { schemaMigration } from './migration-tables';

export function referentMigration(): Migration {
	return schemaMigration(`
		bilan_drafts: group_id! >groups.id cascade, period!,
			content!, -- JSON object of the form fields
			updated_by, updated_at!, primary key (group_id, period);
	`);
}
