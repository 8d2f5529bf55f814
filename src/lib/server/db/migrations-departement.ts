// The département's own tables: collection campaigns (groups concerned, reminders sent), the
// releases frozen when a campaign closes, and the analyst's commentary of the annual bilan.
import type { Migration } from 'kysely';
import type { MigrationDb } from './migrations';

type Db = MigrationDb;

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

/**
 * Publications: the submissions in force when each period was published (and the year's plan),
 * from which every release of a published period is cut. A release frozen by an earlier build
 * becomes the publication of the versions it was built from; `frozen_releases` is no longer read.
 */
export function publicationsMigration(): Migration {
	return {
		async up(db: Db) {
			await db.schema
				.createTable('publications')
				.addColumn('departement', 'text', (c) => c.notNull().references('departements.code'))
				.addColumn('period', 'text', (c) => c.notNull())
				.addColumn('snapshot_json', 'text', (c) => c.notNull())
				.addColumn('plan_json', 'text')
				.addColumn('published_at', 'text', (c) => c.notNull())
				.addColumn('published_by', 'text')
				.addColumn('campaign_id', 'text', (c) => c.references('campaigns.id'))
				.addPrimaryKeyConstraint('publications_pk', ['departement', 'period'])
				.execute();
			const frozen = await db.selectFrom('frozen_releases').selectAll().execute();
			for (const f of frozen) {
				const release = JSON.parse(String(f.release_json)) as {
					groups?: { id: string; versions?: Record<string, number> }[];
				};
				const ids: Record<string, Record<string, string>> = {};
				for (const g of release.groups ?? []) {
					for (const [kind, version] of Object.entries(g.versions ?? {})) {
						const row = await db
							.selectFrom('submissions')
							.select('id')
							.where('group_id', '=', g.id)
							.where('period', '=', String(f.period))
							.where('kind', '=', kind)
							.where('version', '=', version)
							.executeTakeFirst();
						if (row) (ids[g.id] ??= {})[kind] = String(row.id);
					}
				}
				await db
					.insertInto('publications')
					.values({
						departement: f.departement,
						period: f.period,
						snapshot_json: JSON.stringify(ids),
						plan_json: null,
						published_at: f.frozen_at,
						published_by: f.frozen_by,
						campaign_id: f.campaign_id
					})
					.execute();
			}
		}
	};
}

/** The version of the protection a period was published with (releases/joint/table-set.ts,
 * PROTECTION_VERSION): its hidden pattern is recomputed with that version forever. Periods
 * published before the column existed were protected by version 1 (null reads as 1). */
export function publicationProtectionMigration(): Migration {
	return {
		async up(db: MigrationDb) {
			await db.schema.alterTable('publications').addColumn('protection', 'integer').execute();
		}
	};
}
