// One set of migrations for SQLite and PostgreSQL, kept in code so the built server carries them.
// Each migration receives the dialect to pick the few column types that differ (bytes, serial ids).
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { loadReferenceData } from './reference';
import { authMigration } from './migrations-auth';
import {
	departementMigration,
	publicationProtectionMigration,
	publicationsMigration
} from './migrations-departement';
import { referentMigration } from './migrations-referent';
import { notifyMigration } from './migrations-notify';
import { textRepairMigration } from './migrations-text';
import { lettersMigration } from './migrations-letters';
import { plenaryMigration } from './migrations-plenary';
import { charterMigration } from './migrations-charter';

export type Dialect = 'sqlite' | 'postgres';

/**
 * What a migration sees: the tables as they were at that step, named at run time, so no table type
 * of today's schema (`schema.ts`) applies; values are the portable column types.
 */
export type MigrationDb = Kysely<
	Record<string, Record<string, string | number | null | Uint8Array>>
>;
type Db = MigrationDb;

/** Long because: the first schema, one table after another, as fixed as a migration must stay. */
function initial(dialect: Dialect): Migration {
	const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
	return {
		async up(db: Db) {
			// Long because: the first schema (see `initial`).
			await db.schema
				.createTable('departements')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('nom', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('epci')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('nom', 'text', (c) => c.notNull())
				.addColumn('type', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('arrondissements')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('nom', 'text', (c) => c.notNull())
				.addColumn('departement', 'text', (c) => c.notNull().references('departements.code'))
				.execute();
			await db.schema
				.createTable('communes')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('nom', 'text', (c) => c.notNull())
				.addColumn('departement', 'text', (c) => c.notNull().references('departements.code'))
				.addColumn('arrondissement', 'text', (c) => c.references('arrondissements.code'))
				.addColumn('epci', 'text', (c) => c.references('epci.code'))
				.addColumn('population', 'integer', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('communes_departement')
				.on('communes')
				.column('departement')
				.execute();

			await db.schema
				.createTable('groups')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('instance_type', 'text', (c) => c.notNull())
				.addColumn('departement', 'text', (c) => c.notNull().references('departements.code'))
				.addColumn('coordinator_institution', 'text', (c) => c.notNull())
				.addColumn('member_institutions', 'text', (c) => c.notNull())
				.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('created_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('group_communes')
				.addColumn('group_id', 'text', (c) =>
					c.notNull().references('groups.id').onDelete('cascade')
				)
				.addColumn('commune_code', 'text', (c) => c.notNull().references('communes.code'))
				.addPrimaryKeyConstraint('group_communes_pk', ['group_id', 'commune_code'])
				.execute();
			await db.schema
				.createIndex('group_communes_commune')
				.on('group_communes')
				.column('commune_code')
				.execute();

			await db.schema
				.createTable('submissions')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
				.addColumn('kind', 'text', (c) => c.notNull())
				.addColumn('period', 'text', (c) => c.notNull())
				.addColumn('version', 'integer', (c) => c.notNull())
				.addColumn('status', 'text', (c) => c.notNull())
				.addColumn('sha256', 'text', (c) => c.notNull())
				.addColumn('filename', 'text', (c) => c.notNull())
				.addColumn('size_bytes', 'integer', (c) => c.notNull())
				.addColumn('row_count', 'integer', (c) => c.notNull())
				.addColumn('uploaded_by', 'text')
				.addColumn('uploaded_at', 'text', (c) => c.notNull())
				.addColumn('supersedes', 'text', (c) => c.references('submissions.id'))
				.addColumn('change_summary', 'text')
				.addUniqueConstraint('submissions_version_uq', ['group_id', 'kind', 'period', 'version'])
				.execute();
			await db.schema
				.createIndex('submissions_current')
				.on('submissions')
				.columns(['period', 'kind', 'status'])
				.execute();
			await db.schema
				.createTable('submission_files')
				.addColumn('submission_id', 'text', (c) =>
					c.primaryKey().references('submissions.id').onDelete('cascade')
				)
				.addColumn('bytes', sql.raw(bytes), (c) => c.notNull())
				.execute();

			const rowTable = (name: string) =>
				db.schema
					.createTable(name)
					.addColumn('submission_id', 'text', (c) =>
						c.notNull().references('submissions.id').onDelete('cascade')
					);
			await rowTable('situation_rows')
				.addColumn('line', 'integer', (c) => c.notNull())
				.addColumn('ref_situation', 'text', (c) => c.notNull())
				.addColumn('date_premier_examen', 'text', (c) => c.notNull())
				.addColumn('problematique', 'text', (c) => c.notNull())
				.addColumn('tranche_age', 'text', (c) => c.notNull())
				.addColumn('sexe', 'text', (c) => c.notNull())
				.addColumn('quartier', 'text')
				.addColumn('information_interesse', 'text', (c) => c.notNull())
				.addColumn('accord', 'text', (c) => c.notNull())
				.addColumn('institution_pilote', 'text', (c) => c.notNull())
				.addColumn('strategie', 'text', (c) => c.notNull())
				.addColumn('nb_examens', 'integer', (c) => c.notNull())
				.addColumn('transmission_hors_groupe', 'text', (c) => c.notNull())
				.addColumn('statut', 'text', (c) => c.notNull())
				.addColumn('evaluation', 'text', (c) => c.notNull())
				.addColumn('date_cloture', 'text')
				.addColumn('commentaire', 'text')
				.addPrimaryKeyConstraint('situation_rows_pk', ['submission_id', 'line'])
				.execute();
			await rowTable('seance_rows')
				.addColumn('line', 'integer', (c) => c.notNull())
				.addColumn('date_seance', 'text', (c) => c.notNull())
				.addColumn('ordre_du_jour_prealable', 'integer', (c) => c.notNull())
				.addColumn('compte_rendu', 'integer', (c) => c.notNull())
				.addColumn('nb_situations_examinees', 'integer', (c) => c.notNull())
				.addColumn('nb_nouvelles_situations', 'integer', (c) => c.notNull())
				.addColumn('evaluation_strategies_precedentes', 'text', (c) => c.notNull())
				.addColumn('institutions_presentes', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('seance_rows_pk', ['submission_id', 'line'])
				.execute();
			await rowTable('incident_rows')
				.addColumn('line', 'integer', (c) => c.notNull())
				.addColumn('date_incident', 'text', (c) => c.notNull())
				.addColumn('sens', 'text', (c) => c.notNull())
				.addColumn('motif', 'text', (c) => c.notNull())
				.addColumn('suite', 'text', (c) => c.notNull())
				.addColumn('description', 'text')
				.addPrimaryKeyConstraint('incident_rows_pk', ['submission_id', 'line'])
				.execute();
			await db.schema
				.createTable('bilan_rows')
				.addColumn('submission_id', 'text', (c) =>
					c.primaryKey().references('submissions.id').onDelete('cascade')
				)
				.addColumn('institution_designee', 'text', (c) => c.notNull())
				.addColumn('faits_marquants', 'text', (c) => c.notNull())
				.addColumn('difficultes', 'text', (c) => c.notNull())
				.addColumn('bonnes_pratiques', 'text', (c) => c.notNull())
				.addColumn('perspectives', 'text', (c) => c.notNull())
				.execute();

			await db.schema
				.createTable('audit_log')
				.addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
					dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()
				)
				.addColumn('at', 'text', (c) => c.notNull())
				.addColumn('actor_id', 'text')
				.addColumn('actor_label', 'text')
				.addColumn('action', 'text', (c) => c.notNull())
				.addColumn('target_type', 'text')
				.addColumn('target_id', 'text')
				.addColumn('details', 'text')
				.addColumn('ip', 'text')
				.addColumn('user_agent', 'text')
				.execute();
			await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
			// Append-only, enforced by the database itself and not only by the app.
			if (dialect === 'sqlite') {
				for (const op of ['UPDATE', 'DELETE']) {
					await sql
						.raw(
							`CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log ` +
								`BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`
						)
						.execute(db);
				}
			} else {
				await sql
					.raw(
						`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
							`BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`
					)
					.execute(db);
				await sql
					.raw(
						`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log ` +
							`FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`
					)
					.execute(db);
			}

			await db.schema
				.createTable('settings')
				.addColumn('key', 'text', (c) => c.primaryKey())
				.addColumn('value', 'text', (c) => c.notNull())
				.execute();
		},
		async down() {
			throw new Error('irreversible');
		}
	};
}

function reference(): Migration {
	return {
		async up(db: Db) {
			await loadReferenceData(db);
		}
	};
}

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
	return {
		'0001_initial': initial(dialect),
		'0002_reference_data': reference(),
		'0003_auth': authMigration(dialect),
		'0004_referent': referentMigration(),
		'0005_departement': departementMigration(),
		'0006_text_win1252': textRepairMigration(dialect),
		'0007_publications': publicationsMigration(),
		'0008_change_notify': notifyMigration(dialect),
		'0009_incident_letters': lettersMigration(),
		'0010_plenary_sessions': plenaryMigration(),
		'0011_charter': charterMigration(),
		'0012_publication_protection': publicationProtectionMigration()
	};
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
	return { getMigrations: async () => migrationsFor(dialect) };
}
