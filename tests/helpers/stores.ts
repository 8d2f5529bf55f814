// Test stores: a fresh SQLite file per test file, and when TEST_DATABASE_URL is set, a fresh
// PostgreSQL schema per test file, so suites never see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { migrate, openStore, type Store } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';

export interface TestStore {
	name: 'sqlite' | 'postgres';
	open(): Promise<Store>;
	dispose(): Promise<void>;
}

export function sqliteStore(): TestStore {
	let dir = '';
	let store: Store | null = null;
	return {
		name: 'sqlite',
		async open() {
			dir = mkdtempSync(path.join(tmpdir(), 'bp-test-'));
			store = openStore({ databaseUrl: null, dataDir: dir });
			await migrate(store);
			return store;
		},
		async dispose() {
			await store?.close();
			if (dir) rmSync(dir, { recursive: true, force: true });
		}
	};
}

export function postgresStore(url: string): TestStore {
	const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
	let store: Store | null = null;
	const admin = (query: string) => pgAdmin(url, query);
	return {
		name: 'postgres',
		async open() {
			await admin(`CREATE SCHEMA ${schema}`);
			store = openStore({ databaseUrl: url, dataDir: '', pgSchema: schema });
			await migrate(store);
			return store;
		},
		async dispose() {
			await store?.close();
			await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		}
	};
}

/** A plain group (a CLSPD commission) on `communes`, for storage tests. */
export async function insertGroup(
	db: Store['db'],
	id: string,
	communes: string[],
	name = `Groupe ${id}`
): Promise<void> {
	await db
		.insertInto('groups')
		.values({
			id,
			name,
			instance_type: 'commission_clspd',
			departement: '91',
			coordinator_institution: 'commune',
			member_institutions: '["commune"]',
			demo: 0,
			created_at: '2025-01-10T00:00:00.000Z'
		})
		.execute();
	const links = communes.map((c) => ({ group_id: id, commune_code: c }));
	if (links.length) await db.insertInto('group_communes').values(links).execute();
}

/** Runs one statement on the PostgreSQL server of `url` (as the database of `url`). */
async function pgAdmin(url: string, query: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(query);
	} finally {
		await client.end();
	}
}

export interface TestDatabase {
	/** connection URL of the new, empty database */
	url: string;
	drop(): Promise<void>;
}

/** A new, empty PostgreSQL database on the server of `url` (built app servers, restores). */
export async function freshPostgresDatabase(url: string): Promise<TestDatabase> {
	const name = `bp_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
	await pgAdmin(url, `CREATE DATABASE ${name}`);
	const own = new URL(url);
	own.pathname = `/${name}`;
	return {
		url: own.href,
		drop: () => pgAdmin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	};
}

/** The stores every storage suite runs against: SQLite always, PostgreSQL when configured. */
export function testStores(): TestStore[] {
	const url = process.env.TEST_DATABASE_URL;
	return url ? [sqliteStore(), postgresStore(url)] : [sqliteStore()];
}

/** The store of a suite: readable from its first hook on, until its last. */
export interface SuiteStore {
	readonly store: Store;
	readonly db: Store['db'];
	readonly dialect: Store['dialect'];
}

export interface SuiteStoreOptions {
	/** rows the suite's tests start from, written once the store is migrated */
	prepare?: (db: Store['db']) => Promise<unknown>;
	/** the opening hook's timeout */
	timeoutMs?: number;
}

/**
 * Opens `backend` before the suite's tests (then `prepare`s it) and disposes it after them.
 * Call inside `describe`; read `store` or `db` inside hooks and tests.
 */
export function useStore(backend: TestStore, options: SuiteStoreOptions = {}): SuiteStore {
	let store: Store | null = null;
	beforeAll(async () => {
		store = await backend.open();
		await options.prepare?.(store.db);
	}, options.timeoutMs ?? 120_000);
	afterAll(() => backend.dispose());
	const open = () => {
		if (!store) throw new Error(`${backend.name} store not open yet`);
		return store;
	};
	return {
		get store() {
			return open();
		},
		get db() {
			return open().db;
		},
		get dialect() {
			return open().dialect;
		}
	};
}

/** A SQLite store seeded with the demo department, for the suite (see `useStore`). */
export function useDemoStore(): SuiteStore {
	return useStore(sqliteStore(), { prepare: seedDemo });
}
