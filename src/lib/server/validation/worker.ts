// A validation worker thread: runs the contracts' validator (the very code the browser runs) on an
// upload's bytes off the main thread, reports, then streams the normalized rows (with their file line) back in batches,
// waiting on a shared credit counter so a large file is never queued whole on the main side.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { validateBytes, validateStream, type ValidRow } from '$contracts/validate';
import { BATCH_ROWS, type FromWorker, type ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('validation worker started outside a worker thread');

let job: {
	kind: string;
	bytes: Uint8Array;
	maxBytes: number;
	k: number;
	flags: Int32Array;
} | null = null;
const send = (m: FromWorker) => port.postMessage(m);

/** Waits until the main thread grants a batch; false when the job was cancelled. */
function takeCredit(flags: Int32Array): boolean {
	for (;;) {
		if (Atomics.load(flags, 1) === 1) return false;
		const credit = Atomics.load(flags, 0);
		if (credit > 0) {
			if (Atomics.compareExchange(flags, 0, credit, credit - 1) === credit) return true;
			continue;
		}
		Atomics.wait(flags, 0, credit, 60_000);
	}
}

function streamRows(j: NonNullable<typeof job>) {
	let batch: ValidRow[] = [];
	const it = validateStream(j.kind, j.bytes, { maxBytes: j.maxBytes, k: j.k });
	for (let n = it.next(); !n.done; n = it.next()) {
		batch.push(n.value);
		if (batch.length === BATCH_ROWS) {
			if (!takeCredit(j.flags)) return;
			send({ type: 'batch', rows: batch });
			batch = [];
		}
	}
	if (batch.length && !takeCredit(j.flags)) return;
	if (batch.length) send({ type: 'batch', rows: batch });
	send({ type: 'end' });
}

port.on('message', (m: ToWorker) => {
	try {
		if (m.type === 'check') {
			job = {
				kind: m.kind,
				bytes: m.bytes,
				maxBytes: m.maxBytes,
				k: m.k,
				flags: new Int32Array(m.flags)
			};
			const report = validateBytes(m.kind, m.bytes, { maxBytes: m.maxBytes, k: m.k });
			const sha256 = createHash('sha256').update(m.bytes).digest('hex');
			send({ type: 'report', report, sha256 });
		} else if (m.type === 'rows' && job) {
			streamRows(job);
			job = null;
		} else {
			job = null;
		}
	} catch (e) {
		job = null;
		send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
	}
});
