// Why: several app servers may share one PostgreSQL database, each caching what it derives from
// the data (releases). Triggers (migrations-notify.ts) announce every committed change of the
// tables releases are built from on one channel; each server listens on a connection of its own
// and drops its checked copies at once, instead of noticing within its freshness window. After a
// lost connection it reconnects and reports a change, since announcements may have been missed.
// SQLite has one process for writer and readers: nothing to announce.
import type { Kysely } from 'kysely';
import pg from 'pg';
import { logger } from '../logger';
import type { Database } from './schema';

export const CHANGE_CHANNEL = 'bp_changes';
const RETRY_MS = 1000;

interface Target {
	connectionString: string;
	options?: string;
	listeners: Array<(payload: string) => void>;
	client: pg.Client | null;
	timer: ReturnType<typeof setTimeout> | null;
	closed: boolean;
}

const targets = new WeakMap<Kysely<Database>, Target>();

/** Called by openStore for a PostgreSQL store. */
export function registerPostgres(
	db: Kysely<Database>,
	connectionString: string,
	options?: string
): void {
	targets.set(db, {
		connectionString,
		options,
		listeners: [],
		client: null,
		timer: null,
		closed: false
	});
}

function emit(target: Target, payload: string): void {
	for (const fn of target.listeners) {
		try {
			fn(payload);
		} catch (e) {
			logger.error({ err: String(e) }, 'change listener failed');
		}
	}
}

function connect(target: Target, reconnecting: boolean): void {
	if (target.closed) return;
	const client = new pg.Client({
		connectionString: target.connectionString,
		...(target.options ? { options: target.options } : {})
	});
	target.client = client;
	const retry = (err: unknown) => {
		if (target.client !== client) return;
		target.client = null;
		client.removeAllListeners('notification');
		void client.end().catch(() => {});
		if (target.closed) return;
		logger.warn({ err: String(err) }, 'change notifications lost, reconnecting');
		target.timer = setTimeout(() => connect(target, true), RETRY_MS);
		target.timer.unref?.();
	};
	client.on('error', retry);
	client.on('end', () => retry('connection ended'));
	client.on('notification', (msg) => {
		if (msg.channel === CHANGE_CHANNEL) emit(target, msg.payload ?? '');
	});
	client
		.connect()
		.then(() => client.query(`LISTEN ${CHANGE_CHANNEL}`))
		.then(() => {
			// the connection must not keep the process alive on its own
			(
				client as unknown as { connection?: { stream?: { unref?: () => void } } }
			).connection?.stream?.unref?.();
			if (reconnecting) emit(target, '*:');
		})
		.catch(retry);
}

/**
 * Calls `fn` with `table:period` (period empty for other tables; `*:` when changes may have been
 * missed) after each committed change announced by the database. No-op on SQLite.
 */
export function onDataChange(db: Kysely<Database>, fn: (payload: string) => void): boolean {
	const target = targets.get(db);
	if (!target || target.closed) return false;
	target.listeners.push(fn);
	if (!target.client && !target.timer) connect(target, false);
	return true;
}

/** True for a PostgreSQL store (one that announces changes). */
export function isPostgres(db: Kysely<Database>): boolean {
	return targets.has(db);
}

/** Stops listening (the store is being closed). */
export async function stopListening(db: Kysely<Database>): Promise<void> {
	const target = targets.get(db);
	if (!target) return;
	target.closed = true;
	if (target.timer) clearTimeout(target.timer);
	const client = target.client;
	target.client = null;
	await client?.end().catch(() => {});
}
