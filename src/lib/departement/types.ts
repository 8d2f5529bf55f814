// Shapes of the département's pages' data (annual bilan, campaign board), built by the server
// (`server/departement/`) and read by the components beside the routes, so a component never
// imports a server module.
import type { Kind } from '$contracts/codes';
import type { CellStatus } from '$lib/release';
import type { Cell } from '$lib/format';

/** One line of a count table of the annual bilan (hidden counts have no value). */
export interface CountRow {
	code: string;
	label: string;
	value: number | null;
	status: CellStatus;
}

export interface StatementSource {
	groupId: string;
	groupName: string;
	/** period codes, oldest first */
	periods: string[];
}

export interface Statement {
	text: string;
	sources: StatementSource[];
}

export interface Theme {
	section: string;
	label: string;
	statements: Statement[];
}

export interface InstanceDigest {
	instanceType: string;
	label: string;
	/** groups of this type with at least one bilan in the year */
	groups: number;
	/** bilans received, per period */
	bilans: { period: string; label: string; count: number }[];
	themes: Theme[];
}

/** The qualitative part of the annual bilan: the year's bilans by instance type and theme. */
export interface QualitativeDigest {
	periods: { code: string; label: string; bilans: number }[];
	types: InstanceDigest[];
	/** sentences left out because the identifier scan flagged them */
	skipped: number;
}

/** The state of a group's file on a campaign's board. */
export type EntryState =
	'manquant' | 'en_retard' | 'envoye' | 'envoye_en_retard' | 'renvoye_apres_echeance';

export type ReminderStage = 'j-7' | 'echeance';

/** One group and kind on a campaign's board. */
export interface BoardEntry {
	groupId: string;
	groupName: string;
	instanceType: string;
	communes: { code: string; nom: string }[];
	kind: Kind;
	state: EntryState;
	/** current version, when sent */
	version: number | null;
	/** when the first version was sent */
	firstAt: string | null;
	/** when the current version was sent */
	lastAt: string | null;
	reminders: ReminderStage[];
}

/** One institution's attendance at the département's séances of a year (annual bilan). */
export interface AttendanceLine {
	institution: string;
	label: string;
	/** séances of the groups that list the institution among their members */
	expected: Cell;
	/** of those, séances it attended */
	present: Cell;
	rate: Cell;
}

export interface AttendanceAnnual {
	year: number;
	/** séances of the year's published files, of the groups with a member list */
	seances: number;
	groups: number;
	lines: AttendanceLine[];
}

/** A cross of two variables for the whole département (rows × columns), as published. */
export interface CrossTable {
	rowHeader: string;
	columns: Array<{ code: string; label: string }>;
	rows: Array<{ code: string; label: string; cells: CountRow[] }>;
}

export interface CharterLine {
	id: 'protocole_groupe' | 'membres' | 'coordination' | 'protocole_commune';
	label: string;
	count: Cell;
	/** share of the line's whole (groups or communes), hidden with its count */
	share: Cell;
	/** number of groups, or of communes with a group, the share is taken of */
	of: number;
}

export interface CharterAnnual {
	year: number;
	groups: number;
	communes: number;
	lines: CharterLine[];
}
