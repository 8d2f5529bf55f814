// The département's own tables: collection campaigns (groups concerned, reminders sent), the
// releases frozen when a campaign closes, and the analyst's commentary of the annual bilan.
import type { Kysely, Migration } from 'kysely';

type Db = Kysely<unknown>;

export function departementMigration(): Migration {
	return {
		async up(db: Db) {
			await db.schema
				.createTable('campaigns')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('departement', 'text', (c) => c.notNull().references('departements.code'))
				.addColumn('period', 'text', (c) => c.notNull())
				/** JSON array of the kinds required */
				.addColumn('kinds', 'text', (c) => c.notNull())
				.addColumn('due_date', 'text', (c) => c.notNull())
				.addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
				.addColumn('opened_by', 'text')
				.addColumn('opened_at', 'text', (c) => c.notNull())
				.addColumn('closed_by', 'text')
				.addColumn('closed_at', 'text')
				.addUniqueConstraint('campaigns_period_uq', ['departement', 'period'])
				.execute();
			await db.schema
				.createTable('campaign_groups')
				.addColumn('campaign_id', 'text', (c) =>
					c.notNull().references('campaigns.id').onDelete('cascade')
				)
				.addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
				.addPrimaryKeyConstraint('campaign_groups_pk', ['campaign_id', 'group_id'])
				.execute();
			await db.schema
				.createIndex('campaign_groups_group')
				.on('campaign_groups')
				.column('group_id')
				.execute();
			await db.schema
				.createTable('campaign_reminders')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('campaign_id', 'text', (c) =>
					c.notNull().references('campaigns.id').onDelete('cascade')
				)
				.addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
				.addColumn('kind', 'text', (c) => c.notNull())
				/** `j-7` or `echeance` */
				.addColumn('stage', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				/** `sent`, `failed`, or `none` when no mail is configured / no referent */
				.addColumn('email_status', 'text', (c) => c.notNull().defaultTo('none'))
				.addColumn('email_recipients', 'integer', (c) => c.notNull().defaultTo(0))
				.addUniqueConstraint('campaign_reminders_once', [
					'campaign_id',
					'group_id',
					'kind',
					'stage'
				])
				.execute();
			await db.schema
				.createIndex('campaign_reminders_group')
				.on('campaign_reminders')
				.column('group_id')
				.execute();
			await db.schema
				.createTable('frozen_releases')
				.addColumn('departement', 'text', (c) => c.notNull().references('departements.code'))
				.addColumn('period', 'text', (c) => c.notNull())
				.addColumn('campaign_id', 'text', (c) => c.references('campaigns.id'))
				.addColumn('release_json', 'text', (c) => c.notNull())
				.addColumn('frozen_at', 'text', (c) => c.notNull())
				.addColumn('frozen_by', 'text')
				.addPrimaryKeyConstraint('frozen_releases_pk', ['departement', 'period'])
				.execute();
			await db.schema
				.createTable('annual_commentaries')
				.addColumn('departement', 'text', (c) => c.notNull().references('departements.code'))
				.addColumn('year', 'integer', (c) => c.notNull())
				.addColumn('section', 'text', (c) => c.notNull())
				.addColumn('body', 'text', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.addColumn('updated_by', 'text')
				.addPrimaryKeyConstraint('annual_commentaries_pk', ['departement', 'year', 'section'])
				.execute();
		}
	};
}
