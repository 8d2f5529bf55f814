-- objects
index | audit_log_action | audit_log | CREATE INDEX "audit_log_action" on "audit_log" ("action", "at")
index | audit_log_actor | audit_log | CREATE INDEX "audit_log_actor" on "audit_log" ("actor_id", "at")
index | audit_log_at | audit_log | CREATE INDEX "audit_log_at" on "audit_log" ("at")
index | campaign_groups_group | campaign_groups | CREATE INDEX "campaign_groups_group" on "campaign_groups" ("group_id")
index | campaign_reminders_group | campaign_reminders | CREATE INDEX "campaign_reminders_group" on "campaign_reminders" ("group_id")
index | communes_departement | communes | CREATE INDEX "communes_departement" on "communes" ("departement")
index | group_communes_commune | group_communes | CREATE INDEX "group_communes_commune" on "group_communes" ("commune_code")
index | group_members_group | group_members | CREATE INDEX "group_members_group" on "group_members" ("group_id")
index | incident_letters_group | incident_letters | CREATE INDEX "incident_letters_group" on "incident_letters" ("group_id", "letter_date")
index | plenary_presentations_group | plenary_presentations | CREATE INDEX "plenary_presentations_group" on "plenary_presentations" ("group_id", "period")
index | plenary_sessions_commune | plenary_sessions | CREATE INDEX "plenary_sessions_commune" on "plenary_sessions" ("commune_code", "session_date")
index | sessions_user | sessions | CREATE INDEX "sessions_user" on "sessions" ("user_id")
index | sqlite_autoindex_annual_commentaries_1 | annual_commentaries | null
index | sqlite_autoindex_arrondissements_1 | arrondissements | null
index | sqlite_autoindex_bilan_drafts_1 | bilan_drafts | null
index | sqlite_autoindex_bilan_rows_1 | bilan_rows | null
index | sqlite_autoindex_campaign_groups_1 | campaign_groups | null
index | sqlite_autoindex_campaign_reminders_1 | campaign_reminders | null
index | sqlite_autoindex_campaign_reminders_2 | campaign_reminders | null
index | sqlite_autoindex_campaigns_1 | campaigns | null
index | sqlite_autoindex_campaigns_2 | campaigns | null
index | sqlite_autoindex_communes_1 | communes | null
index | sqlite_autoindex_departements_1 | departements | null
index | sqlite_autoindex_epci_1 | epci | null
index | sqlite_autoindex_frozen_releases_1 | frozen_releases | null
index | sqlite_autoindex_group_communes_1 | group_communes | null
index | sqlite_autoindex_group_members_1 | group_members | null
index | sqlite_autoindex_groups_1 | groups | null
index | sqlite_autoindex_incident_letters_1 | incident_letters | null
index | sqlite_autoindex_incident_rows_1 | incident_rows | null
index | sqlite_autoindex_invitations_1 | invitations | null
index | sqlite_autoindex_kysely_migration_1 | kysely_migration | null
index | sqlite_autoindex_kysely_migration_lock_1 | kysely_migration_lock | null
index | sqlite_autoindex_letter_publications_1 | letter_publications | null
index | sqlite_autoindex_local_protocols_1 | local_protocols | null
index | sqlite_autoindex_local_protocols_2 | local_protocols | null
index | sqlite_autoindex_oidc_logins_1 | oidc_logins | null
index | sqlite_autoindex_plenary_presentations_1 | plenary_presentations | null
index | sqlite_autoindex_plenary_sessions_1 | plenary_sessions | null
index | sqlite_autoindex_publications_1 | publications | null
index | sqlite_autoindex_rate_limits_1 | rate_limits | null
index | sqlite_autoindex_release_sets_1 | release_sets | null
index | sqlite_autoindex_seance_rows_1 | seance_rows | null
index | sqlite_autoindex_sessions_1 | sessions | null
index | sqlite_autoindex_settings_1 | settings | null
index | sqlite_autoindex_situation_rows_1 | situation_rows | null
index | sqlite_autoindex_submission_files_1 | submission_files | null
index | sqlite_autoindex_submissions_1 | submissions | null
index | sqlite_autoindex_submissions_2 | submissions | null
index | sqlite_autoindex_user_roles_1 | user_roles | null
index | sqlite_autoindex_users_1 | users | null
index | sqlite_autoindex_users_2 | users | null
index | submissions_current | submissions | CREATE INDEX "submissions_current" on "submissions" ("period", "kind", "status")
table | annual_commentaries | annual_commentaries | CREATE TABLE "annual_commentaries" ("departement" text not null references "departements" ("code"), "year" integer not null, "section" text not null, "body" text not null, "updated_at" text not null, "updated_by" text, constraint "annual_commentaries_pk" primary key ("departement", "year", "section"))
table | arrondissements | arrondissements | CREATE TABLE "arrondissements" ("code" text primary key, "nom" text not null, "departement" text not null references "departements" ("code"))
table | audit_log | audit_log | CREATE TABLE "audit_log" ("id" integer primary key autoincrement, "at" text not null, "actor_id" text, "actor_label" text, "action" text not null, "target_type" text, "target_id" text, "details" text, "ip" text, "user_agent" text)
table | bilan_drafts | bilan_drafts | CREATE TABLE "bilan_drafts" ("group_id" text not null references "groups" ("id") on delete cascade, "period" text not null, "content" text not null, "updated_by" text, "updated_at" text not null, constraint "bilan_drafts_pk" primary key ("group_id", "period"))
table | bilan_rows | bilan_rows | CREATE TABLE "bilan_rows" ("submission_id" text primary key references "submissions" ("id") on delete cascade, "institution_designee" text not null, "faits_marquants" text not null, "difficultes" text not null, "bonnes_pratiques" text not null, "perspectives" text not null)
table | campaign_groups | campaign_groups | CREATE TABLE "campaign_groups" ("campaign_id" text not null references "campaigns" ("id") on delete cascade, "group_id" text not null references "groups" ("id"), constraint "campaign_groups_pk" primary key ("campaign_id", "group_id"))
table | campaign_reminders | campaign_reminders | CREATE TABLE "campaign_reminders" ("id" text primary key, "campaign_id" text not null references "campaigns" ("id") on delete cascade, "group_id" text not null references "groups" ("id"), "kind" text not null, "stage" text not null, "created_at" text not null, "email_status" text default 'none' not null, "email_recipients" integer default 0 not null, constraint "campaign_reminders_once" unique ("campaign_id", "group_id", "kind", "stage"))
table | campaigns | campaigns | CREATE TABLE "campaigns" ("id" text primary key, "departement" text not null references "departements" ("code"), "period" text not null, "kinds" text not null, "due_date" text not null, "status" text default 'open' not null, "opened_by" text, "opened_at" text not null, "closed_by" text, "closed_at" text, constraint "campaigns_period_uq" unique ("departement", "period"))
table | communes | communes | CREATE TABLE "communes" ("code" text primary key, "nom" text not null, "departement" text not null references "departements" ("code"), "arrondissement" text references "arrondissements" ("code"), "epci" text references "epci" ("code"), "population" integer not null)
table | departements | departements | CREATE TABLE "departements" ("code" text primary key, "nom" text not null)
table | epci | epci | CREATE TABLE "epci" ("code" text primary key, "nom" text not null, "type" text not null)
table | frozen_releases | frozen_releases | CREATE TABLE "frozen_releases" ("departement" text not null references "departements" ("code"), "period" text not null, "campaign_id" text references "campaigns" ("id"), "release_json" text not null, "frozen_at" text not null, "frozen_by" text, constraint "frozen_releases_pk" primary key ("departement", "period"))
table | group_communes | group_communes | CREATE TABLE "group_communes" ("group_id" text not null references "groups" ("id") on delete cascade, "commune_code" text not null references "communes" ("code"), constraint "group_communes_pk" primary key ("group_id", "commune_code"))
table | group_members | group_members | CREATE TABLE "group_members" ("id" text primary key, "group_id" text not null references "groups" ("id") on delete cascade, "institution" text not null, "fonction" text not null, "contact_name" text, "contact_email" text, "coordinator" integer default 0 not null, "created_at" text not null, "updated_at" text not null, "updated_by" text)
table | groups | groups | CREATE TABLE "groups" ("id" text primary key, "name" text not null, "instance_type" text not null, "departement" text not null references "departements" ("code"), "coordinator_institution" text not null, "member_institutions" text not null, "demo" integer default 0 not null, "created_at" text not null)
table | incident_letters | incident_letters | CREATE TABLE "incident_letters" ("id" text primary key, "group_id" text not null references "groups" ("id") on delete cascade, "letter_date" text not null, "direction" text not null, "institution" text not null, "reason" text not null, "note" text, "reply_date" text, "closed_date" text, "created_by" text, "created_at" text not null, "updated_by" text, "updated_at" text not null)
table | incident_rows | incident_rows | CREATE TABLE "incident_rows" ("submission_id" text not null references "submissions" ("id") on delete cascade, "line" integer not null, "date_incident" text not null, "sens" text not null, "motif" text not null, "suite" text not null, "description" text, constraint "incident_rows_pk" primary key ("submission_id", "line"))
table | invitations | invitations | CREATE TABLE "invitations" ("token_hash" text primary key, "user_id" text not null references "users" ("id") on delete cascade, "created_by" text, "created_at" text not null, "expires_at" text not null, "used_at" text)
table | kysely_migration | kysely_migration | CREATE TABLE "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null)
table | kysely_migration_lock | kysely_migration_lock | CREATE TABLE "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null)
table | letter_publications | letter_publications | CREATE TABLE "letter_publications" ("departement" text not null references "departements" ("code"), "year" integer not null, "letters_json" text not null, "published_at" text not null, constraint "letter_publications_pk" primary key ("departement", "year"))
table | local_protocols | local_protocols | CREATE TABLE "local_protocols" ("id" text primary key, "scope_type" text not null, "scope_id" text not null, "version" integer not null, "texte" text not null, "adopted_on" text not null, "limites" text not null, "regulation" text not null, "lieu" text not null, "created_by" text, "created_at" text not null, constraint "local_protocols_version_uq" unique ("scope_type", "scope_id", "version"))
table | oidc_logins | oidc_logins | CREATE TABLE "oidc_logins" ("state" text primary key, "nonce" text not null, "code_verifier" text not null, "redirect_to" text not null, "expires_at" text not null)
table | plenary_presentations | plenary_presentations | CREATE TABLE "plenary_presentations" ("session_id" text not null references "plenary_sessions" ("id") on delete cascade, "group_id" text not null references "groups" ("id") on delete cascade, "period" text not null, constraint "plenary_presentations_pk" primary key ("session_id", "group_id", "period"))
table | plenary_sessions | plenary_sessions | CREATE TABLE "plenary_sessions" ("id" text primary key, "commune_code" text not null references "communes" ("code"), "session_date" text not null, "orientations" text not null, "diagnostic" text not null, "created_by" text, "created_at" text not null, "updated_by" text, "updated_at" text not null)
table | publications | publications | CREATE TABLE "publications" ("departement" text not null references "departements" ("code"), "period" text not null, "snapshot_json" text not null, "plan_json" text, "published_at" text not null, "published_by" text, "campaign_id" text references "campaigns" ("id"), "protection" integer, constraint "publications_pk" primary key ("departement", "period"))
table | rate_limits | rate_limits | CREATE TABLE "rate_limits" ("key" text primary key, "window_start" text not null, "count" integer not null)
table | release_sets | release_sets | CREATE TABLE "release_sets" ("key" text primary key, "state" text not null, "body" text, "updated_at" text not null)
table | seance_rows | seance_rows | CREATE TABLE "seance_rows" ("submission_id" text not null references "submissions" ("id") on delete cascade, "line" integer not null, "date_seance" text not null, "ordre_du_jour_prealable" integer not null, "compte_rendu" integer not null, "nb_situations_examinees" integer not null, "nb_nouvelles_situations" integer not null, "evaluation_strategies_precedentes" text not null, "institutions_presentes" text not null, constraint "seance_rows_pk" primary key ("submission_id", "line"))
table | sessions | sessions | CREATE TABLE "sessions" ("id" text primary key, "user_id" text not null references "users" ("id") on delete cascade, "created_at" text not null, "expires_at" text not null, "mfa_pending" integer default 0 not null, "method" text not null, "ip" text, "user_agent" text)
table | settings | settings | CREATE TABLE "settings" ("key" text primary key, "value" text not null)
table | situation_rows | situation_rows | CREATE TABLE "situation_rows" ("submission_id" text not null references "submissions" ("id") on delete cascade, "line" integer not null, "ref_situation" text not null, "date_premier_examen" text not null, "problematique" text not null, "tranche_age" text not null, "sexe" text not null, "quartier" text, "information_interesse" text not null, "accord" text not null, "institution_pilote" text not null, "strategie" text not null, "nb_examens" integer not null, "transmission_hors_groupe" text not null, "statut" text not null, "evaluation" text not null, "date_cloture" text, "commentaire" text, constraint "situation_rows_pk" primary key ("submission_id", "line"))
table | sqlite_sequence | sqlite_sequence | CREATE TABLE sqlite_sequence(name,seq)
table | submission_files | submission_files | CREATE TABLE "submission_files" ("submission_id" text primary key references "submissions" ("id") on delete cascade, "bytes" blob not null)
table | submissions | submissions | CREATE TABLE "submissions" ("id" text primary key, "group_id" text not null references "groups" ("id"), "kind" text not null, "period" text not null, "version" integer not null, "status" text not null, "sha256" text not null, "filename" text not null, "size_bytes" integer not null, "row_count" integer not null, "uploaded_by" text, "uploaded_at" text not null, "supersedes" text references "submissions" ("id"), "change_summary" text, constraint "submissions_version_uq" unique ("group_id", "kind", "period", "version"))
table | user_roles | user_roles | CREATE TABLE "user_roles" ("user_id" text not null references "users" ("id") on delete cascade, "role" text not null, "scope_type" text not null, "scope_value" text not null, constraint "user_roles_pk" primary key ("user_id", "role", "scope_type", "scope_value"))
table | users | users | CREATE TABLE "users" ("id" text primary key, "email" text not null unique, "name" text, "password_hash" text, "status" text default 'active' not null, "demo" integer default 0 not null, "totp_secret" text, "totp_pending_secret" text, "totp_last_counter" integer, "failed_logins" integer default 0 not null, "locked_until" text, "oidc_subject" text, "created_at" text not null, "updated_at" text not null, "last_login_at" text)
trigger | audit_log_no_delete | audit_log | CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
trigger | audit_log_no_update | audit_log | CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END

-- annual_commentaries columns
0 | departement | TEXT | 1 | null | 1
1 | year | INTEGER | 1 | null | 2
2 | section | TEXT | 1 | null | 3
3 | body | TEXT | 1 | null | 0
4 | updated_at | TEXT | 1 | null | 0
5 | updated_by | TEXT | 0 | null | 0

-- annual_commentaries indexes
0 | sqlite_autoindex_annual_commentaries_1 | 1 | pk | 0

-- annual_commentaries foreign keys
0 | 0 | departements | departement | code | NO ACTION | NO ACTION | NONE

-- arrondissements columns
0 | code | TEXT | 0 | null | 1
1 | nom | TEXT | 1 | null | 0
2 | departement | TEXT | 1 | null | 0

-- arrondissements indexes
0 | sqlite_autoindex_arrondissements_1 | 1 | pk | 0

-- arrondissements foreign keys
0 | 0 | departements | departement | code | NO ACTION | NO ACTION | NONE

-- audit_log columns
0 | id | INTEGER | 0 | null | 1
1 | at | TEXT | 1 | null | 0
2 | actor_id | TEXT | 0 | null | 0
3 | actor_label | TEXT | 0 | null | 0
4 | action | TEXT | 1 | null | 0
5 | target_type | TEXT | 0 | null | 0
6 | target_id | TEXT | 0 | null | 0
7 | details | TEXT | 0 | null | 0
8 | ip | TEXT | 0 | null | 0
9 | user_agent | TEXT | 0 | null | 0

-- audit_log indexes
0 | audit_log_actor | 0 | c | 0
1 | audit_log_action | 0 | c | 0
2 | audit_log_at | 0 | c | 0

-- audit_log foreign keys

-- bilan_drafts columns
0 | group_id | TEXT | 1 | null | 1
1 | period | TEXT | 1 | null | 2
2 | content | TEXT | 1 | null | 0
3 | updated_by | TEXT | 0 | null | 0
4 | updated_at | TEXT | 1 | null | 0

-- bilan_drafts indexes
0 | sqlite_autoindex_bilan_drafts_1 | 1 | pk | 0

-- bilan_drafts foreign keys
0 | 0 | groups | group_id | id | NO ACTION | CASCADE | NONE

-- bilan_rows columns
0 | submission_id | TEXT | 0 | null | 1
1 | institution_designee | TEXT | 1 | null | 0
2 | faits_marquants | TEXT | 1 | null | 0
3 | difficultes | TEXT | 1 | null | 0
4 | bonnes_pratiques | TEXT | 1 | null | 0
5 | perspectives | TEXT | 1 | null | 0

-- bilan_rows indexes
0 | sqlite_autoindex_bilan_rows_1 | 1 | pk | 0

-- bilan_rows foreign keys
0 | 0 | submissions | submission_id | id | NO ACTION | CASCADE | NONE

-- campaign_groups columns
0 | campaign_id | TEXT | 1 | null | 1
1 | group_id | TEXT | 1 | null | 2

-- campaign_groups indexes
0 | campaign_groups_group | 0 | c | 0
1 | sqlite_autoindex_campaign_groups_1 | 1 | pk | 0

-- campaign_groups foreign keys
0 | 0 | groups | group_id | id | NO ACTION | NO ACTION | NONE
1 | 0 | campaigns | campaign_id | id | NO ACTION | CASCADE | NONE

-- campaign_reminders columns
0 | id | TEXT | 0 | null | 1
1 | campaign_id | TEXT | 1 | null | 0
2 | group_id | TEXT | 1 | null | 0
3 | kind | TEXT | 1 | null | 0
4 | stage | TEXT | 1 | null | 0
5 | created_at | TEXT | 1 | null | 0
6 | email_status | TEXT | 1 | 'none' | 0
7 | email_recipients | INTEGER | 1 | 0 | 0

-- campaign_reminders indexes
0 | campaign_reminders_group | 0 | c | 0
1 | sqlite_autoindex_campaign_reminders_2 | 1 | u | 0
2 | sqlite_autoindex_campaign_reminders_1 | 1 | pk | 0

-- campaign_reminders foreign keys
0 | 0 | groups | group_id | id | NO ACTION | NO ACTION | NONE
1 | 0 | campaigns | campaign_id | id | NO ACTION | CASCADE | NONE

-- campaigns columns
0 | id | TEXT | 0 | null | 1
1 | departement | TEXT | 1 | null | 0
2 | period | TEXT | 1 | null | 0
3 | kinds | TEXT | 1 | null | 0
4 | due_date | TEXT | 1 | null | 0
5 | status | TEXT | 1 | 'open' | 0
6 | opened_by | TEXT | 0 | null | 0
7 | opened_at | TEXT | 1 | null | 0
8 | closed_by | TEXT | 0 | null | 0
9 | closed_at | TEXT | 0 | null | 0

-- campaigns indexes
0 | sqlite_autoindex_campaigns_2 | 1 | u | 0
1 | sqlite_autoindex_campaigns_1 | 1 | pk | 0

-- campaigns foreign keys
0 | 0 | departements | departement | code | NO ACTION | NO ACTION | NONE

-- communes columns
0 | code | TEXT | 0 | null | 1
1 | nom | TEXT | 1 | null | 0
2 | departement | TEXT | 1 | null | 0
3 | arrondissement | TEXT | 0 | null | 0
4 | epci | TEXT | 0 | null | 0
5 | population | INTEGER | 1 | null | 0

-- communes indexes
0 | communes_departement | 0 | c | 0
1 | sqlite_autoindex_communes_1 | 1 | pk | 0

-- communes foreign keys
0 | 0 | epci | epci | code | NO ACTION | NO ACTION | NONE
1 | 0 | arrondissements | arrondissement | code | NO ACTION | NO ACTION | NONE
2 | 0 | departements | departement | code | NO ACTION | NO ACTION | NONE

-- departements columns
0 | code | TEXT | 0 | null | 1
1 | nom | TEXT | 1 | null | 0

-- departements indexes
0 | sqlite_autoindex_departements_1 | 1 | pk | 0

-- departements foreign keys

-- epci columns
0 | code | TEXT | 0 | null | 1
1 | nom | TEXT | 1 | null | 0
2 | type | TEXT | 1 | null | 0

-- epci indexes
0 | sqlite_autoindex_epci_1 | 1 | pk | 0

-- epci foreign keys

-- frozen_releases columns
0 | departement | TEXT | 1 | null | 1
1 | period | TEXT | 1 | null | 2
2 | campaign_id | TEXT | 0 | null | 0
3 | release_json | TEXT | 1 | null | 0
4 | frozen_at | TEXT | 1 | null | 0
5 | frozen_by | TEXT | 0 | null | 0

-- frozen_releases indexes
0 | sqlite_autoindex_frozen_releases_1 | 1 | pk | 0

-- frozen_releases foreign keys
0 | 0 | campaigns | campaign_id | id | NO ACTION | NO ACTION | NONE
1 | 0 | departements | departement | code | NO ACTION | NO ACTION | NONE

-- group_communes columns
0 | group_id | TEXT | 1 | null | 1
1 | commune_code | TEXT | 1 | null | 2

-- group_communes indexes
0 | group_communes_commune | 0 | c | 0
1 | sqlite_autoindex_group_communes_1 | 1 | pk | 0

-- group_communes foreign keys
0 | 0 | communes | commune_code | code | NO ACTION | NO ACTION | NONE
1 | 0 | groups | group_id | id | NO ACTION | CASCADE | NONE

-- group_members columns
0 | id | TEXT | 0 | null | 1
1 | group_id | TEXT | 1 | null | 0
2 | institution | TEXT | 1 | null | 0
3 | fonction | TEXT | 1 | null | 0
4 | contact_name | TEXT | 0 | null | 0
5 | contact_email | TEXT | 0 | null | 0
6 | coordinator | INTEGER | 1 | 0 | 0
7 | created_at | TEXT | 1 | null | 0
8 | updated_at | TEXT | 1 | null | 0
9 | updated_by | TEXT | 0 | null | 0

-- group_members indexes
0 | group_members_group | 0 | c | 0
1 | sqlite_autoindex_group_members_1 | 1 | pk | 0

-- group_members foreign keys
0 | 0 | groups | group_id | id | NO ACTION | CASCADE | NONE

-- groups columns
0 | id | TEXT | 0 | null | 1
1 | name | TEXT | 1 | null | 0
2 | instance_type | TEXT | 1 | null | 0
3 | departement | TEXT | 1 | null | 0
4 | coordinator_institution | TEXT | 1 | null | 0
5 | member_institutions | TEXT | 1 | null | 0
6 | demo | INTEGER | 1 | 0 | 0
7 | created_at | TEXT | 1 | null | 0

-- groups indexes
0 | sqlite_autoindex_groups_1 | 1 | pk | 0

-- groups foreign keys
0 | 0 | departements | departement | code | NO ACTION | NO ACTION | NONE

-- incident_letters columns
0 | id | TEXT | 0 | null | 1
1 | group_id | TEXT | 1 | null | 0
2 | letter_date | TEXT | 1 | null | 0
3 | direction | TEXT | 1 | null | 0
4 | institution | TEXT | 1 | null | 0
5 | reason | TEXT | 1 | null | 0
6 | note | TEXT | 0 | null | 0
7 | reply_date | TEXT | 0 | null | 0
8 | closed_date | TEXT | 0 | null | 0
9 | created_by | TEXT | 0 | null | 0
10 | created_at | TEXT | 1 | null | 0
11 | updated_by | TEXT | 0 | null | 0
12 | updated_at | TEXT | 1 | null | 0

-- incident_letters indexes
0 | incident_letters_group | 0 | c | 0
1 | sqlite_autoindex_incident_letters_1 | 1 | pk | 0

-- incident_letters foreign keys
0 | 0 | groups | group_id | id | NO ACTION | CASCADE | NONE

-- incident_rows columns
0 | submission_id | TEXT | 1 | null | 1
1 | line | INTEGER | 1 | null | 2
2 | date_incident | TEXT | 1 | null | 0
3 | sens | TEXT | 1 | null | 0
4 | motif | TEXT | 1 | null | 0
5 | suite | TEXT | 1 | null | 0
6 | description | TEXT | 0 | null | 0

-- incident_rows indexes
0 | sqlite_autoindex_incident_rows_1 | 1 | pk | 0

-- incident_rows foreign keys
0 | 0 | submissions | submission_id | id | NO ACTION | CASCADE | NONE

-- invitations columns
0 | token_hash | TEXT | 0 | null | 1
1 | user_id | TEXT | 1 | null | 0
2 | created_by | TEXT | 0 | null | 0
3 | created_at | TEXT | 1 | null | 0
4 | expires_at | TEXT | 1 | null | 0
5 | used_at | TEXT | 0 | null | 0

-- invitations indexes
0 | sqlite_autoindex_invitations_1 | 1 | pk | 0

-- invitations foreign keys
0 | 0 | users | user_id | id | NO ACTION | CASCADE | NONE

-- kysely_migration columns
0 | name | varchar(255) | 1 | null | 1
1 | timestamp | varchar(255) | 1 | null | 0

-- kysely_migration indexes
0 | sqlite_autoindex_kysely_migration_1 | 1 | pk | 0

-- kysely_migration foreign keys

-- kysely_migration_lock columns
0 | id | varchar(255) | 1 | null | 1
1 | is_locked | INTEGER | 1 | 0 | 0

-- kysely_migration_lock indexes
0 | sqlite_autoindex_kysely_migration_lock_1 | 1 | pk | 0

-- kysely_migration_lock foreign keys

-- letter_publications columns
0 | departement | TEXT | 1 | null | 1
1 | year | INTEGER | 1 | null | 2
2 | letters_json | TEXT | 1 | null | 0
3 | published_at | TEXT | 1 | null | 0

-- letter_publications indexes
0 | sqlite_autoindex_letter_publications_1 | 1 | pk | 0

-- letter_publications foreign keys
0 | 0 | departements | departement | code | NO ACTION | NO ACTION | NONE

-- local_protocols columns
0 | id | TEXT | 0 | null | 1
1 | scope_type | TEXT | 1 | null | 0
2 | scope_id | TEXT | 1 | null | 0
3 | version | INTEGER | 1 | null | 0
4 | texte | TEXT | 1 | null | 0
5 | adopted_on | TEXT | 1 | null | 0
6 | limites | TEXT | 1 | null | 0
7 | regulation | TEXT | 1 | null | 0
8 | lieu | TEXT | 1 | null | 0
9 | created_by | TEXT | 0 | null | 0
10 | created_at | TEXT | 1 | null | 0

-- local_protocols indexes
0 | sqlite_autoindex_local_protocols_2 | 1 | u | 0
1 | sqlite_autoindex_local_protocols_1 | 1 | pk | 0

-- local_protocols foreign keys

-- oidc_logins columns
0 | state | TEXT | 0 | null | 1
1 | nonce | TEXT | 1 | null | 0
2 | code_verifier | TEXT | 1 | null | 0
3 | redirect_to | TEXT | 1 | null | 0
4 | expires_at | TEXT | 1 | null | 0

-- oidc_logins indexes
0 | sqlite_autoindex_oidc_logins_1 | 1 | pk | 0

-- oidc_logins foreign keys

-- plenary_presentations columns
0 | session_id | TEXT | 1 | null | 1
1 | group_id | TEXT | 1 | null | 2
2 | period | TEXT | 1 | null | 3

-- plenary_presentations indexes
0 | plenary_presentations_group | 0 | c | 0
1 | sqlite_autoindex_plenary_presentations_1 | 1 | pk | 0

-- plenary_presentations foreign keys
0 | 0 | groups | group_id | id | NO ACTION | CASCADE | NONE
1 | 0 | plenary_sessions | session_id | id | NO ACTION | CASCADE | NONE

-- plenary_sessions columns
0 | id | TEXT | 0 | null | 1
1 | commune_code | TEXT | 1 | null | 0
2 | session_date | TEXT | 1 | null | 0
3 | orientations | TEXT | 1 | null | 0
4 | diagnostic | TEXT | 1 | null | 0
5 | created_by | TEXT | 0 | null | 0
6 | created_at | TEXT | 1 | null | 0
7 | updated_by | TEXT | 0 | null | 0
8 | updated_at | TEXT | 1 | null | 0

-- plenary_sessions indexes
0 | plenary_sessions_commune | 0 | c | 0
1 | sqlite_autoindex_plenary_sessions_1 | 1 | pk | 0

-- plenary_sessions foreign keys
0 | 0 | communes | commune_code | code | NO ACTION | NO ACTION | NONE

-- publications columns
0 | departement | TEXT | 1 | null | 1
1 | period | TEXT | 1 | null | 2
2 | snapshot_json | TEXT | 1 | null | 0
3 | plan_json | TEXT | 0 | null | 0
4 | published_at | TEXT | 1 | null | 0
5 | published_by | TEXT | 0 | null | 0
6 | campaign_id | TEXT | 0 | null | 0
7 | protection | INTEGER | 0 | null | 0

-- publications indexes
0 | sqlite_autoindex_publications_1 | 1 | pk | 0

-- publications foreign keys
0 | 0 | campaigns | campaign_id | id | NO ACTION | NO ACTION | NONE
1 | 0 | departements | departement | code | NO ACTION | NO ACTION | NONE

-- rate_limits columns
0 | key | TEXT | 0 | null | 1
1 | window_start | TEXT | 1 | null | 0
2 | count | INTEGER | 1 | null | 0

-- rate_limits indexes
0 | sqlite_autoindex_rate_limits_1 | 1 | pk | 0

-- rate_limits foreign keys

-- release_sets columns
0 | key | TEXT | 0 | null | 1
1 | state | TEXT | 1 | null | 0
2 | body | TEXT | 0 | null | 0
3 | updated_at | TEXT | 1 | null | 0

-- release_sets indexes
0 | sqlite_autoindex_release_sets_1 | 1 | pk | 0

-- release_sets foreign keys

-- seance_rows columns
0 | submission_id | TEXT | 1 | null | 1
1 | line | INTEGER | 1 | null | 2
2 | date_seance | TEXT | 1 | null | 0
3 | ordre_du_jour_prealable | INTEGER | 1 | null | 0
4 | compte_rendu | INTEGER | 1 | null | 0
5 | nb_situations_examinees | INTEGER | 1 | null | 0
6 | nb_nouvelles_situations | INTEGER | 1 | null | 0
7 | evaluation_strategies_precedentes | TEXT | 1 | null | 0
8 | institutions_presentes | TEXT | 1 | null | 0

-- seance_rows indexes
0 | sqlite_autoindex_seance_rows_1 | 1 | pk | 0

-- seance_rows foreign keys
0 | 0 | submissions | submission_id | id | NO ACTION | CASCADE | NONE

-- sessions columns
0 | id | TEXT | 0 | null | 1
1 | user_id | TEXT | 1 | null | 0
2 | created_at | TEXT | 1 | null | 0
3 | expires_at | TEXT | 1 | null | 0
4 | mfa_pending | INTEGER | 1 | 0 | 0
5 | method | TEXT | 1 | null | 0
6 | ip | TEXT | 0 | null | 0
7 | user_agent | TEXT | 0 | null | 0

-- sessions indexes
0 | sessions_user | 0 | c | 0
1 | sqlite_autoindex_sessions_1 | 1 | pk | 0

-- sessions foreign keys
0 | 0 | users | user_id | id | NO ACTION | CASCADE | NONE

-- settings columns
0 | key | TEXT | 0 | null | 1
1 | value | TEXT | 1 | null | 0

-- settings indexes
0 | sqlite_autoindex_settings_1 | 1 | pk | 0

-- settings foreign keys

-- situation_rows columns
0 | submission_id | TEXT | 1 | null | 1
1 | line | INTEGER | 1 | null | 2
2 | ref_situation | TEXT | 1 | null | 0
3 | date_premier_examen | TEXT | 1 | null | 0
4 | problematique | TEXT | 1 | null | 0
5 | tranche_age | TEXT | 1 | null | 0
6 | sexe | TEXT | 1 | null | 0
7 | quartier | TEXT | 0 | null | 0
8 | information_interesse | TEXT | 1 | null | 0
9 | accord | TEXT | 1 | null | 0
10 | institution_pilote | TEXT | 1 | null | 0
11 | strategie | TEXT | 1 | null | 0
12 | nb_examens | INTEGER | 1 | null | 0
13 | transmission_hors_groupe | TEXT | 1 | null | 0
14 | statut | TEXT | 1 | null | 0
15 | evaluation | TEXT | 1 | null | 0
16 | date_cloture | TEXT | 0 | null | 0
17 | commentaire | TEXT | 0 | null | 0

-- situation_rows indexes
0 | sqlite_autoindex_situation_rows_1 | 1 | pk | 0

-- situation_rows foreign keys
0 | 0 | submissions | submission_id | id | NO ACTION | CASCADE | NONE

-- sqlite_sequence columns
0 | name |  | 0 | null | 0
1 | seq |  | 0 | null | 0

-- sqlite_sequence indexes

-- sqlite_sequence foreign keys

-- submission_files columns
0 | submission_id | TEXT | 0 | null | 1
1 | bytes | BLOB | 1 | null | 0

-- submission_files indexes
0 | sqlite_autoindex_submission_files_1 | 1 | pk | 0

-- submission_files foreign keys
0 | 0 | submissions | submission_id | id | NO ACTION | CASCADE | NONE

-- submissions columns
0 | id | TEXT | 0 | null | 1
1 | group_id | TEXT | 1 | null | 0
2 | kind | TEXT | 1 | null | 0
3 | period | TEXT | 1 | null | 0
4 | version | INTEGER | 1 | null | 0
5 | status | TEXT | 1 | null | 0
6 | sha256 | TEXT | 1 | null | 0
7 | filename | TEXT | 1 | null | 0
8 | size_bytes | INTEGER | 1 | null | 0
9 | row_count | INTEGER | 1 | null | 0
10 | uploaded_by | TEXT | 0 | null | 0
11 | uploaded_at | TEXT | 1 | null | 0
12 | supersedes | TEXT | 0 | null | 0
13 | change_summary | TEXT | 0 | null | 0

-- submissions indexes
0 | submissions_current | 0 | c | 0
1 | sqlite_autoindex_submissions_2 | 1 | u | 0
2 | sqlite_autoindex_submissions_1 | 1 | pk | 0

-- submissions foreign keys
0 | 0 | submissions | supersedes | id | NO ACTION | NO ACTION | NONE
1 | 0 | groups | group_id | id | NO ACTION | NO ACTION | NONE

-- user_roles columns
0 | user_id | TEXT | 1 | null | 1
1 | role | TEXT | 1 | null | 2
2 | scope_type | TEXT | 1 | null | 3
3 | scope_value | TEXT | 1 | null | 4

-- user_roles indexes
0 | sqlite_autoindex_user_roles_1 | 1 | pk | 0

-- user_roles foreign keys
0 | 0 | users | user_id | id | NO ACTION | CASCADE | NONE

-- users columns
0 | id | TEXT | 0 | null | 1
1 | email | TEXT | 1 | null | 0
2 | name | TEXT | 0 | null | 0
3 | password_hash | TEXT | 0 | null | 0
4 | status | TEXT | 1 | 'active' | 0
5 | demo | INTEGER | 1 | 0 | 0
6 | totp_secret | TEXT | 0 | null | 0
7 | totp_pending_secret | TEXT | 0 | null | 0
8 | totp_last_counter | INTEGER | 0 | null | 0
9 | failed_logins | INTEGER | 1 | 0 | 0
10 | locked_until | TEXT | 0 | null | 0
11 | oidc_subject | TEXT | 0 | null | 0
12 | created_at | TEXT | 1 | null | 0
13 | updated_at | TEXT | 1 | null | 0
14 | last_login_at | TEXT | 0 | null | 0

-- users indexes
0 | sqlite_autoindex_users_2 | 1 | u | 0
1 | sqlite_autoindex_users_1 | 1 | pk | 0

-- users foreign keys
