// The incident procedure of the protocol (§4): each letter a group writes to an institution, or
// receives from one, recorded by the group's referents with its reply and closure dates; and the
// coded snapshot of a year's letters taken when the annual figures are first published, so the
// published tables never change afterwards (« ce qui est publié reste publié »).
import type { Migration } from 'kysely';
import type { MigrationDb } from './migrations';

type Db = MigrationDb;

export function lettersMigration(): Migration {
	return {
		async up(db: Db) {
			await db.schema
				.createTable('incident_letters')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('group_id', 'text', (c) =>
					c.notNull().references('groups.id').onDelete('cascade')
				)
				/** YYYY-MM-DD: a letter is not a person, day precision is fine */
				.addColumn('letter_date', 'text', (c) => c.notNull())
				.addColumn('direction', 'text', (c) => c.notNull())
				.addColumn('institution', 'text', (c) => c.notNull())
				.addColumn('reason', 'text', (c) => c.notNull())
				/** free text, scanned for personal identifiers before it is stored */
				.addColumn('note', 'text')
				.addColumn('reply_date', 'text')
				.addColumn('closed_date', 'text')
				.addColumn('created_by', 'text')
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('updated_by', 'text')
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('incident_letters_group')
				.on('incident_letters')
				.columns(['group_id', 'letter_date'])
				.execute();
			await db.schema
				.createTable('letter_publications')
				.addColumn('departement', 'text', (c) => c.notNull().references('departements.code'))
				.addColumn('year', 'integer', (c) => c.notNull())
				/** JSON array of coded letters (direction, reason, reply and closure bands), no group */
				.addColumn('letters_json', 'text', (c) => c.notNull())
				.addColumn('published_at', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('letter_publications_pk', ['departement', 'year'])
				.execute();
		}
	};
}
