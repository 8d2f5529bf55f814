// Why: a table set's protection costs about a second of CPU (linear programs) and must stay off
// the event loop, and a submission should be in every server's releases within a second. The
// set's blocks (one per variable) are independent, so they are protected in parallel by a small
// pool of worker threads (one per core, two at most), each taking the next block as soon as it is
// free; the results are assembled in block order, so the set does not depend on which worker ran
// what. Built app: `build/workers/releases.js` (bundled by svelte.config.js); from sources (dev,
// tests): the `.ts` file through tsx.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../worker-thread';
import type { RowSource } from './plan';
import { assembleTableSet, type BlockResult, type TableSet, type TableSetInput } from './table-set';

export const RELEASE_WORKER_BUNDLE = path.join('workers', 'releases.js');
export const RELEASE_WORKERS = Math.max(1, Math.min(2, availableParallelism()));

/** Messages to a worker: the set's input once (it builds the model), then one block at a time. */
export type WorkerRequest =
	| { kind: 'set'; set: number; input: TableSetInput }
	| { kind: 'names'; id: number; set: number }
	| { kind: 'block'; id: number; set: number; name: string }
	| { kind: 'drop'; set: number };
export type WorkerReply =
	| { id: number; names: string[] }
	| { id: number; block: BlockResult }
	| { id: number; error: string };

interface Slot {
	worker: Worker;
	/** sets whose input this worker holds */
	sets: Set<number>;
	busy: boolean;
}

interface Job {
	set: SetJob;
	/** null: ask for the block names */
	name: string | null;
	resolve: (r: WorkerReply) => void;
	reject: (e: Error) => void;
}

interface SetJob {
	id: number;
	input: TableSetInput;
	/** a request waits for it: its blocks go before those of background builds */
	urgent: boolean;
}

const slots: Slot[] = [];
const queue: Job[] = [];
const running = new Map<number, { slot: Slot; job: Job }>();
let nextId = 1;

function spawn(): Slot {
	const slot: Slot = {
		worker: spawnWorker(import.meta.url, RELEASE_WORKER_BUNDLE),
		sets: new Set(),
		busy: false
	};
	slot.worker.unref();
	slot.worker.on('message', (msg: WorkerReply) => {
		const run = running.get(msg.id);
		if (!run) return;
		running.delete(msg.id);
		slot.busy = false;
		if ('error' in msg) run.job.reject(new Error(msg.error));
		else run.job.resolve(msg);
		dispatch();
	});
	const fail = (e: Error) => {
		const at = slots.indexOf(slot);
		if (at >= 0) slots.splice(at, 1);
		for (const [id, run] of running) {
			if (run.slot !== slot) continue;
			running.delete(id);
			run.job.reject(e);
		}
		dispatch();
	};
	slot.worker.on('error', fail);
	slot.worker.on('exit', (code) => fail(new Error(`worker stopped (${code})`)));
	slots.push(slot);
	return slot;
}

function dispatch(): void {
	while (queue.length) {
		let slot = slots.find((s) => !s.busy);
		if (!slot && slots.length < RELEASE_WORKERS) slot = spawn();
		if (!slot) break;
		const at = queue.findIndex((j) => j.set.urgent);
		const job = queue.splice(Math.max(0, at), 1)[0];
		const id = nextId++;
		slot.busy = true;
		running.set(id, { slot, job });
		if (!slot.sets.has(job.set.id)) {
			slot.sets.add(job.set.id);
			slot.worker.postMessage({
				kind: 'set',
				set: job.set.id,
				input: job.set.input
			} satisfies WorkerRequest);
		}
		slot.worker.postMessage(
			(job.name === null
				? { kind: 'names', id, set: job.set.id }
				: { kind: 'block', id, set: job.set.id, name: job.name }) satisfies WorkerRequest
		);
	}
	const active = queue.length > 0 || running.size > 0;
	for (const s of slots) {
		if (active) s.worker.ref();
		else s.worker.unref();
	}
}

function run(set: SetJob, name: string | null): Promise<WorkerReply> {
	return new Promise((resolve, reject) => {
		queue.push({ set, name, resolve, reject });
		dispatch();
	});
}

/** Only the rows the set counts: the period's own files (cloned into each worker). */
function periodRows(input: TableSetInput): RowSource {
	const out: RowSource = { situations: new Map(), incidents: new Map() };
	for (const byPeriod of Object.values(input.snapshot)) {
		const kinds = byPeriod[input.period];
		for (const measure of ['situations', 'incidents'] as const) {
			const id = kinds?.[measure];
			const rows = id ? input.rows[measure].get(id) : undefined;
			if (id && rows) out[measure].set(id, rows);
		}
	}
	return out;
}

/** A set being protected; `hurry()` puts its remaining blocks first (a request waits for it). */
export interface Protection {
	done: Promise<TableSet>;
	hurry(): void;
}

/** Protects a table set off the event loop, its blocks spread over the worker pool. */
export function protectInWorker(input: TableSetInput, urgent = true): Protection {
	const set: SetJob = { id: nextId++, input: { ...input, rows: periodRows(input) }, urgent };
	return { done: protect(set), hurry: () => (set.urgent = true) };
}

/** How long each block took last time: the longest are handed out first, so that the workers
 * finish together. */
const lastMs = new Map<string, number>();

async function protect(set: SetJob): Promise<TableSet> {
	const started = performance.now();
	const { input } = set;
	try {
		// every worker reads the set's input now, building its model while the first one lists
		// the blocks
		while (slots.length < RELEASE_WORKERS) spawn();
		for (const slot of slots) {
			slot.sets.add(set.id);
			slot.worker.postMessage({ kind: 'set', set: set.id, input } satisfies WorkerRequest);
		}
		const named = await run(set, null);
		if (!('names' in named)) throw new Error('protection échouée');
		const order = [...named.names].sort((a, b) => (lastMs.get(b) ?? 1e9) - (lastMs.get(a) ?? 1e9));
		const done = new Map<string, BlockResult>();
		await Promise.all(
			order.map(async (name) => {
				const reply = await run(set, name);
				if (!('block' in reply)) throw new Error('protection échouée');
				lastMs.set(name, reply.block.ms);
				done.set(name, reply.block);
			})
		);
		const results = named.names.map((name) => done.get(name) as BlockResult);
		return assembleTableSet(input.plan, results, performance.now() - started);
	} finally {
		for (const slot of slots) {
			if (slot.sets.delete(set.id))
				slot.worker.postMessage({ kind: 'drop', set: set.id } satisfies WorkerRequest);
		}
	}
}
