// The département's own tables: collection campaigns (groups concerned, reminders sent), the
// releases frozen when a campaign closes, and the analyst's commentary of the annual bilan.
import type { Migration } from 'kysely';
import type { MigrationDb } from './migrations';
import { createSchema, schemaMigration } from './migration-tables';

type Db = MigrationDb;

export function departementMigration(): Migration {
	return schemaMigration(`
		campaigns: id pk, departement! >departements.code, period!,
			kinds!, -- JSON array of the kinds required
			due_date!, status! =open, opened_by, opened_at!, closed_by, closed_at,
			unique campaigns_period_uq (departement, period);
		campaign_groups: campaign_id! >campaigns.id cascade, group_id! >groups.id,
			primary key (campaign_id, group_id);
		index campaign_groups_group on campaign_groups: group_id;
		campaign_reminders: id pk, campaign_id! >campaigns.id cascade, group_id! >groups.id, kind!,
			stage!, -- j-7 or echeance
			created_at!,
			email_status! =none, -- sent, failed, or none when no mail is configured / no referent
			email_recipients! int =0,
			unique campaign_reminders_once (campaign_id, group_id, kind, stage);
		index campaign_reminders_group on campaign_reminders: group_id;
		frozen_releases: departement! >departements.code, period!, campaign_id >campaigns.id,
			release_json!, frozen_at!, frozen_by, primary key (departement, period);
		annual_commentaries: departement! >departements.code, year! int, section!, body!,
			updated_at!, updated_by, primary key (departement, year, section);
	`);
}

/**
 * Publications: the submissions in force when each period was published (and the year's plan),
 * from which every release of a published period is cut. A release frozen by an earlier build
 * becomes the publication of the versions it was built from; `frozen_releases` is no longer read.
 */
export function publicationsMigration(): Migration {
	return {
		async up(db: Db) {
			await createSchema(
				db,
				`publications: departement! >departements.code, period!, snapshot_json!, plan_json,
					published_at!, published_by, campaign_id >campaigns.id,
					primary key (departement, period);`
			);
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
