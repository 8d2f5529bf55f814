// One set of migrations for SQLite and PostgreSQL, kept in code so the built server carries them.
// Each migration receives the dialect to pick the few column types that differ (bytes, serial ids).
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { loadReferenceData } from './reference';
import { createSchema } from './migration-tables';
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

/** The first schema, one table after another, as fixed as a migration must stay. */
function initial(dialect: Dialect): Migration {
	const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
	const auditId = dialect === 'postgres' ? 'id bigserial pk' : 'id int pk autoincrement';
	const rows =
		'submission_id! >submissions.id cascade, line! int, primary key (submission_id, line)';
	return {
		async up(db: Db) {
			await createSchema(
				db,
				`departements: code pk, nom!;
				epci: code pk, nom!, type!;
				arrondissements: code pk, nom!, departement! >departements.code;
				communes: code pk, nom!, departement! >departements.code,
					arrondissement >arrondissements.code, epci >epci.code, population! int;
				index communes_departement on communes: departement;

				groups: id pk, name!, instance_type!, departement! >departements.code,
					coordinator_institution!, member_institutions!, demo! int =0, created_at!;
				group_communes: group_id! >groups.id cascade, commune_code! >communes.code,
					primary key (group_id, commune_code);
				index group_communes_commune on group_communes: commune_code;

				submissions: id pk, group_id! >groups.id, kind!, period!, version! int, status!,
					sha256!, filename!, size_bytes! int, row_count! int, uploaded_by, uploaded_at!,
					supersedes >submissions.id, change_summary,
					unique submissions_version_uq (group_id, kind, period, version);
				index submissions_current on submissions: period, kind, status;
				submission_files: submission_id pk >submissions.id cascade, bytes! ${bytes};

				-- rows of an uploaded file, keyed by their line in it
				situation_rows: ${rows}, ref_situation!, date_premier_examen!, problematique!,
					tranche_age!, sexe!, quartier, information_interesse!, accord!,
					institution_pilote!, strategie!, nb_examens! int, transmission_hors_groupe!,
					statut!, evaluation!, date_cloture, commentaire;
				seance_rows: ${rows}, date_seance!, ordre_du_jour_prealable! int, compte_rendu! int,
					nb_situations_examinees! int, nb_nouvelles_situations! int,
					evaluation_strategies_precedentes!, institutions_presentes!;
				incident_rows: ${rows}, date_incident!, sens!, motif!, suite!, description;
				bilan_rows: submission_id pk >submissions.id cascade, institution_designee!,
					faits_marquants!, difficultes!, bonnes_pratiques!, perspectives!;

				audit_log: ${auditId}, at!, actor_id, actor_label, action!, target_type,
					target_id, details, ip, user_agent;
				index audit_log_at on audit_log: at;`
			);
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

			await createSchema(db, 'settings: key pk, value!');
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
