// Why: protecting a table set's block costs up to hundreds of milliseconds of CPU (linear
// programs); on the event loop it would stall every other request. Each of these worker threads
// holds the model of the sets it was sent and protects the blocks it is asked for (runner.ts).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './runner';
import { blockNames, protectBlock, setContext, type SetContext } from './table-set';

// Below the event loop's priority: when the cores are busy, a page is answered before a block is
// protected (Linux: a thread's own id names it to setpriority; elsewhere the default is kept).
try {
	setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
	// not Linux, or not allowed: same priority as the server
}

const sets = new Map<number, { ctx?: SetContext; error?: string }>();

const context = (set: number): SetContext => {
	const entry = sets.get(set);
	if (!entry?.ctx) throw new Error(entry?.error ?? `ensemble inconnu : ${set}`);
	return entry.ctx;
};

const reply = (msg: WorkerReply) => parentPort?.postMessage(msg);

parentPort?.on('message', (msg: WorkerRequest) => {
	if (msg.kind === 'set') {
		// the model at once: the blocks asked for next need it
		try {
			sets.set(msg.set, { ctx: setContext(msg.input) });
		} catch (e) {
			sets.set(msg.set, { error: String(e) });
		}
	} else if (msg.kind === 'drop') sets.delete(msg.set);
	else if (msg.kind === 'names') {
		try {
			reply({ id: msg.id, names: blockNames(context(msg.set)) });
		} catch (e) {
			reply({ id: msg.id, error: String(e) });
		}
	} else {
		Promise.resolve()
			.then(() => protectBlock(context(msg.set), msg.name))
			.then(
				(block) => reply({ id: msg.id, block }),
				(e: unknown) => reply({ id: msg.id, error: String(e) })
			);
	}
});
