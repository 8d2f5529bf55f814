// Why: the table set's protection runs in one worker thread, jobs in order (a build is rare and
// cached; two at once would only share the same cores). Built app: `build/workers/releases.js`
// (bundled by svelte.config.js); from sources (dev, tests): the `.ts` file through tsx.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TableSet, TableSetInput } from './table-set';

export const RELEASE_WORKER_BUNDLE = path.join('workers', 'releases.js');

function spawnWorker(): Worker {
	const here = fileURLToPath(import.meta.url);
	if (here.endsWith('.ts')) {
		const source = pathToFileURL(path.join(path.dirname(here), 'worker.ts')).href;
		const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source)}); })`;
		return new Worker(boot, { eval: true });
	}
	for (let dir = path.dirname(here); ; dir = path.dirname(dir)) {
		const file = path.join(dir, RELEASE_WORKER_BUNDLE);
		if (existsSync(file)) return new Worker(file);
		if (path.dirname(dir) === dir)
			throw new Error(`${RELEASE_WORKER_BUNDLE} not found above ${here}`);
	}
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (s: TableSet) => void; reject: (e: Error) => void }>();

function ensureWorker(): Worker {
	if (worker) return worker;
	const w = spawnWorker();
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
