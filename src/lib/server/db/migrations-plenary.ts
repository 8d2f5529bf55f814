// Plenary sessions of a commune (protocol §3, §5): the assembly chaired by the mayor records, on a
// date, which groups' period bilans it received, the orientations decided and the shared
// diagnosis. Portable types only, as in the initial schema.
import type { Migration } from 'kysely';
import type { MigrationDb } from './migrations';

type Db = MigrationDb;

export function plenaryMigration(): Migration {
	return {
		async up(db: Db) {
			await db.schema
				.createTable('plenary_sessions')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('commune_code', 'text', (c) => c.notNull().references('communes.code'))
				/** YYYY-MM-DD */
				.addColumn('session_date', 'text', (c) => c.notNull())
				.addColumn('orientations', 'text', (c) => c.notNull())
				.addColumn('diagnostic', 'text', (c) => c.notNull())
				.addColumn('created_by', 'text')
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('updated_by', 'text')
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('plenary_sessions_commune')
				.on('plenary_sessions')
				.columns(['commune_code', 'session_date'])
				.execute();
			await db.schema
				.createTable('plenary_presentations')
				.addColumn('session_id', 'text', (c) =>
					c.notNull().references('plenary_sessions.id').onDelete('cascade')
				)
				.addColumn('group_id', 'text', (c) =>
					c.notNull().references('groups.id').onDelete('cascade')
				)
				.addColumn('period', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('plenary_presentations_pk', ['session_id', 'group_id', 'period'])
				.execute();
			await db.schema
				.createIndex('plenary_presentations_group')
				.on('plenary_presentations')
				.columns(['group_id', 'period'])
				.execute();
		}
	};
}
