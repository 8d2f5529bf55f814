// URLs of the DuckDB-WASM builds, emitted by Vite into the app's own assets (never a CDN).
// Only the browser client imports this module, dynamically, so the wasm files (34–39 MB) are
// fetched when a page first asks for DuckDB, never on the critical path of a page.
// The COI build (threads) is left out: it needs cross-origin isolation (COEP), which the app
// does not enable.
import type { DuckDBBundles } from '@duckdb/duckdb-wasm';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export function localBundles(): DuckDBBundles {
	return {
		mvp: {
			mainModule: new URL(mvpModule, location.href).href,
			mainWorker: new URL(mvpWorker, location.href).href
		},
		eh: {
			mainModule: new URL(ehModule, location.href).href,
			mainWorker: new URL(ehWorker, location.href).href
		}
	};
}
