// Each group's charter (protocole §3, §4, preamble): its member list (institutions and functions,
// an optional professional contact seen only by the group's referents and the admin, the
// coordinator as a named role of one member) and the local protocols of groups and communes,
// versioned: a new text is a new row, never an update of the one adopted before.
import type { Migration } from 'kysely';
import type { MigrationDb } from './migrations';

type Db = MigrationDb;

export function charterMigration(): Migration {
	return {
		async up(db: Db) {
			await db.schema
				.createTable('group_members')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('group_id', 'text', (c) =>
					c.notNull().references('groups.id').onDelete('cascade')
				)
				/** a code of the contract's institution list */
				.addColumn('institution', 'text', (c) => c.notNull())
				/** the member's function, e.g. « conseillère principale d’éducation » */
				.addColumn('fonction', 'text', (c) => c.notNull())
				/** professional contact, optional: referents of the group and the admin only */
				.addColumn('contact_name', 'text')
				.addColumn('contact_email', 'text')
				/** 1 for the coordinator (§4), at most one per group (checked by the store) */
				.addColumn('coordinator', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.addColumn('updated_by', 'text')
				.execute();
			await db.schema
				.createIndex('group_members_group')
				.on('group_members')
				.column('group_id')
				.execute();
			await db.schema
				.createTable('local_protocols')
				.addColumn('id', 'text', (c) => c.primaryKey())
				/** `group` or `commune` */
				.addColumn('scope_type', 'text', (c) => c.notNull())
				/** the group id or the commune code */
				.addColumn('scope_id', 'text', (c) => c.notNull())
				.addColumn('version', 'integer', (c) => c.notNull())
				.addColumn('texte', 'text', (c) => c.notNull())
				/** AAAA-MM-JJ */
				.addColumn('adopted_on', 'text', (c) => c.notNull())
				.addColumn('limites', 'text', (c) => c.notNull())
				.addColumn('regulation', 'text', (c) => c.notNull())
				.addColumn('lieu', 'text', (c) => c.notNull())
				.addColumn('created_by', 'text')
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addUniqueConstraint('local_protocols_version_uq', ['scope_type', 'scope_id', 'version'])
				.execute();
		}
	};
}
