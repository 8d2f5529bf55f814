// For the servers sharing a PostgreSQL database: change announcements (see notify.ts), triggers
// on the tables releases are built from sending `table:period` on commit (identical payloads of
// one transaction are delivered once; nothing on SQLite), and the protected table sets one server
// builds for all (releases/shared.ts).
import { sql, type Migration } from 'kysely';
import type { Dialect, MigrationDb } from './migrations';
import { createSchema } from './migration-tables';
import { CHANGE_CHANNEL } from './notify';

type Db = MigrationDb;

const TABLES = [
	'settings',
	'groups',
	'group_communes',
	'communes',
	'epci',
	'departements',
	'publications'
];

export function notifyMigration(dialect: Dialect): Migration {
	return {
		async up(db: Db) {
			await createSchema(db, 'release_sets: key pk, state!, body, updated_at!');
			if (dialect !== 'postgres') return;
			await sql
				.raw(
					`CREATE OR REPLACE FUNCTION bp_notify_submission() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM pg_notify('${CHANGE_CHANNEL}', 'submissions:' || OLD.period);
	ELSE
		PERFORM pg_notify('${CHANGE_CHANNEL}', 'submissions:' || NEW.period);
	END IF;
	RETURN NULL;
END $$`
				)
				.execute(db);
			await sql
				.raw(
					`CREATE OR REPLACE FUNCTION bp_notify_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('${CHANGE_CHANNEL}', TG_TABLE_NAME || ':');
	RETURN NULL;
END $$`
				)
				.execute(db);
			await sql
				.raw(
					'CREATE TRIGGER submissions_notify AFTER INSERT OR UPDATE OR DELETE ON submissions ' +
						'FOR EACH ROW EXECUTE FUNCTION bp_notify_submission()'
				)
				.execute(db);
			for (const t of TABLES) {
				await sql
					.raw(
						`CREATE TRIGGER ${t}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} ` +
							'FOR EACH STATEMENT EXECUTE FUNCTION bp_notify_table()'
					)
					.execute(db);
			}
		}
	};
}
