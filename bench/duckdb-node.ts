// DuckDB-WASM's blocking Node build, the baseline and engine of the Node benchmarks (the same
// wasm the browser runs, without a worker).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A blocking DuckDB-WASM instance, opened with `config`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function openNodeDuckDb(config: Record<string, unknown> = {}): Promise<any> {
	const entry = '@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs';
	const duck = require(entry);
	const dist = dirname(require.resolve(entry));
	const bundles = {
		mvp: {
			mainModule: join(dist, 'duckdb-mvp.wasm'),
			mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs')
		},
		eh: {
			mainModule: join(dist, 'duckdb-eh.wasm'),
			mainWorker: join(dist, 'duckdb-node-eh.worker.cjs')
		}
	};
	const db = await duck.createDuckDB(bundles, new duck.VoidLogger(), duck.NODE_RUNTIME);
	await db.instantiate();
	db.open(config);
	return db;
}
