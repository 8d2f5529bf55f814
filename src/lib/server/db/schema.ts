// Table types of the storage layer, shared by SQLite and PostgreSQL. Portable column types only:
// text ids, ISO-8601 text timestamps, 0/1 integers for booleans, JSON as text, bytes as blob/bytea.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface DepartementTable {
	code: string;
	nom: string;
}

export interface EpciTable {
	code: string;
	nom: string;
	type: string;
}

export interface ArrondissementTable {
	code: string;
	nom: string;
	departement: string;
}

export interface CommuneTable {
	code: string;
	nom: string;
	departement: string;
	arrondissement: string | null;
	epci: string | null;
	population: number;
}

export interface GroupTable {
	id: string;
	name: string;
	instance_type: string;
	departement: string;
	coordinator_institution: string;
	/** JSON array of institution codes */
	member_institutions: string;
	demo: number;
	created_at: string;
}

export interface GroupCommuneTable {
	group_id: string;
	commune_code: string;
}

export interface SubmissionTable {
	id: string;
	group_id: string;
	kind: string;
	period: string;
	version: number;
	/** `submitted` for the current version, `superseded` once a newer one exists */
	status: string;
	sha256: string;
	filename: string;
	size_bytes: number;
	row_count: number;
	uploaded_by: string | null;
	uploaded_at: string;
	supersedes: string | null;
	/** JSON summary of what changed from the superseded version */
	change_summary: string | null;
}

export interface SubmissionFileTable {
	submission_id: string;
	bytes: Uint8Array;
}

export interface SituationRowTable {
	submission_id: string;
	line: number;
	ref_situation: string;
	date_premier_examen: string;
	problematique: string;
	tranche_age: string;
	sexe: string;
	quartier: string | null;
	information_interesse: string;
	accord: string;
	institution_pilote: string;
	strategie: string;
	nb_examens: number;
	transmission_hors_groupe: string;
	statut: string;
	evaluation: string;
	date_cloture: string | null;
	commentaire: string | null;
}

export interface SeanceRowTable {
	submission_id: string;
	line: number;
	date_seance: string;
	ordre_du_jour_prealable: number;
	compte_rendu: number;
	nb_situations_examinees: number;
	nb_nouvelles_situations: number;
	evaluation_strategies_precedentes: string;
	institutions_presentes: string;
}

export interface IncidentRowTable {
	submission_id: string;
	line: number;
	date_incident: string;
	sens: string;
	motif: string;
	suite: string;
	description: string | null;
}

export interface BilanRowTable {
	submission_id: string;
	institution_designee: string;
	faits_marquants: string;
	difficultes: string;
	bonnes_pratiques: string;
	perspectives: string;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: string;
	actor_id: string | null;
	actor_label: string | null;
	action: string;
	target_type: string | null;
	target_id: string | null;
	/** JSON object; never holds data about the persons discussed */
	details: string | null;
	ip: string | null;
	user_agent: string | null;
}

export interface SettingTable {
	key: string;
	value: string;
}

/** Protected table sets shared by the servers of one PostgreSQL database (releases/shared.ts). */
export interface ReleaseSetTable {
	key: string;
	/** 'building' while a server protects it, then 'ready' */
	state: string;
	/** JSON of the set, once ready */
	body: string | null;
	/** ISO-8601: when claimed, then when stored */
	updated_at: string;
}

// Accounts (migration 0003_auth)
export interface UserTable {
	id: string;
	email: string;
	name: string | null;
	password_hash: string | null;
	/** `active` or `deactivated` */
	status: string;
	demo: number;
	totp_secret: string | null;
	totp_pending_secret: string | null;
	totp_last_counter: number | null;
	failed_logins: number;
	locked_until: string | null;
	oidc_subject: string | null;
	created_at: string;
	updated_at: string;
	last_login_at: string | null;
}

export interface UserRoleTable {
	user_id: string;
	role: string;
	scope_type: string;
	scope_value: string;
}

export interface SessionTable {
	/** sha256 of the cookie token: a leaked table cannot be replayed */
	id: string;
	user_id: string;
	created_at: string;
	expires_at: string;
	mfa_pending: number;
	/** `password` or `sso` */
	method: string;
	ip: string | null;
	user_agent: string | null;
}

export interface InvitationTable {
	token_hash: string;
	user_id: string;
	created_by: string | null;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface RateLimitTable {
	key: string;
	window_start: string;
	count: number;
}

export interface OidcLoginTable {
	state: string;
	nonce: string;
	code_verifier: string;
	redirect_to: string;
	expires_at: string;
}

// Referent drafts (migration 0004_referent)
export interface BilanDraftTable {
	group_id: string;
	period: string;
	content: string;
	updated_by: string | null;
	updated_at: string;
}

// Département: campaigns, reminders, frozen releases, annual commentary (migration 0005_departement)
export interface CampaignTable {
	id: string;
	departement: string;
	period: string;
	/** JSON array of kinds */
	kinds: string;
	/** YYYY-MM-DD, last day to send */
	due_date: string;
	status: 'open' | 'closed';
	opened_by: string | null;
	opened_at: string;
	closed_by: string | null;
	closed_at: string | null;
}

export interface CampaignGroupTable {
	campaign_id: string;
	group_id: string;
}

export interface CampaignReminderTable {
	id: string;
	campaign_id: string;
	group_id: string;
	kind: string;
	stage: string;
	created_at: string;
	email_status: string;
	email_recipients: number;
}

export interface FrozenReleaseTable {
	departement: string;
	period: string;
	campaign_id: string | null;
	release_json: string;
	frozen_at: string;
	frozen_by: string | null;
}

export interface AnnualCommentaryTable {
	departement: string;
	year: number;
	section: string;
	body: string;
	updated_at: string;
	updated_by: string | null;
}

// Publications (« published is published », releases/publications.ts)
export interface PublicationTable {
	departement: string;
	period: string;
	/** JSON: group id → kind → submission id, the versions in force when the period was published */
	snapshot_json: string;
	/** JSON Plan of the year (regroupings, withheld groups), fixed by the year's first publication */
	plan_json: string | null;
	published_at: string;
	published_by: string | null;
	campaign_id: string | null;
	/** Version of the protection the period was published with (null: 1, before the column) */
	protection: number | null;
}

// Incident letters of the protocol's procedure (§4) and their yearly publication (0009)
export interface IncidentLetterTable {
	id: string;
	group_id: string;
	/** YYYY-MM-DD */
	letter_date: string;
	/** `groupe_vers_institution` or `institution_vers_groupe` (SENS_INCIDENT) */
	direction: string;
	/** institution code of the contract */
	institution: string;
	/** MOTIFS_INCIDENT code */
	reason: string;
	note: string | null;
	reply_date: string | null;
	closed_date: string | null;
	created_by: string | null;
	created_at: string;
	updated_by: string | null;
	updated_at: string;
}

// Plenary sessions of a commune (migration 0010_plenary_sessions)
export interface PlenarySessionTable {
	id: string;
	commune_code: string;
	/** YYYY-MM-DD */
	session_date: string;
	orientations: string;
	diagnostic: string;
	created_by: string | null;
	created_at: string;
	updated_by: string | null;
	updated_at: string;
}

export interface LetterPublicationTable {
	departement: string;
	year: number;
	/** JSON array of PublishedLetter (codes and bands only) */
	letters_json: string;
	published_at: string;
}

/** A group's period bilan presented at a plenary session. */
export interface PlenaryPresentationTable {
	session_id: string;
	group_id: string;
	period: string;
}

/** Every table of the store, the one type all queries see (SQLite and PostgreSQL alike). */
/** A member of a group's list (protocole §3): an institution and a function, never a person discussed. */
export interface GroupMemberTable {
	id: string;
	group_id: string;
	/** code of the contract's institution list */
	institution: string;
	fonction: string;
	/** optional professional contact, shown to the group's referents and the admin only */
	contact_name: string | null;
	contact_email: string | null;
	/** 1 for the group's coordinator (§4) */
	coordinator: number;
	created_at: string;
	updated_at: string;
	updated_by: string | null;
}

/** One version of a local protocol (the protocol's second part), of a group or of a commune. */
export interface LocalProtocolTable {
	id: string;
	scope_type: 'group' | 'commune';
	scope_id: string;
	version: number;
	texte: string;
	adopted_on: string;
	limites: string;
	regulation: string;
	lieu: string;
	created_by: string | null;
	created_at: string;
}

export interface Database {
	departements: DepartementTable;
	epci: EpciTable;
	arrondissements: ArrondissementTable;
	communes: CommuneTable;
	groups: GroupTable;
	group_communes: GroupCommuneTable;
	submissions: SubmissionTable;
	submission_files: SubmissionFileTable;
	situation_rows: SituationRowTable;
	seance_rows: SeanceRowTable;
	incident_rows: IncidentRowTable;
	bilan_rows: BilanRowTable;
	audit_log: AuditLogTable;
	settings: SettingTable;
	release_sets: ReleaseSetTable;
	users: UserTable;
	user_roles: UserRoleTable;
	sessions: SessionTable;
	invitations: InvitationTable;
	rate_limits: RateLimitTable;
	oidc_logins: OidcLoginTable;
	bilan_drafts: BilanDraftTable;
	campaigns: CampaignTable;
	campaign_groups: CampaignGroupTable;
	campaign_reminders: CampaignReminderTable;
	frozen_releases: FrozenReleaseTable;
	annual_commentaries: AnnualCommentaryTable;
	publications: PublicationTable;
	incident_letters: IncidentLetterTable;
	letter_publications: LetterPublicationTable;
	plenary_sessions: PlenarySessionTable;
	plenary_presentations: PlenaryPresentationTable;
	group_members: GroupMemberTable;
	local_protocols: LocalProtocolTable;
}

export type Commune = Selectable<CommuneTable>;
export type Group = Selectable<GroupTable>;
export type Submission = Selectable<SubmissionTable>;
export type NewSubmission = Insertable<SubmissionTable>;
export type AuditEntry = Selectable<AuditLogTable>;
