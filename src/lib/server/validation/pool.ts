// Why: validating an upload costs seconds of CPU for a large file; on the event loop it would stall
// every other request (one hostile CSV froze the server for 5 s). A small, fixed pool of worker
// threads runs the contracts' validator instead; the main thread only moves batches of rows to
// the database. Jobs beyond the pool wait in a bounded queue; past it the upload is refused with
// "busy" rather than piling up memory. Built app: `build/workers/validation.js` (bundled by the
// adapter wrapper in svelte.config.js); from sources (dev, tests): the `.ts` file through tsx.
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../worker-thread';
import type { Report } from '$contracts/report';
import type { ValidRow } from '$contracts/validate';
import { config } from '../config';
import { logger } from '../logger';
import { CREDIT, type FromWorker, type ToWorker } from './protocol';

export const WORKER_BUNDLE = path.join('workers', 'validation.js');

export class ValidationBusy extends Error {
	constructor() {
		super('validation queue full');
	}
}

export class ValidationPool {
	private readonly idle: Worker[] = [];
	private readonly waiting: ((w: Worker) => void)[] = [];
	private started = 0;

	constructor(
		readonly size: number,
		readonly maxQueue: number
	) {}

	private readonly forget = new WeakMap<Worker, () => void>();

	private spawn(): Worker {
		const worker = spawnWorker(import.meta.url, WORKER_BUNDLE);
		this.started++;
		worker.unref();
		let counted = true;
		const forget = () => {
			if (counted) this.started--;
			counted = false;
			const i = this.idle.indexOf(worker);
			if (i >= 0) this.idle.splice(i, 1);
		};
		worker.once('exit', forget);
		this.forget.set(worker, forget);
		return worker;
	}

	acquire(): Promise<Worker> {
		const w = this.idle.pop();
		if (w) return Promise.resolve(w);
		if (this.started < this.size) return Promise.resolve(this.spawn());
		if (this.waiting.length >= this.maxQueue) return Promise.reject(new ValidationBusy());
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	/** Gives a worker back; a broken one is replaced by a fresh one for whoever waits. */
	release(w: Worker, broken = false): void {
		if (broken) {
			this.forget.get(w)?.();
			void w.terminate();
			const next = this.waiting.shift();
			if (next) next(this.spawn());
			return;
		}
		const next = this.waiting.shift();
		if (next) next(w);
		else this.idle.push(w);
	}

	get queued(): number {
		return this.waiting.length;
	}
}

let pool: ValidationPool | null = null;
function thePool(): ValidationPool {
	pool ??= new ValidationPool(config().validation.workers, config().validation.queue);
	return pool;
}

export interface UploadCheck {
	report: Report;
	sha256: string;
	/** The normalized rows with their file line, streamed (only when `report.ok`); frees the worker at the end. */
	rows(): AsyncGenerator<ValidRow, void, void>;
	/** Frees the worker without reading the rows (refused, duplicate, or after an error). */
	release(): void;
}

/** One borrowed worker's messages, awaited one at a time, until the worker is given back. */
interface WorkerInbox {
	/** The next message; throws the worker's error, or its failure (crash, exit). */
	next(): Promise<FromWorker>;
	/** Stops listening and gives the worker back (once), with a last message when not broken. */
	finish(broken: boolean, notify: ToWorker | null): void;
	readonly done: boolean;
}

function listen(worker: Worker, p: ValidationPool): WorkerInbox {
	const inbox: FromWorker[] = [];
	let wake: (() => void) | null = null;
	let failure: Error | null = null;
	let done = false;
	const onMessage = (m: FromWorker) => {
		inbox.push(m);
		wake?.();
	};
	const onFail = (e: unknown) => {
		failure = e instanceof Error ? e : new Error(`validation worker stopped (${String(e)})`);
		wake?.();
	};
	worker.on('message', onMessage);
	worker.on('error', onFail);
	worker.on('exit', onFail);
	return {
		get done() {
			return done;
		},
		finish(broken, notify) {
			if (done) return;
			done = true;
			worker.off('message', onMessage);
			worker.off('error', onFail);
			worker.off('exit', onFail);
			if (notify && !broken) worker.postMessage(notify);
			p.release(worker, broken);
		},
		async next() {
			for (;;) {
				const m = inbox.shift();
				if (m) {
					if (m.type === 'error') throw new Error(`validation worker: ${m.message}`);
					return m;
				}
				if (failure) throw failure;
				await new Promise<void>((r) => (wake = r));
				wake = null;
			}
		}
	};
}

/**
 * Validates an upload in a worker thread: resolves with the report and the file's SHA-256, then
 * lets the caller stream the normalized rows. Rejects with ValidationBusy when the queue is full.
 */
export async function checkUpload(
	kind: string,
	bytes: Uint8Array,
	limits: { maxBytes: number; k: number },
	p: ValidationPool = thePool()
): Promise<UploadCheck> {
	const worker = await p.acquire();
	const flags = new Int32Array(new SharedArrayBuffer(8));
	const inbox = listen(worker, p);
	let streaming = false;

	// A copy in its own memory, handed over to the worker: the caller keeps its bytes to store
	// them (Buffer#slice would share the memory, and handing it over would empty the caller's).
	const copy = new Uint8Array(bytes);
	worker.postMessage(
		{ type: 'check', kind, bytes: copy, ...limits, flags: flags.buffer } as ToWorker,
		[copy.buffer as ArrayBuffer]
	);
	let first: FromWorker;
	try {
		first = await inbox.next();
	} catch (e) {
		inbox.finish(true, null);
		logger.error({ kind }, 'upload validation worker failed');
		throw e;
	}
	if (first.type !== 'report') {
		inbox.finish(true, null);
		throw new Error('validation worker: unexpected message');
	}
	return {
		report: first.report,
		sha256: first.sha256,
		release: () => {
			if (!streaming) inbox.finish(false, { type: 'release' });
		},
		rows: () =>
			streamRows(worker, flags, inbox, () => {
				streaming = true;
			})
	};
}

/** The normalized rows, batch by batch, each batch credited back to the worker. */
async function* streamRows(
	worker: Worker,
	flags: Int32Array,
	inbox: WorkerInbox,
	started: () => void
): AsyncGenerator<ValidRow, void, void> {
	started();
	Atomics.store(flags, 0, CREDIT);
	worker.postMessage({ type: 'rows' } as ToWorker);
	try {
		for (;;) {
			const m = await inbox.next();
			if (m.type === 'end') break;
			if (m.type !== 'batch') throw new Error('validation worker: unexpected message');
			Atomics.add(flags, 0, 1);
			Atomics.notify(flags, 0);
			yield* m.rows;
			// Let waiting requests run between batches: the database inserts that consume
			// the rows may otherwise never give the event loop back on a large file.
			await new Promise((r) => setImmediate(r));
		}
		inbox.finish(false, null);
	} finally {
		if (!inbox.done) {
			// Stopped mid-stream: the worker gives up at its next batch; a fresh worker is
			// simpler than draining what it may still be sending.
			Atomics.store(flags, 1, 1);
			Atomics.notify(flags, 0);
			inbox.finish(true, null);
		}
	}
}
