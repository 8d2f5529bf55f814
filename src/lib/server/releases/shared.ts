// Why: servers sharing a PostgreSQL database all hear of a submission at once and would all
// protect the same table set, each slowing the others down on shared cores. The first to claim
// a set's key (a row of `release_sets`) builds it and stores it; the others wait for its
// announcement and read it. A set is a function of its key (the year's plan, the period's files,
// the width, and SET_FORMAT for the code that builds it), so a set read is the set that would
// have been built. The builder renews its claim while it builds: a claim left by a server that
// died is taken over once it is CLAIM_TIMEOUT_MS old.
// On SQLite, one process: the set is built here.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { CHANGE_CHANNEL, isPostgres, onDataChange } from '../db/notify';
import { logger } from '../logger';
import type { TableSet } from './joint/table-set';

/** Raised when the way sets are built (or stored) changes, so older stored sets are not read. */
export const SET_FORMAT = 3;
const CLAIM_TIMEOUT_MS = 5000;
const RENEW_MS = 1000;
const POLL_MS = 250;
const KEEP_DAYS = 7;

const waiting = new Map<string, Set<() => void>>();
const listening = new WeakSet<Kysely<Database>>();

function listen(db: Kysely<Database>): void {
	if (listening.has(db)) return;
	listening.add(db);
	onDataChange(db, (payload) => {
		if (payload.startsWith('*:')) {
			for (const list of waiting.values()) for (const wake of list) wake();
			return;
		}
		if (!payload.startsWith('set:')) return;
		for (const wake of waiting.get(payload.slice(4)) ?? []) wake();
	});
}

interface Stored {
	plan: TableSet['plan'];
	cells: Array<[string, number, boolean]>;
	ok: boolean;
	failures: TableSet['failures'];
	stats: TableSet['stats'];
}

function encode(set: TableSet): string {
	const cells: Stored['cells'] = [...set.cells].map(([id, c]) => [id, c.value, c.hidden]);
	return JSON.stringify({ ...set, cells } satisfies Stored);
}

function decode(body: string): TableSet {
	const s = JSON.parse(body) as Stored;
	return {
		...s,
		cells: new Map(s.cells.map(([id, value, hidden]) => [id, { value, hidden }]))
	};
}

const now = () => new Date().toISOString();

/** Claims `key` (or takes over a claim older than the timeout); true when this server builds. */
async function claim(db: Kysely<Database>, key: string): Promise<boolean> {
	const inserted = await db
		.insertInto('release_sets')
		.values({ key, state: 'building', body: null, updated_at: now() })
		.onConflict((oc) => oc.column('key').doNothing())
		.returning('key')
		.executeTakeFirst();
	if (inserted) return true;
	const stale = new Date(Date.now() - CLAIM_TIMEOUT_MS).toISOString();
	const taken = await db
		.updateTable('release_sets')
		.set({ updated_at: now() })
		.where('key', '=', key)
		.where('state', '=', 'building')
		.where('updated_at', '<', stale)
		.returning('key')
		.executeTakeFirst();
	return Boolean(taken);
}

async function read(db: Kysely<Database>, key: string) {
	return db
		.selectFrom('release_sets')
		.select(['state', 'body'])
		.where('key', '=', key)
		.executeTakeFirst();
}

/** Until the set is announced (or a poll finds it, or its claim lapses). */
function wake(key: string): Promise<void> {
	return new Promise((resolve) => {
		const list = waiting.get(key) ?? new Set();
		const done = () => {
			clearTimeout(timer);
			list.delete(done);
			if (!list.size) waiting.delete(key);
			resolve();
		};
		const timer = setTimeout(done, POLL_MS);
		list.add(done);
		waiting.set(key, list);
	});
}

/** The set of `key`: read from the database if another server built it, else built here. */
export async function sharedSet(
	db: Kysely<Database>,
	key: string,
	build: () => Promise<TableSet>
): Promise<TableSet> {
	if (!isPostgres(db)) return build();
	listen(db);
	const stored = `${SET_FORMAT}|${key}`;
	const started = performance.now();
	for (;;) {
		const row = await read(db, stored);
		if (row?.state === 'ready' && row.body) {
			const set = decode(row.body);
			logger.info(
				{ key: stored, ms: Math.round(performance.now() - started) },
				'table set read from the database'
			);
			return set;
		}
		if (!row || row.state !== 'ready') {
			if (await claim(db, stored)) break;
			await wake(stored);
		}
	}
	let set: TableSet;
	const renew = setInterval(() => {
		db.updateTable('release_sets')
			.set({ updated_at: now() })
			.where('key', '=', stored)
			.where('state', '=', 'building')
			.execute()
			.catch(() => {});
	}, RENEW_MS);
	renew.unref?.();
	try {
		set = await build();
	} catch (e) {
		clearInterval(renew);
		// let another server (or a later request) try
		await db
			.deleteFrom('release_sets')
			.where('key', '=', stored)
			.where('state', '=', 'building')
			.execute()
			.catch(() => {});
		throw e;
	}
	clearInterval(renew);
	try {
		await db
			.updateTable('release_sets')
			.set({ state: 'ready', body: encode(set), updated_at: now() })
			.where('key', '=', stored)
			.execute();
		await db
			.selectNoFrom((eb) =>
				eb.fn('pg_notify', [eb.val(CHANGE_CHANNEL), eb.val(`set:${stored}`)]).as('n')
			)
			.execute();
	} catch (e) {
		logger.warn({ err: String(e) }, 'table set not shared');
	}
	return set;
}

/** Drops the sets no server stored or claimed for a week (called at start). */
export async function pruneSharedSets(db: Kysely<Database>): Promise<void> {
	if (!isPostgres(db)) return;
	const before = new Date(Date.now() - KEEP_DAYS * 86_400_000).toISOString();
	await db.deleteFrom('release_sets').where('updated_at', '<', before).execute();
}
