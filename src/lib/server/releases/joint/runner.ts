// Why: the table set's protection runs in one worker thread, jobs in order (a build is rare and
// cached; two at once would only share the same cores). Built app: `build/workers/releases.js`
// (bundled by svelte.config.js); from sources (dev, tests): the `.ts` file through tsx.
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../worker-thread';
import type { TableSet, TableSetInput } from './table-set';

export const RELEASE_WORKER_BUNDLE = path.join('workers', 'releases.js');

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (s: TableSet) => void; reject: (e: Error) => void }>();

function ensureWorker(): Worker {
	if (worker) return worker;
	const w = spawnWorker(import.meta.url, RELEASE_WORKER_BUNDLE);
	w.unref();
	w.on('message', (msg: { id: number; set?: TableSet; error?: string }) => {
		const job = pending.get(msg.id);
		if (!job) return;
		pending.delete(msg.id);
		if (msg.set) job.resolve(msg.set);
		else job.reject(new Error(msg.error ?? 'protection échouée'));
	});
	const fail = (e: Error) => {
		worker = null;
		for (const job of pending.values()) job.reject(e);
		pending.clear();
	};
	w.on('error', fail);
	w.on('exit', (code) => fail(new Error(`worker stopped (${code})`)));
	worker = w;
	return w;
}

/** Protects a table set off the event loop. */
export function protectInWorker(input: TableSetInput): Promise<TableSet> {
	const w = ensureWorker();
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve, reject });
		w.ref();
		w.postMessage({ id, input });
	}).finally(() => {
		if (!pending.size) worker?.unref();
	}) as Promise<TableSet>;
}
