// The storage layer: Kysely over embedded SQLite (default, one file under DATA_DIR) or over
// PostgreSQL when DATABASE_URL is set. The rest of the server only sees `Kysely<Database>`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { migrationProvider, type Dialect } from './migrations';
import { logger } from '../logger';
import { registerPostgres, stopListening } from './notify';

export type { Database } from './schema';
export type { Dialect } from './migrations';

export interface Store {
	db: Kysely<Database>;
	dialect: Dialect;
	/** human description without credentials, for logs */
	description: string;
	close(): Promise<void>;
}

export interface StoreOptions {
	databaseUrl: string | null;
	dataDir: string;
	/** PostgreSQL schema to use (tests isolate each run in its own schema) */
	pgSchema?: string;
}

export function sqliteFile(dataDir: string): string {
	return path.join(dataDir, 'bilans-partages.sqlite');
}

export function openStore(options: StoreOptions): Store {
	if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
		const pgOptions = options.pgSchema ? `-c search_path=${options.pgSchema}` : undefined;
		const pool = new pg.Pool({
			connectionString: options.databaseUrl,
			max: 10,
			...(pgOptions ? { options: pgOptions } : {})
		});
		pool.on('error', (err) => logger.error({ err: err.message }, 'postgres pool error'));
		const url = new URL(options.databaseUrl);
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
		registerPostgres(db, options.databaseUrl, pgOptions);
		return {
			db,
			dialect: 'postgres',
			description: `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`,
			close: async () => {
				await stopListening(db);
				await db.destroy();
			}
		};
	}
	if (options.databaseUrl) {
		throw new Error('DATABASE_URL doit commencer par postgres:// ou postgresql://');
	}
	mkdirSync(options.dataDir, { recursive: true });
	const file = sqliteFile(options.dataDir);
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	cachePreparedStatements(sqlite);
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	return { db, dialect: 'sqlite', description: `sqlite:${file}`, close: () => db.destroy() };
}

/** Statements kept per connection, so a frequent request does not compile its SQL again. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely prepares each query's SQL again on every call; on the request path of a cached release
 * that was half of SQLite's time. Statements are reused by SQL text (SQLite re-prepares one
 * itself after a schema change), the least recently used dropped past the cache size. Kysely
 * only runs `all` and `run` on them here, which never leave a statement busy.
 */
export function cachePreparedStatements(sqlite: SQLite.Database): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const cache = new Map<string, SQLite.Statement>();
	sqlite.prepare = ((source: string) => {
		let statement = cache.get(source);
		if (statement) cache.delete(source);
		else {
			statement = prepare(source);
			if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
		}
		cache.set(source, statement);
		return statement;
	}) as typeof sqlite.prepare;
}

export async function migrate(store: Store): Promise<string[]> {
	// Migrations are independent tables added by separate features: a data folder that ran a later
	// one first (during development) must still accept an earlier one.
	const migrator = new Migrator({
		db: store.db,
		provider: migrationProvider(store.dialect),
		allowUnorderedMigrations: true
	});
	const { error, results } = await migrator.migrateToLatest();
	const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
	if (error) throw error instanceof Error ? error : new Error(String(error));
	if (applied.length) logger.info({ applied, db: store.description }, 'migrations applied');
	return applied;
}
