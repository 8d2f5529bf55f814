// Messages between the upload pool (main thread) and its validation workers.
import type { Report } from '$contracts/report';
import type { ValidRow } from '$contracts/validate';

/** Rows per message: small enough that receiving one never stalls the main thread. */
export const BATCH_ROWS = 250;
/** Batches a worker may have in flight before it waits for the main thread to take them. */
export const CREDIT = 8;

/** Shared flags of one job: [0] batches the worker may still send, [1] 1 when cancelled. */
export type JobFlags = Int32Array;

export type ToWorker =
	| {
			type: 'check';
			kind: string;
			bytes: Uint8Array;
			/** the upload limit and the deployment's k (re-identification warning) */
			maxBytes: number;
			k: number;
			flags: SharedArrayBuffer;
	  }
	| { type: 'rows' }
	| { type: 'release' };

export type FromWorker =
	| { type: 'report'; report: Report; sha256: string }
	| { type: 'batch'; rows: ValidRow[] }
	| { type: 'end' }
	| { type: 'error'; message: string };
