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
}

export type Commune = Selectable<CommuneTable>;
export type Group = Selectable<GroupTable>;
export type Submission = Selectable<SubmissionTable>;
export type NewSubmission = Insertable<SubmissionTable>;
export type AuditEntry = Selectable<AuditLogTable>;
