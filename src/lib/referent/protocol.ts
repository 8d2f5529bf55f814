// Messages between the upload page and its validation worker. Rows never cross one by one: the
// worker keeps them as Arrow record batches and transfers the IPC bytes in chunks.
import type { Report } from '$contracts/report';

/** A cell of the report grid: the text shown (masked when it may identify someone). */
export interface GridCell {
	text: string;
	masked: boolean;
}

export interface GridRow {
	line: number;
	cells: GridCell[];
}

export interface GridData {
	/** the file's header as written (column letters follow its order) */
	header: string[];
	/** canonical column name of each file column ('' when unknown) */
	canonical: string[];
	/** refused rows (lines with errors) and rows of the re-identification warning, in file order */
	rows: GridRow[];
	/** rows not kept for the grid (the report still counts them) */
	omitted: number;
}

export type ToWorker = {
	type: 'start';
	kind: string;
	file: File;
	maxBytes: number;
	/** the deployment's disclosure threshold (re-identification warning) */
	k: number;
	/** lines kept for the grid at most */
	maxGridRows?: number;
};

export type FromWorker =
	| { type: 'progress'; done: number; total: number; phase: 'lecture' | 'controle' }
	| { type: 'report'; report: Report; ms: number }
	| { type: 'grid'; grid: GridData }
	| { type: 'chunk'; ipc: Uint8Array; rows: number }
	| { type: 'rows-done'; rows: number }
	/** the worker has nothing more to say (it may be terminated) */
	| { type: 'end' }
	| { type: 'failed'; message: string };
