// Shapes of the referent's pages' data, built by the server (`server/referent/`) and read by the
// components (`referent/components/`), so a component never imports a server module.

/** The state of one kind of file of a group for one period. */
export type KindState =
	| { state: 'manquant' }
	| { state: 'en_retard'; daysLate: number }
	| { state: 'brouillon' }
	| { state: 'a_venir' }
	| { state: 'envoye'; version: number; at: string; rows: number };

/** One version sent, as the history lists it (metadata only, never rows). */
export interface VersionEntry {
	version: number;
	status: string;
	at: string;
	filename: string;
	rows: number;
	sizeBytes: number;
	changes: string | null;
}
