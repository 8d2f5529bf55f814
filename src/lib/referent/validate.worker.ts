// Validation of an upload off the main thread: reads the file, runs the contracts (the same code
// as the server), reports progress, then — for a refused file — re-reads only the lines the
// report points at to build the grid, and — for an accepted file — transfers the valid rows (the
// columns the preview reads) as Arrow IPC chunks for DuckDB. Never posts rows one by one.
import { TABULAR_KINDS, type TabularKind } from '$contracts/codes';
import { validateBytes, validateStream, type ValidRow } from '$contracts/validate';
import { ColumnChunk } from './columns';
import { previewColumns } from './preview-columns';
import { buildGrid } from './grid';
import type { Report } from '$contracts/report';
import type { FromWorker, ToWorker } from './protocol';

const CHUNK_ROWS = 100_000;
const post = (m: FromWorker, transfer: Transferable[] = []) =>
	(self as unknown as Worker).postMessage(m, transfer);

self.onmessage = async (e: MessageEvent<ToWorker>) => {
	const msg = e.data;
	if (msg.type !== 'start') return;
	try {
		await run(msg);
	} catch (err) {
		post({
			type: 'failed',
			message:
				err instanceof Error && /memory|allocation/i.test(err.message)
					? 'Le navigateur manque de mémoire pour lire ce fichier : fermez d’autres onglets et réessayez.'
					: 'Le fichier n’a pas pu être lu : vérifiez qu’il s’agit bien d’un classeur .xlsx ou .ods, ou d’un fichier CSV, et réessayez.'
		});
	}
};

async function run(msg: Extract<ToWorker, { type: 'start' }>) {
	const started = performance.now();
	post({ type: 'progress', done: 0, total: msg.file.size, phase: 'lecture' });
	const tooLarge = msg.file.size > msg.maxBytes;
	const bytes = tooLarge ? new Uint8Array(0) : new Uint8Array(await msg.file.arrayBuffer());
	const kind = msg.kind;
	const tabular = (TABULAR_KINDS as readonly string[]).includes(kind);
	const columns = tabular ? previewColumns(kind as TabularKind) : [];
	const chunks: ColumnChunk[] = [];
	let chunk = new ColumnChunk(columns, CHUNK_ROWS);
	let lastPost = 0;
	let report: Report;
	if (tooLarge) {
		// The contract's own refusal, without reading the file: it only looks at the length first.
		const sized = { length: msg.file.size } as Uint8Array;
		report = validateStream(kind, sized, { maxBytes: msg.maxBytes }).next().value as Report;
	} else {
		// Rows arrive through a callback (no generator step per row) into columnar chunks.
		const push = (r: ValidRow) => {
			if (chunk.full) {
				chunks.push(chunk);
				chunk = new ColumnChunk(columns, CHUNK_ROWS);
			}
			chunk.push(r.row);
		};
		report = validateBytes(kind, bytes, {
			maxBytes: msg.maxBytes,
			k: msg.k,
			onRow: tabular ? push : undefined,
			onProgress(done, total) {
				const now = performance.now();
				if (now - lastPost > 50 || done === total) {
					lastPost = now;
					post({ type: 'progress', done, total, phase: 'controle' });
				}
			}
		});
	}
	if (tabular && chunk.length) chunks.push(chunk);
	const needsGrid =
		tabular &&
		bytes.length > 0 &&
		(report.errors.some((er) => !isFileLevel(er.code)) || (report.risk?.rareRows ?? 0) > 0);
	// The report first (counts and messages); then, for an accepted file, its rows as Arrow IPC
	// (one transferred chunk at a time) so that DuckDB loads them while the grid the report points
	// at is built (a second, partial read of the file).
	post({ type: 'report', report, ms: performance.now() - started });
	if (report.ok && tabular) {
		let total = 0;
		while (chunks.length) {
			const c = chunks.shift()!;
			const ipc = c.toIpc();
			total += c.length;
			post({ type: 'chunk', ipc, rows: c.length }, [ipc.buffer]);
		}
		post({ type: 'rows-done', rows: total });
	}
	if (needsGrid)
		post({
			type: 'grid',
			grid: buildGrid(kind as TabularKind, bytes, report, msg.maxGridRows ?? 500)
		});
	post({ type: 'end' });
}

const isFileLevel = (code: string) => /^(file|csv)\./.test(code);
