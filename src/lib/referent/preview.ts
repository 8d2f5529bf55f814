// The preview of a group's bilan before it is sent: the valid rows (Arrow IPC chunks from the
// validation worker) and the group's other current files of the period go into DuckDB-WASM, and
// the charts of the bilan are computed there with prepared statements. Browser only.
import type { TabularKind } from '$contracts/codes';
import { normalizedColumns } from '$contracts/validate';
import { previewColumns } from './preview-columns';
import { previewCharts, previewStatements, TABLE, type PreviewResult } from './preview-charts';
import {
	exec,
	ident,
	insertRows,
	queryAll,
	withConnection,
	type ColumnType
} from '$lib/duckdb/client';

export { TABLE, type Indicator, type PreviewResult } from './preview-charts';

/** Loads the worker's Arrow IPC chunks (the `previewColumns`) as the kind's table (replacing it). */
export async function loadChunks(kind: TabularKind, chunks: Uint8Array[]): Promise<void> {
	const name = TABLE[kind];
	await withConnection(async (conn) => {
		await conn.query(`DROP TABLE IF EXISTS ${ident(name)}`);
		let first = true;
		for (const ipc of chunks) {
			await conn.insertArrowFromIPCStream(ipc, { name, create: first });
			first = false;
		}
		if (first) await conn.query(createSql(kind));
	});
}

function columnType(t: string): ColumnType {
	return t === 'INTEGER' ? 'integer' : t === 'BOOLEAN' ? 'boolean' : 'varchar';
}

function createSql(kind: TabularKind): string {
	return `CREATE TABLE ${ident(TABLE[kind])} (${previewColumns(kind)
		.map((c) => `${ident(c.name)} ${c.type === 'DATE' ? 'VARCHAR' : c.type}`)
		.join(', ')})`;
}

/** The group's current rows of another kind, as sent by the server (row arrays). */
export async function loadServerRows(
	kind: TabularKind,
	rows: (string | number | boolean | null)[][]
): Promise<void> {
	const columns = normalizedColumns(kind).map((c) => ({ name: c.name, type: columnType(c.type) }));
	await insertRows(TABLE[kind], columns, rows);
}

export async function dropTable(kind: TabularKind): Promise<void> {
	await exec(`DROP TABLE IF EXISTS ${ident(TABLE[kind])}`);
}

/** Charts and protocol indicators of the kinds loaded (all queries on one connection), drawn with
 * the deployment's threshold `k`. */
export async function buildPreview(loaded: TabularKind[], k: number): Promise<PreviewResult> {
	return previewCharts(loaded, await queryAll(previewStatements(loaded)), k);
}
