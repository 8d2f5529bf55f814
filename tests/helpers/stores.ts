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
	const admin = async (query: string) => {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await client.query(query);
		} finally {
			await client.end();
		}
	};
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

/** The stores every storage suite runs against: SQLite always, PostgreSQL when configured. */
export function testStores(): TestStore[] {
	const url = process.env.TEST_DATABASE_URL;
	return url ? [sqliteStore(), postgresStore(url)] : [sqliteStore()];
}

/**
 * A SQLite store seeded with the demo department, opened before the suite's tests and disposed
 * after them. Call inside `describe`; read the store through the returned getter.
 */
export function useDemoStore(): () => Store {
	const backend = sqliteStore();
	let store: Store | null = null;
	beforeAll(async () => {
		store = await backend.open();
		await seedDemo(store.db);
	}, 120_000);
	afterAll(() => backend.dispose());
	return () => {
		if (!store) throw new Error('demo store not open yet');
		return store;
	};
}
