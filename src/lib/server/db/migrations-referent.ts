// Drafts of the qualitative bilan, saved by the group referent while writing (one per group and
// period). Portable types only, as in the initial schema.
import type { Migration } from 'kysely';
import type { MigrationDb } from './migrations';

type Db = MigrationDb;

export function referentMigration(): Migration {
	return {
		async up(db: Db) {
			await db.schema
				.createTable('bilan_drafts')
				.addColumn('group_id', 'text', (c) =>
					c.notNull().references('groups.id').onDelete('cascade')
				)
				.addColumn('period', 'text', (c) => c.notNull())
				/** JSON object of the form fields */
				.addColumn('content', 'text', (c) => c.notNull())
				.addColumn('updated_by', 'text')
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('bilan_drafts_pk', ['group_id', 'period'])
				.execute();
		}
	};
}
