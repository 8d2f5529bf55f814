-- columns
annual_commentaries | 1 | departement | text | text | NO | null
annual_commentaries | 2 | year | integer | int4 | NO | null
annual_commentaries | 3 | section | text | text | NO | null
annual_commentaries | 4 | body | text | text | NO | null
annual_commentaries | 5 | updated_at | text | text | NO | null
annual_commentaries | 6 | updated_by | text | text | YES | null
arrondissements | 1 | code | text | text | NO | null
arrondissements | 2 | nom | text | text | NO | null
arrondissements | 3 | departement | text | text | NO | null
audit_log | 1 | id | bigint | int8 | NO | nextval('audit_log_id_seq'::regclass)
audit_log | 2 | at | text | text | NO | null
audit_log | 3 | actor_id | text | text | YES | null
audit_log | 4 | actor_label | text | text | YES | null
audit_log | 5 | action | text | text | NO | null
audit_log | 6 | target_type | text | text | YES | null
audit_log | 7 | target_id | text | text | YES | null
audit_log | 8 | details | text | text | YES | null
audit_log | 9 | ip | text | text | YES | null
audit_log | 10 | user_agent | text | text | YES | null
bilan_drafts | 1 | group_id | text | text | NO | null
bilan_drafts | 2 | period | text | text | NO | null
bilan_drafts | 3 | content | text | text | NO | null
bilan_drafts | 4 | updated_by | text | text | YES | null
bilan_drafts | 5 | updated_at | text | text | NO | null
bilan_rows | 1 | submission_id | text | text | NO | null
bilan_rows | 2 | institution_designee | text | text | NO | null
bilan_rows | 3 | faits_marquants | text | text | NO | null
bilan_rows | 4 | difficultes | text | text | NO | null
bilan_rows | 5 | bonnes_pratiques | text | text | NO | null
bilan_rows | 6 | perspectives | text | text | NO | null
campaign_groups | 1 | campaign_id | text | text | NO | null
campaign_groups | 2 | group_id | text | text | NO | null
campaign_reminders | 1 | id | text | text | NO | null
campaign_reminders | 2 | campaign_id | text | text | NO | null
campaign_reminders | 3 | group_id | text | text | NO | null
campaign_reminders | 4 | kind | text | text | NO | null
campaign_reminders | 5 | stage | text | text | NO | null
campaign_reminders | 6 | created_at | text | text | NO | null
campaign_reminders | 7 | email_status | text | text | NO | 'none'::text
campaign_reminders | 8 | email_recipients | integer | int4 | NO | 0
campaigns | 1 | id | text | text | NO | null
campaigns | 2 | departement | text | text | NO | null
campaigns | 3 | period | text | text | NO | null
campaigns | 4 | kinds | text | text | NO | null
campaigns | 5 | due_date | text | text | NO | null
campaigns | 6 | status | text | text | NO | 'open'::text
campaigns | 7 | opened_by | text | text | YES | null
campaigns | 8 | opened_at | text | text | NO | null
campaigns | 9 | closed_by | text | text | YES | null
campaigns | 10 | closed_at | text | text | YES | null
communes | 1 | code | text | text | NO | null
communes | 2 | nom | text | text | NO | null
communes | 3 | departement | text | text | NO | null
communes | 4 | arrondissement | text | text | YES | null
communes | 5 | epci | text | text | YES | null
communes | 6 | population | integer | int4 | NO | null
departements | 1 | code | text | text | NO | null
departements | 2 | nom | text | text | NO | null
epci | 1 | code | text | text | NO | null
epci | 2 | nom | text | text | NO | null
epci | 3 | type | text | text | NO | null
frozen_releases | 1 | departement | text | text | NO | null
frozen_releases | 2 | period | text | text | NO | null
frozen_releases | 3 | campaign_id | text | text | YES | null
frozen_releases | 4 | release_json | text | text | NO | null
frozen_releases | 5 | frozen_at | text | text | NO | null
frozen_releases | 6 | frozen_by | text | text | YES | null
group_communes | 1 | group_id | text | text | NO | null
group_communes | 2 | commune_code | text | text | NO | null
group_members | 1 | id | text | text | NO | null
group_members | 2 | group_id | text | text | NO | null
group_members | 3 | institution | text | text | NO | null
group_members | 4 | fonction | text | text | NO | null
group_members | 5 | contact_name | text | text | YES | null
group_members | 6 | contact_email | text | text | YES | null
group_members | 7 | coordinator | integer | int4 | NO | 0
group_members | 8 | created_at | text | text | NO | null
group_members | 9 | updated_at | text | text | NO | null
group_members | 10 | updated_by | text | text | YES | null
groups | 1 | id | text | text | NO | null
groups | 2 | name | text | text | NO | null
groups | 3 | instance_type | text | text | NO | null
groups | 4 | departement | text | text | NO | null
groups | 5 | coordinator_institution | text | text | NO | null
groups | 6 | member_institutions | text | text | NO | null
groups | 7 | demo | integer | int4 | NO | 0
groups | 8 | created_at | text | text | NO | null
incident_letters | 1 | id | text | text | NO | null
incident_letters | 2 | group_id | text | text | NO | null
incident_letters | 3 | letter_date | text | text | NO | null
incident_letters | 4 | direction | text | text | NO | null
incident_letters | 5 | institution | text | text | NO | null
incident_letters | 6 | reason | text | text | NO | null
incident_letters | 7 | note | text | text | YES | null
incident_letters | 8 | reply_date | text | text | YES | null
incident_letters | 9 | closed_date | text | text | YES | null
incident_letters | 10 | created_by | text | text | YES | null
incident_letters | 11 | created_at | text | text | NO | null
incident_letters | 12 | updated_by | text | text | YES | null
incident_letters | 13 | updated_at | text | text | NO | null
incident_rows | 1 | submission_id | text | text | NO | null
incident_rows | 2 | line | integer | int4 | NO | null
incident_rows | 3 | date_incident | text | text | NO | null
incident_rows | 4 | sens | text | text | NO | null
incident_rows | 5 | motif | text | text | NO | null
incident_rows | 6 | suite | text | text | NO | null
incident_rows | 7 | description | text | text | YES | null
invitations | 1 | token_hash | text | text | NO | null
invitations | 2 | user_id | text | text | NO | null
invitations | 3 | created_by | text | text | YES | null
invitations | 4 | created_at | text | text | NO | null
invitations | 5 | expires_at | text | text | NO | null
invitations | 6 | used_at | text | text | YES | null
kysely_migration | 1 | name | character varying | varchar | NO | null
kysely_migration | 2 | timestamp | character varying | varchar | NO | null
kysely_migration_lock | 1 | id | character varying | varchar | NO | null
kysely_migration_lock | 2 | is_locked | integer | int4 | NO | 0
letter_publications | 1 | departement | text | text | NO | null
letter_publications | 2 | year | integer | int4 | NO | null
letter_publications | 3 | letters_json | text | text | NO | null
letter_publications | 4 | published_at | text | text | NO | null
local_protocols | 1 | id | text | text | NO | null
local_protocols | 2 | scope_type | text | text | NO | null
local_protocols | 3 | scope_id | text | text | NO | null
local_protocols | 4 | version | integer | int4 | NO | null
local_protocols | 5 | texte | text | text | NO | null
local_protocols | 6 | adopted_on | text | text | NO | null
local_protocols | 7 | limites | text | text | NO | null
local_protocols | 8 | regulation | text | text | NO | null
local_protocols | 9 | lieu | text | text | NO | null
local_protocols | 10 | created_by | text | text | YES | null
local_protocols | 11 | created_at | text | text | NO | null
oidc_logins | 1 | state | text | text | NO | null
oidc_logins | 2 | nonce | text | text | NO | null
oidc_logins | 3 | code_verifier | text | text | NO | null
oidc_logins | 4 | redirect_to | text | text | NO | null
oidc_logins | 5 | expires_at | text | text | NO | null
plenary_presentations | 1 | session_id | text | text | NO | null
plenary_presentations | 2 | group_id | text | text | NO | null
plenary_presentations | 3 | period | text | text | NO | null
plenary_sessions | 1 | id | text | text | NO | null
plenary_sessions | 2 | commune_code | text | text | NO | null
plenary_sessions | 3 | session_date | text | text | NO | null
plenary_sessions | 4 | orientations | text | text | NO | null
plenary_sessions | 5 | diagnostic | text | text | NO | null
plenary_sessions | 6 | created_by | text | text | YES | null
plenary_sessions | 7 | created_at | text | text | NO | null
plenary_sessions | 8 | updated_by | text | text | YES | null
plenary_sessions | 9 | updated_at | text | text | NO | null
publications | 1 | departement | text | text | NO | null
publications | 2 | period | text | text | NO | null
publications | 3 | snapshot_json | text | text | NO | null
publications | 4 | plan_json | text | text | YES | null
publications | 5 | published_at | text | text | NO | null
publications | 6 | published_by | text | text | YES | null
publications | 7 | campaign_id | text | text | YES | null
publications | 8 | protection | integer | int4 | YES | null
rate_limits | 1 | key | text | text | NO | null
rate_limits | 2 | window_start | text | text | NO | null
rate_limits | 3 | count | integer | int4 | NO | null
release_sets | 1 | key | text | text | NO | null
release_sets | 2 | state | text | text | NO | null
release_sets | 3 | body | text | text | YES | null
release_sets | 4 | updated_at | text | text | NO | null
seance_rows | 1 | submission_id | text | text | NO | null
seance_rows | 2 | line | integer | int4 | NO | null
seance_rows | 3 | date_seance | text | text | NO | null
seance_rows | 4 | ordre_du_jour_prealable | integer | int4 | NO | null
seance_rows | 5 | compte_rendu | integer | int4 | NO | null
seance_rows | 6 | nb_situations_examinees | integer | int4 | NO | null
seance_rows | 7 | nb_nouvelles_situations | integer | int4 | NO | null
seance_rows | 8 | evaluation_strategies_precedentes | text | text | NO | null
seance_rows | 9 | institutions_presentes | text | text | NO | null
sessions | 1 | id | text | text | NO | null
sessions | 2 | user_id | text | text | NO | null
sessions | 3 | created_at | text | text | NO | null
sessions | 4 | expires_at | text | text | NO | null
sessions | 5 | mfa_pending | integer | int4 | NO | 0
sessions | 6 | method | text | text | NO | null
sessions | 7 | ip | text | text | YES | null
sessions | 8 | user_agent | text | text | YES | null
settings | 1 | key | text | text | NO | null
settings | 2 | value | text | text | NO | null
situation_rows | 1 | submission_id | text | text | NO | null
situation_rows | 2 | line | integer | int4 | NO | null
situation_rows | 3 | ref_situation | text | text | NO | null
situation_rows | 4 | date_premier_examen | text | text | NO | null
situation_rows | 5 | problematique | text | text | NO | null
situation_rows | 6 | tranche_age | text | text | NO | null
situation_rows | 7 | sexe | text | text | NO | null
situation_rows | 8 | quartier | text | text | YES | null
situation_rows | 9 | information_interesse | text | text | NO | null
situation_rows | 10 | accord | text | text | NO | null
situation_rows | 11 | institution_pilote | text | text | NO | null
situation_rows | 12 | strategie | text | text | NO | null
situation_rows | 13 | nb_examens | integer | int4 | NO | null
situation_rows | 14 | transmission_hors_groupe | text | text | NO | null
situation_rows | 15 | statut | text | text | NO | null
situation_rows | 16 | evaluation | text | text | NO | null
situation_rows | 17 | date_cloture | text | text | YES | null
situation_rows | 18 | commentaire | text | text | YES | null
submission_files | 1 | submission_id | text | text | NO | null
submission_files | 2 | bytes | bytea | bytea | NO | null
submissions | 1 | id | text | text | NO | null
submissions | 2 | group_id | text | text | NO | null
submissions | 3 | kind | text | text | NO | null
submissions | 4 | period | text | text | NO | null
submissions | 5 | version | integer | int4 | NO | null
submissions | 6 | status | text | text | NO | null
submissions | 7 | sha256 | text | text | NO | null
submissions | 8 | filename | text | text | NO | null
submissions | 9 | size_bytes | integer | int4 | NO | null
submissions | 10 | row_count | integer | int4 | NO | null
submissions | 11 | uploaded_by | text | text | YES | null
submissions | 12 | uploaded_at | text | text | NO | null
submissions | 13 | supersedes | text | text | YES | null
submissions | 14 | change_summary | text | text | YES | null
user_roles | 1 | user_id | text | text | NO | null
user_roles | 2 | role | text | text | NO | null
user_roles | 3 | scope_type | text | text | NO | null
user_roles | 4 | scope_value | text | text | NO | null
users | 1 | id | text | text | NO | null
users | 2 | email | text | text | NO | null
users | 3 | name | text | text | YES | null
users | 4 | password_hash | text | text | YES | null
users | 5 | status | text | text | NO | 'active'::text
users | 6 | demo | integer | int4 | NO | 0
users | 7 | totp_secret | text | text | YES | null
users | 8 | totp_pending_secret | text | text | YES | null
users | 9 | totp_last_counter | integer | int4 | YES | null
users | 10 | failed_logins | integer | int4 | NO | 0
users | 11 | locked_until | text | text | YES | null
users | 12 | oidc_subject | text | text | YES | null
users | 13 | created_at | text | text | NO | null
users | 14 | updated_at | text | text | NO | null
users | 15 | last_login_at | text | text | YES | null

-- constraints
annual_commentaries | annual_commentaries_departement_fkey | f | FOREIGN KEY (departement) REFERENCES departements(code)
annual_commentaries | annual_commentaries_pk | p | PRIMARY KEY (departement, year, section)
arrondissements | arrondissements_departement_fkey | f | FOREIGN KEY (departement) REFERENCES departements(code)
arrondissements | arrondissements_pkey | p | PRIMARY KEY (code)
audit_log | audit_log_pkey | p | PRIMARY KEY (id)
bilan_drafts | bilan_drafts_group_id_fkey | f | FOREIGN KEY (group_id) REFERENCES groups(id) ON DELETE CASCADE
bilan_drafts | bilan_drafts_pk | p | PRIMARY KEY (group_id, period)
bilan_rows | bilan_rows_pkey | p | PRIMARY KEY (submission_id)
bilan_rows | bilan_rows_submission_id_fkey | f | FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE
campaign_groups | campaign_groups_campaign_id_fkey | f | FOREIGN KEY (campaign_id) REFERENCES campaigns(id) ON DELETE CASCADE
campaign_groups | campaign_groups_group_id_fkey | f | FOREIGN KEY (group_id) REFERENCES groups(id)
campaign_groups | campaign_groups_pk | p | PRIMARY KEY (campaign_id, group_id)
campaign_reminders | campaign_reminders_campaign_id_fkey | f | FOREIGN KEY (campaign_id) REFERENCES campaigns(id) ON DELETE CASCADE
campaign_reminders | campaign_reminders_group_id_fkey | f | FOREIGN KEY (group_id) REFERENCES groups(id)
campaign_reminders | campaign_reminders_once | u | UNIQUE (campaign_id, group_id, kind, stage)
campaign_reminders | campaign_reminders_pkey | p | PRIMARY KEY (id)
campaigns | campaigns_departement_fkey | f | FOREIGN KEY (departement) REFERENCES departements(code)
campaigns | campaigns_period_uq | u | UNIQUE (departement, period)
campaigns | campaigns_pkey | p | PRIMARY KEY (id)
communes | communes_arrondissement_fkey | f | FOREIGN KEY (arrondissement) REFERENCES arrondissements(code)
communes | communes_departement_fkey | f | FOREIGN KEY (departement) REFERENCES departements(code)
communes | communes_epci_fkey | f | FOREIGN KEY (epci) REFERENCES epci(code)
communes | communes_pkey | p | PRIMARY KEY (code)
departements | departements_pkey | p | PRIMARY KEY (code)
epci | epci_pkey | p | PRIMARY KEY (code)
frozen_releases | frozen_releases_campaign_id_fkey | f | FOREIGN KEY (campaign_id) REFERENCES campaigns(id)
frozen_releases | frozen_releases_departement_fkey | f | FOREIGN KEY (departement) REFERENCES departements(code)
frozen_releases | frozen_releases_pk | p | PRIMARY KEY (departement, period)
group_communes | group_communes_commune_code_fkey | f | FOREIGN KEY (commune_code) REFERENCES communes(code)
group_communes | group_communes_group_id_fkey | f | FOREIGN KEY (group_id) REFERENCES groups(id) ON DELETE CASCADE
group_communes | group_communes_pk | p | PRIMARY KEY (group_id, commune_code)
group_members | group_members_group_id_fkey | f | FOREIGN KEY (group_id) REFERENCES groups(id) ON DELETE CASCADE
group_members | group_members_pkey | p | PRIMARY KEY (id)
groups | groups_departement_fkey | f | FOREIGN KEY (departement) REFERENCES departements(code)
groups | groups_pkey | p | PRIMARY KEY (id)
incident_letters | incident_letters_group_id_fkey | f | FOREIGN KEY (group_id) REFERENCES groups(id) ON DELETE CASCADE
incident_letters | incident_letters_pkey | p | PRIMARY KEY (id)
incident_rows | incident_rows_pk | p | PRIMARY KEY (submission_id, line)
incident_rows | incident_rows_submission_id_fkey | f | FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE
invitations | invitations_pkey | p | PRIMARY KEY (token_hash)
invitations | invitations_user_id_fkey | f | FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
kysely_migration | kysely_migration_pkey | p | PRIMARY KEY (name)
kysely_migration_lock | kysely_migration_lock_pkey | p | PRIMARY KEY (id)
letter_publications | letter_publications_departement_fkey | f | FOREIGN KEY (departement) REFERENCES departements(code)
letter_publications | letter_publications_pk | p | PRIMARY KEY (departement, year)
local_protocols | local_protocols_pkey | p | PRIMARY KEY (id)
local_protocols | local_protocols_version_uq | u | UNIQUE (scope_type, scope_id, version)
oidc_logins | oidc_logins_pkey | p | PRIMARY KEY (state)
plenary_presentations | plenary_presentations_group_id_fkey | f | FOREIGN KEY (group_id) REFERENCES groups(id) ON DELETE CASCADE
plenary_presentations | plenary_presentations_pk | p | PRIMARY KEY (session_id, group_id, period)
plenary_presentations | plenary_presentations_session_id_fkey | f | FOREIGN KEY (session_id) REFERENCES plenary_sessions(id) ON DELETE CASCADE
plenary_sessions | plenary_sessions_commune_code_fkey | f | FOREIGN KEY (commune_code) REFERENCES communes(code)
plenary_sessions | plenary_sessions_pkey | p | PRIMARY KEY (id)
publications | publications_campaign_id_fkey | f | FOREIGN KEY (campaign_id) REFERENCES campaigns(id)
publications | publications_departement_fkey | f | FOREIGN KEY (departement) REFERENCES departements(code)
publications | publications_pk | p | PRIMARY KEY (departement, period)
rate_limits | rate_limits_pkey | p | PRIMARY KEY (key)
release_sets | release_sets_pkey | p | PRIMARY KEY (key)
seance_rows | seance_rows_pk | p | PRIMARY KEY (submission_id, line)
seance_rows | seance_rows_submission_id_fkey | f | FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE
sessions | sessions_pkey | p | PRIMARY KEY (id)
sessions | sessions_user_id_fkey | f | FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
settings | settings_pkey | p | PRIMARY KEY (key)
situation_rows | situation_rows_pk | p | PRIMARY KEY (submission_id, line)
situation_rows | situation_rows_submission_id_fkey | f | FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE
submission_files | submission_files_pkey | p | PRIMARY KEY (submission_id)
submission_files | submission_files_submission_id_fkey | f | FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE
submissions | submissions_group_id_fkey | f | FOREIGN KEY (group_id) REFERENCES groups(id)
submissions | submissions_pkey | p | PRIMARY KEY (id)
submissions | submissions_supersedes_fkey | f | FOREIGN KEY (supersedes) REFERENCES submissions(id)
submissions | submissions_version_uq | u | UNIQUE (group_id, kind, period, version)
user_roles | user_roles_pk | p | PRIMARY KEY (user_id, role, scope_type, scope_value)
user_roles | user_roles_user_id_fkey | f | FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
users | users_email_key | u | UNIQUE (email)
users | users_pkey | p | PRIMARY KEY (id)

-- indexes
annual_commentaries | annual_commentaries_pk | CREATE UNIQUE INDEX annual_commentaries_pk ON <schema>.annual_commentaries USING btree (departement, year, section)
arrondissements | arrondissements_pkey | CREATE UNIQUE INDEX arrondissements_pkey ON <schema>.arrondissements USING btree (code)
audit_log | audit_log_action | CREATE INDEX audit_log_action ON <schema>.audit_log USING btree (action, at)
audit_log | audit_log_actor | CREATE INDEX audit_log_actor ON <schema>.audit_log USING btree (actor_id, at)
audit_log | audit_log_at | CREATE INDEX audit_log_at ON <schema>.audit_log USING btree (at)
audit_log | audit_log_pkey | CREATE UNIQUE INDEX audit_log_pkey ON <schema>.audit_log USING btree (id)
bilan_drafts | bilan_drafts_pk | CREATE UNIQUE INDEX bilan_drafts_pk ON <schema>.bilan_drafts USING btree (group_id, period)
bilan_rows | bilan_rows_pkey | CREATE UNIQUE INDEX bilan_rows_pkey ON <schema>.bilan_rows USING btree (submission_id)
campaign_groups | campaign_groups_group | CREATE INDEX campaign_groups_group ON <schema>.campaign_groups USING btree (group_id)
campaign_groups | campaign_groups_pk | CREATE UNIQUE INDEX campaign_groups_pk ON <schema>.campaign_groups USING btree (campaign_id, group_id)
campaign_reminders | campaign_reminders_group | CREATE INDEX campaign_reminders_group ON <schema>.campaign_reminders USING btree (group_id)
campaign_reminders | campaign_reminders_once | CREATE UNIQUE INDEX campaign_reminders_once ON <schema>.campaign_reminders USING btree (campaign_id, group_id, kind, stage)
campaign_reminders | campaign_reminders_pkey | CREATE UNIQUE INDEX campaign_reminders_pkey ON <schema>.campaign_reminders USING btree (id)
campaigns | campaigns_period_uq | CREATE UNIQUE INDEX campaigns_period_uq ON <schema>.campaigns USING btree (departement, period)
campaigns | campaigns_pkey | CREATE UNIQUE INDEX campaigns_pkey ON <schema>.campaigns USING btree (id)
communes | communes_departement | CREATE INDEX communes_departement ON <schema>.communes USING btree (departement)
communes | communes_pkey | CREATE UNIQUE INDEX communes_pkey ON <schema>.communes USING btree (code)
departements | departements_pkey | CREATE UNIQUE INDEX departements_pkey ON <schema>.departements USING btree (code)
epci | epci_pkey | CREATE UNIQUE INDEX epci_pkey ON <schema>.epci USING btree (code)
frozen_releases | frozen_releases_pk | CREATE UNIQUE INDEX frozen_releases_pk ON <schema>.frozen_releases USING btree (departement, period)
group_communes | group_communes_commune | CREATE INDEX group_communes_commune ON <schema>.group_communes USING btree (commune_code)
group_communes | group_communes_pk | CREATE UNIQUE INDEX group_communes_pk ON <schema>.group_communes USING btree (group_id, commune_code)
group_members | group_members_group | CREATE INDEX group_members_group ON <schema>.group_members USING btree (group_id)
group_members | group_members_pkey | CREATE UNIQUE INDEX group_members_pkey ON <schema>.group_members USING btree (id)
groups | groups_pkey | CREATE UNIQUE INDEX groups_pkey ON <schema>.groups USING btree (id)
incident_letters | incident_letters_group | CREATE INDEX incident_letters_group ON <schema>.incident_letters USING btree (group_id, letter_date)
incident_letters | incident_letters_pkey | CREATE UNIQUE INDEX incident_letters_pkey ON <schema>.incident_letters USING btree (id)
incident_rows | incident_rows_pk | CREATE UNIQUE INDEX incident_rows_pk ON <schema>.incident_rows USING btree (submission_id, line)
invitations | invitations_pkey | CREATE UNIQUE INDEX invitations_pkey ON <schema>.invitations USING btree (token_hash)
kysely_migration | kysely_migration_pkey | CREATE UNIQUE INDEX kysely_migration_pkey ON <schema>.kysely_migration USING btree (name)
kysely_migration_lock | kysely_migration_lock_pkey | CREATE UNIQUE INDEX kysely_migration_lock_pkey ON <schema>.kysely_migration_lock USING btree (id)
letter_publications | letter_publications_pk | CREATE UNIQUE INDEX letter_publications_pk ON <schema>.letter_publications USING btree (departement, year)
local_protocols | local_protocols_pkey | CREATE UNIQUE INDEX local_protocols_pkey ON <schema>.local_protocols USING btree (id)
local_protocols | local_protocols_version_uq | CREATE UNIQUE INDEX local_protocols_version_uq ON <schema>.local_protocols USING btree (scope_type, scope_id, version)
oidc_logins | oidc_logins_pkey | CREATE UNIQUE INDEX oidc_logins_pkey ON <schema>.oidc_logins USING btree (state)
plenary_presentations | plenary_presentations_group | CREATE INDEX plenary_presentations_group ON <schema>.plenary_presentations USING btree (group_id, period)
plenary_presentations | plenary_presentations_pk | CREATE UNIQUE INDEX plenary_presentations_pk ON <schema>.plenary_presentations USING btree (session_id, group_id, period)
plenary_sessions | plenary_sessions_commune | CREATE INDEX plenary_sessions_commune ON <schema>.plenary_sessions USING btree (commune_code, session_date)
plenary_sessions | plenary_sessions_pkey | CREATE UNIQUE INDEX plenary_sessions_pkey ON <schema>.plenary_sessions USING btree (id)
publications | publications_pk | CREATE UNIQUE INDEX publications_pk ON <schema>.publications USING btree (departement, period)
rate_limits | rate_limits_pkey | CREATE UNIQUE INDEX rate_limits_pkey ON <schema>.rate_limits USING btree (key)
release_sets | release_sets_pkey | CREATE UNIQUE INDEX release_sets_pkey ON <schema>.release_sets USING btree (key)
seance_rows | seance_rows_pk | CREATE UNIQUE INDEX seance_rows_pk ON <schema>.seance_rows USING btree (submission_id, line)
sessions | sessions_pkey | CREATE UNIQUE INDEX sessions_pkey ON <schema>.sessions USING btree (id)
sessions | sessions_user | CREATE INDEX sessions_user ON <schema>.sessions USING btree (user_id)
settings | settings_pkey | CREATE UNIQUE INDEX settings_pkey ON <schema>.settings USING btree (key)
situation_rows | situation_rows_pk | CREATE UNIQUE INDEX situation_rows_pk ON <schema>.situation_rows USING btree (submission_id, line)
submission_files | submission_files_pkey | CREATE UNIQUE INDEX submission_files_pkey ON <schema>.submission_files USING btree (submission_id)
submissions | submissions_current | CREATE INDEX submissions_current ON <schema>.submissions USING btree (period, kind, status)
submissions | submissions_pkey | CREATE UNIQUE INDEX submissions_pkey ON <schema>.submissions USING btree (id)
submissions | submissions_version_uq | CREATE UNIQUE INDEX submissions_version_uq ON <schema>.submissions USING btree (group_id, kind, period, version)
user_roles | user_roles_pk | CREATE UNIQUE INDEX user_roles_pk ON <schema>.user_roles USING btree (user_id, role, scope_type, scope_value)
users | users_email_key | CREATE UNIQUE INDEX users_email_key ON <schema>.users USING btree (email)
users | users_pkey | CREATE UNIQUE INDEX users_pkey ON <schema>.users USING btree (id)

-- sequences
audit_log_id_seq | bigint | 1 | 1

-- triggers
audit_log | audit_log_append_only | CREATE TRIGGER audit_log_append_only BEFORE DELETE OR UPDATE OR TRUNCATE ON <schema>.audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
communes | communes_notify | CREATE TRIGGER communes_notify AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON <schema>.communes FOR EACH STATEMENT EXECUTE FUNCTION bp_notify_table()
departements | departements_notify | CREATE TRIGGER departements_notify AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON <schema>.departements FOR EACH STATEMENT EXECUTE FUNCTION bp_notify_table()
epci | epci_notify | CREATE TRIGGER epci_notify AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON <schema>.epci FOR EACH STATEMENT EXECUTE FUNCTION bp_notify_table()
group_communes | group_communes_notify | CREATE TRIGGER group_communes_notify AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON <schema>.group_communes FOR EACH STATEMENT EXECUTE FUNCTION bp_notify_table()
groups | groups_notify | CREATE TRIGGER groups_notify AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON <schema>.groups FOR EACH STATEMENT EXECUTE FUNCTION bp_notify_table()
publications | publications_notify | CREATE TRIGGER publications_notify AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON <schema>.publications FOR EACH STATEMENT EXECUTE FUNCTION bp_notify_table()
settings | settings_notify | CREATE TRIGGER settings_notify AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON <schema>.settings FOR EACH STATEMENT EXECUTE FUNCTION bp_notify_table()
submissions | submissions_notify | CREATE TRIGGER submissions_notify AFTER INSERT OR DELETE OR UPDATE ON <schema>.submissions FOR EACH ROW EXECUTE FUNCTION bp_notify_submission()

-- functions
audit_log_append_only | CREATE OR REPLACE FUNCTION <schema>.audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $function$

bp_notify_submission | CREATE OR REPLACE FUNCTION <schema>.bp_notify_submission()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM pg_notify('bp_changes', 'submissions:' || OLD.period);
	ELSE
		PERFORM pg_notify('bp_changes', 'submissions:' || NEW.period);
	END IF;
	RETURN NULL;
END $function$

bp_notify_table | CREATE OR REPLACE FUNCTION <schema>.bp_notify_table()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
	PERFORM pg_notify('bp_changes', TG_TABLE_NAME || ':');
	RETURN NULL;
END $function$

