// Validation of an upload off the main thread: reads the file, runs the contracts (the same code
// as the server), reports progress, then — for a refused file — re-reads only the lines the
// report points at to build the grid, and — for an accepted file — transfers the valid rows (the
// columns the preview reads) as Arrow IPC chunks for DuckDB. Never posts rows one by one.
import { TABULAR_KINDS, type TabularKind } from '$contracts/codes';
import { validateBytes, validateStream, type ValidRow } from '$contracts/validate';
import { ColumnChunk } from './columns';
import { previewColumns } from './preview-columns';
import { FIELDS } from '$contracts/fields';
import { openText } from '$contracts/reader/decode';
import { CsvParser, sniffDelimiter } from '$contracts/reader/csv';
import { scanText } from '$contracts/pii/detect';
import { maskValue } from '$contracts/pii/mask';
import { normalizeName } from '$contracts/text-utils';
import type { Report } from '$contracts/report';
import type { FromWorker, GridData, GridRow, ToWorker } from './protocol';

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
					: 'Le fichier n’a pas pu être lu : vérifiez qu’il s’agit bien d’un fichier CSV et réessayez.'
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
		(report.errors.some((er) => !isFileLevel(er.code)) || (report.risk?.belowK ?? 0) > 0);
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

const HINT = /\(([^()]*…[^()]*)\)/;

function buildGrid(
	kind: TabularKind,
	bytes: Uint8Array,
	report: Report,
	maxRows: number
): GridData {
	const errorsByLine = new Map<number, Report['errors']>();
	for (const er of report.errors) {
		if (er.row <= 1) continue;
		let list = errorsByLine.get(er.row);
		if (!list) errorsByLine.set(er.row, (list = []));
		list.push(er);
	}
	const lines = new Set<number>(errorsByLine.keys());
	for (const w of report.warnings ?? []) for (const r of w.rows ?? []) lines.add(r);
	const sorted = [...lines].sort((a, b) => a - b);
	const keep = new Set(sorted.slice(0, maxRows));

	const fields = FIELDS[kind];
	const byName = new Map(fields.map((f) => [normalizeName(f.name), f.name]));
	let header: string[] = [];
	let canonical: string[] = [];
	const rows: GridRow[] = [];
	const opened = openText(bytes);
	if (!opened.ok) return { header, canonical, rows, omitted: sorted.length };
	let parser: CsvParser | null = null;
	let headerSeen = false;
	const onRow = (rec: string[], line: number) => {
		if (!headerSeen) {
			if (rec.length === 1 && rec[0].trim() === '') return;
			headerSeen = true;
			header = rec.map((h) => h.trim().slice(0, 60));
			canonical = rec.map((h) => byName.get(normalizeName(h)) ?? '');
			return;
		}
		if (!keep.has(line)) return;
		const errs = errorsByLine.get(line) ?? [];
		const width = Math.max(header.length, rec.length);
		const cells = [];
		for (let j = 0; j < width; j++) {
			const raw = (rec[j] ?? '').trim();
			const col = canonical[j] ?? '';
			const cellErrs = col ? errs.filter((er) => er.column === col) : [];
			cells.push(maskCell(raw, cellErrs));
		}
		rows.push({ line, cells });
	};
	for (const chunk of opened.source.chunks()) {
		parser ??= new CsvParser(sniffDelimiter(chunk.replace(/^\s+/, '')), { row: onRow });
		parser.push(chunk);
		if (rows.length >= keep.size) break;
	}
	parser?.end();
	return { header, canonical, rows, omitted: Math.max(0, sorted.length - keep.size) };
}

function maskCell(raw: string, errs: Report['errors']): { text: string; masked: boolean } {
	const pii = errs.find((er) => er.code.startsWith('pii.'));
	if (pii) return { text: HINT.exec(pii.message)?.[1] ?? maskValue(raw, 'name'), masked: true };
	// A refused value may still hold an identifier the cell rules did not look for: mask it.
	if (errs.length > 0 && scanText(raw).length > 0)
		return { text: maskValue(raw, 'name'), masked: true };
	return { text: raw.length > 60 ? raw.slice(0, 57) + '…' : raw, masked: false };
}
