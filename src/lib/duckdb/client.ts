// The page's single DuckDB-WASM database, in a Web Worker, loaded lazily: the first call starts
// it (concurrent callers share the same promise) and nothing is fetched before. The library
// and its wasm (34 MB) come through dynamic imports from the app's own assets, so they are
// never on a page's critical path and never on the server. Queries go through prepared
// statements, each on its own connection closed in `finally`, and come back as plain objects.
import { browser } from '$app/environment';
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Row } from './rows';
import { duckdbStatus } from './status.svelte';

export type { Row, SqlValue } from './rows';

/** Values a prepared statement can bind. */
export type SqlParam = string | number | boolean | null;

import type { ColumnDef, ColumnType } from './arrow-columns';
export type { ColumnDef, ColumnType } from './arrow-columns';

let instance: Promise<AsyncDuckDB> | null = null;

function assertBrowser(): void {
	if (!browser) throw new Error('DuckDB-WASM is browser-only: do not call it during SSR');
}

/** `"name"` with embedded quotes doubled: table and column names are always quoted. */
export function ident(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

async function start(): Promise<AsyncDuckDB> {
	duckdbStatus.start();
	try {
		// `browser` is a build-time constant: the server build drops these imports (and the wasm).
		const [duckdb, { localBundles }] = await Promise.all([
			browser ? import('@duckdb/duckdb-wasm') : Promise.reject(new Error('browser only')),
			browser ? import('./bundles') : Promise.reject(new Error('browser only'))
		]);
		const bundles = localBundles();
		const bundle = await duckdb.selectBundle(bundles);
		const worker = new Worker(bundle.mainWorker!);
		const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
		try {
			await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) =>
				duckdbStatus.report(p.bytesLoaded, p.bytesTotal)
			);
			await db.open({
				query: { castBigIntToDouble: true, castDecimalToDouble: true }
			});
			// Nothing may be fetched from extensions.duckdb.org: everything we use is built in.
			const conn = await db.connect();
			try {
				await conn.query(
					'SET autoinstall_known_extensions = false; SET autoload_known_extensions = false'
				);
			} finally {
				await conn.close();
			}
		} catch (e) {
			await db.terminate().catch(() => undefined);
			throw e;
		}
		duckdbStatus.succeed(bundle.mainModule === bundles.eh?.mainModule ? 'eh' : 'mvp');
		return db;
	} catch (e) {
		duckdbStatus.fail(
			'Le moteur d’analyse du navigateur n’a pas pu démarrer : rechargez la page ; les tableaux restent consultables.'
		);
		instance = null; // a later call may retry
		throw e;
	}
}

/** The database, started on first call; every caller shares the same instance. */
export function getDuckDb(): Promise<AsyncDuckDB> {
	assertBrowser();
	instance ??= start();
	return instance;
}

/** Runs `fn` on a fresh connection, always closed afterwards. */
export async function withConnection<T>(
	fn: (conn: AsyncDuckDBConnection) => Promise<T>
): Promise<T> {
	const db = await getDuckDb();
	const conn = await db.connect();
	try {
		return await fn(conn);
	} finally {
		await conn.close();
	}
}

/**
 * One SQL statement as a prepared statement, `?` placeholders bound to `params`, rows as plain
 * objects (BigInt → number, dates → ISO strings).
 *
 * @example
 * const rows = await query<{ commune: string; n: number }>(
 * 	'SELECT commune, sum(n) AS n FROM situations WHERE periode = ? GROUP BY commune',
 * 	['2024']
 * );
 */
export async function query<T = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
	const [rows] = await queryAll([{ sql, params }]);
	return rows as T[];
}

/**
 * Several prepared statements run one after the other on one connection (one round of
 * connection set-up for a page's worth of small queries); results in the same order.
 */
export async function queryAll<T extends Row[][] = Row[][]>(
	statements: readonly { sql: string; params?: readonly SqlParam[] }[]
): Promise<T> {
	const { tableToRows } = await import('./rows');
	return withConnection(async (conn) => {
		const results: Row[][] = [];
		for (const { sql, params = [] } of statements) {
			const stmt = await conn.prepare(sql);
			try {
				results.push(tableToRows(await stmt.query(...params)));
			} finally {
				await stmt.close();
			}
		}
		return results as T;
	});
}

/** Statements without parameters or results (DDL, several statements separated by `;`). */
export async function exec(sql: string): Promise<void> {
	await withConnection(async (conn) => {
		await conn.query(sql);
	});
}

async function bytesOf(source: Uint8Array | string | URL): Promise<Uint8Array> {
	if (source instanceof Uint8Array) return source;
	const res = await fetch(source, { credentials: 'same-origin' });
	if (!res.ok) throw new Error(`HTTP ${res.status} en chargeant ${String(source)}`);
	return new Uint8Array(await res.arrayBuffer());
}

/**
 * A Parquet file (bytes, or a same-origin URL fetched with the session cookie) as table `name`,
 * replacing any previous one. DuckDB-WASM 1.32 has no built-in Parquet reader (it would fetch
 * its extension from extensions.duckdb.org, which we forbid), so the file is decoded in JS with
 * hyparquet and inserted as Arrow. Flat schemas only. Prefer Arrow IPC for large releases.
 */
export async function registerParquet(
	name: string,
	source: Uint8Array | string | URL
): Promise<number> {
	const bytes = await bytesOf(source);
	const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
	const file = bytes.buffer.slice(
		bytes.byteOffset,
		bytes.byteOffset + bytes.byteLength
	) as ArrayBuffer;
	const metadata = parquetMetadata(file);
	const [root, ...elements] = metadata.schema;
	if (elements.length !== (root.num_children ?? 0) || elements.some((e) => e.num_children))
		throw new Error(`Parquet « ${name} » : seuls les schémas plats sont pris en charge`);
	const columns: ColumnDef[] = elements.map((e) => ({ name: e.name, type: parquetColumnType(e) }));
	const rows = await parquetReadObjects({ file, metadata });
	return insertRows(name, columns, rows);
}

function parquetColumnType(e: {
	type?: string;
	converted_type?: string;
	logical_type?: { type: string };
}): ColumnType {
	if (e.logical_type?.type === 'DATE' || e.converted_type === 'DATE') return 'date';
	switch (e.type) {
		case 'BOOLEAN':
			return 'boolean';
		case 'INT32':
			return 'integer';
		case 'INT64':
		case 'FLOAT':
		case 'DOUBLE':
			return 'double';
		default:
			return 'varchar';
	}
}

/** Drops a table or a view of that name, if any (DuckDB refuses `DROP VIEW` on a table). */
async function dropRelation(conn: AsyncDuckDBConnection, name: string): Promise<void> {
	const stmt = await conn.prepare(
		'SELECT table_type FROM information_schema.tables WHERE table_name = ?'
	);
	try {
		const found = (await stmt.query(name)).toArray() as { table_type: string }[];
		for (const { table_type } of found) {
			await conn.query(`DROP ${table_type === 'VIEW' ? 'VIEW' : 'TABLE'} ${ident(name)}`);
		}
	} finally {
		await stmt.close();
	}
}

/**
 * An Arrow IPC *stream* (`tableToIPC(table, 'stream')`; bytes or a same-origin URL) as table
 * `name`, replacing any previous one.
 * Bytes are transferred to the worker: pass a copy to keep them.
 */
export async function registerArrow(
	name: string,
	source: Uint8Array | string | URL
): Promise<void> {
	const bytes = await bytesOf(source);
	await withConnection(async (conn) => {
		await dropRelation(conn, name);
		await conn.insertArrowFromIPCStream(bytes, { name, create: true });
	});
}

/**
 * Rows (arrays in `columns` order, or objects keyed by column name) as table `name`, replacing
 * any previous one; built as Arrow columns and inserted in chunks (fast path for the referent's
 * validated rows). Returns the number of rows inserted.
 *
 * @example
 * await insertRows('situations', [
 * 	{ name: 'age', type: 'varchar' }, { name: 'n', type: 'integer' }
 * ], [['0-5', 3], ['6-10', 12]]);
 */
export async function insertRows(
	table: string,
	columns: readonly ColumnDef[],
	rows: readonly (readonly unknown[])[] | readonly Record<string, unknown>[],
	options: { chunkSize?: number } = {}
): Promise<number> {
	const { rowsToTable } = await import('./arrow-columns');
	const chunkSize = options.chunkSize ?? 100_000;
	await withConnection(async (conn) => {
		await dropRelation(conn, table);
		await conn.query(
			`CREATE TABLE ${ident(table)} (${columns
				.map((c) => `${ident(c.name)} ${c.type === 'date' ? 'VARCHAR' : c.type.toUpperCase()}`)
				.join(', ')})`
		);
		for (let start = 0; start < rows.length; start += chunkSize) {
			const chunk = rowsToTable(columns, rows.slice(start, start + chunkSize) as typeof rows);
			await conn.insertArrowTable(chunk, { name: table, create: false });
		}
		for (const c of columns)
			if (c.type === 'date')
				await conn.query(
					`ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(c.name)} SET DATA TYPE DATE`
				);
	});
	return rows.length;
}
