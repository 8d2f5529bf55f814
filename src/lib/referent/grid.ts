// The report's grid: the refused rows and the rows of the re-identification warning, read again
// from the file's bytes after the check (the check keeps no raw rows), cells masked when they may
// identify someone. Only the lines the report points at are parsed: their starts are found byte
// by byte (one native search per line break), so the grid of a large file costs a few
// milliseconds, not a second read of the whole file. Files whose lines cannot be found that way
// (UTF-16, lone CR line breaks, a quoted field running over many lines) are read again in full,
// and so are workbooks (their sheet streamed again until the wanted rows are found).
import type { TabularKind } from '$contracts/codes';
import { FIELDS } from '$contracts/fields';
import { openText, textDecoder } from '$contracts/reader/decode';
import { CsvParser, sniffDelimiter, type Delimiter } from '$contracts/reader/csv';
import { openSpreadsheet } from '$contracts/reader/sheet';
import { scanText } from '$contracts/pii/detect';
import { maskValue } from '$contracts/pii/mask';
import { normalizeName } from '$contracts/text-utils';
import type { Report } from '$contracts/report';
import type { GridData, GridRow } from './protocol';

const HINT = /\(([^()]*…[^()]*)\)/;
const LF = 10;
const CR = 13;
/** Lines a quoted field may run over before the whole file is read instead. */
const MAX_RECORD_LINES = 50;
/** Bytes read to find the header. */
const HEADER_BYTES = 1 << 16;

type OnRecord = (rec: string[], line: number) => void;

/** The lines the report points at, sorted: refused rows (with their errors) and warned rows. */
function pointedLines(report: Report) {
	const errorsByLine = new Map<number, Report['errors']>();
	for (const er of report.errors) {
		if (er.row <= 1) continue;
		let list = errorsByLine.get(er.row);
		if (!list) errorsByLine.set(er.row, (list = []));
		list.push(er);
	}
	const lines = new Set<number>(errorsByLine.keys());
	for (const w of report.warnings ?? []) for (const r of w.rows ?? []) lines.add(r);
	return { errorsByLine, sorted: [...lines].sort((a, b) => a - b) };
}

/** Gathers the header and the kept rows, their cells masked, as the records are read. */
function collector(
	kind: TabularKind,
	errorsByLine: ReadonlyMap<number, Report['errors']>,
	keep: ReadonlySet<number>
) {
	const byName = new Map(FIELDS[kind].map((f) => [normalizeName(f.name), f.name]));
	const grid = {
		header: [] as string[],
		canonical: [] as string[],
		rows: [] as GridRow[],
		headerSeen: false
	};
	const onHeader = (rec: string[]): boolean => {
		if (grid.headerSeen) return true;
		if (rec.length === 1 && rec[0].trim() === '') return false;
		grid.headerSeen = true;
		grid.header = rec.map((h) => h.trim().slice(0, 60));
		grid.canonical = rec.map((h) => byName.get(normalizeName(h)) ?? '');
		return true;
	};
	const onRow: OnRecord = (rec, line) => {
		if (!grid.headerSeen) {
			onHeader(rec);
			return;
		}
		if (!keep.has(line)) return;
		const errs = errorsByLine.get(line) ?? [];
		const width = Math.max(grid.header.length, rec.length);
		const cells = [];
		for (let j = 0; j < width; j++) {
			const raw = (rec[j] ?? '').trim();
			const col = grid.canonical[j] ?? '';
			const cellErrs = col ? errs.filter((er) => er.column === col) : [];
			cells.push(maskCell(raw, cellErrs));
		}
		grid.rows.push({ line, cells });
	};
	return {
		grid,
		onHeader,
		onRow,
		/** every kept row read */
		full: () => grid.rows.length >= keep.size,
		data: (omitted: number): GridData => ({
			header: grid.header,
			canonical: grid.canonical,
			rows: grid.rows,
			omitted
		})
	};
}

type Collector = ReturnType<typeof collector>;

/** A workbook's sheet read again (rows as the check read them, from column A); false if it fails. */
function readSheet(bytes: Uint8Array, kind: TabularKind, c: Collector): boolean {
	try {
		const it = openSpreadsheet(bytes, kind).rows((rec, line) => {
			if (!c.grid.headerSeen && rec.length === 0) return;
			c.onRow(rec, line);
		});
		for (let n = it.next(); !n.done; n = it.next()) if (c.full()) break;
		return true;
	} catch {
		return false;
	}
}

/** The whole text file read again, as the check read it; false when it cannot be decoded. */
function readWhole(bytes: Uint8Array, c: Collector): boolean {
	const opened = openText(bytes);
	if (!opened.ok) return false;
	let parser: CsvParser | null = null;
	for (const chunk of opened.source.chunks()) {
		parser ??= new CsvParser(sniffDelimiter(chunk.replace(/^\s+/, '')), { row: c.onRow });
		parser.push(chunk);
		if (c.full()) break;
	}
	parser?.end();
	return true;
}

export function buildGrid(
	kind: TabularKind,
	bytes: Uint8Array,
	report: Report,
	maxRows: number,
	options: { fullRead?: boolean } = {}
): GridData {
	const { errorsByLine, sorted } = pointedLines(report);
	const wanted = sorted.slice(0, maxRows);
	const keep = new Set(wanted);
	const omitted = Math.max(0, sorted.length - keep.size);
	const c = collector(kind, errorsByLine, keep);

	if (report.sheet !== undefined)
		return readSheet(bytes, kind, c) ? c.data(omitted) : c.data(sorted.length - c.grid.rows.length);
	if (!options.fullRead && readLines(bytes, report, wanted, c.onHeader, c.onRow))
		return c.data(omitted);
	const again = collector(kind, errorsByLine, keep);
	return readWhole(bytes, again) ? again.data(omitted) : again.data(sorted.length);
}

/**
 * The header and the records starting on the `wanted` lines (sorted), found byte by byte; false
 * when the file's lines cannot be found that way (nothing was passed to `onRow` then).
 */
function readLines(
	bytes: Uint8Array,
	report: Report,
	wanted: readonly number[],
	onHeader: (rec: string[]) => boolean,
	onRow: OnRecord
): boolean {
	const encoding = report.encoding;
	const delimiter = report.delimiter as Delimiter | undefined;
	if ((encoding !== 'utf-8' && encoding !== 'windows-1252') || !delimiter) return false;
	// A lone CR also ends a line for the parser: such files are read in full.
	for (let i = bytes.indexOf(CR); i !== -1; i = bytes.indexOf(CR, i + 1))
		if (bytes[i + 1] !== LF) return false;
	const decoder = textDecoder(encoding);
	const skip = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

	// The header: the first record that is not blank, within the first bytes.
	let found = false;
	let headerLine = 0;
	const head = new CsvParser(delimiter, {
		row: (rec, at) => {
			if (!found && (found = onHeader(rec))) headerLine = at;
		}
	});
	const headEnd = Math.min(bytes.length, skip + HEADER_BYTES);
	const headText = decoder.decode(bytes.subarray(skip, headEnd));
	// Cut at the last line break so that no record is read half.
	head.push(headEnd < bytes.length ? headText.slice(0, headText.lastIndexOf('\n') + 1) : headText);
	if (headEnd >= bytes.length) head.end();
	if (!found) return false;

	// Where each wanted line starts: the byte after the (line − 1)th LF.
	const starts: [number, number][] = [];
	let line = 1;
	let pos = skip;
	for (const want of wanted) {
		if (want <= headerLine) continue; // the full read never shows these either
		while (line < want) {
			const nl = bytes.indexOf(LF, pos);
			if (nl === -1) break;
			pos = nl + 1;
			line++;
		}
		if (line !== want) break; // beyond the end of the file
		starts.push([want, pos]);
	}
	const records: [string[], number][] = [];
	for (const [want, start] of starts) {
		let end = start;
		let rec: string[] | null = null;
		for (let n = 0; ; n++) {
			if (n >= MAX_RECORD_LINES) return false;
			const nl = bytes.indexOf(LF, end);
			end = nl === -1 ? bytes.length : nl + 1;
			rec = null;
			const parser = new CsvParser(delimiter, {
				row: (r) => {
					rec ??= r;
				}
			});
			parser.push(decoder.decode(bytes.subarray(start, end)));
			const { unclosedQuoteLine } = parser.end();
			// A quoted field continues on the next line: read one more.
			if (unclosedQuoteLine === null || end >= bytes.length) break;
		}
		if (rec) records.push([rec, want]);
	}
	for (const [rec, want] of records) onRow(rec, want);
	return true;
}

function maskCell(raw: string, errs: Report['errors']): { text: string; masked: boolean } {
	const pii = errs.find((er) => er.code.startsWith('pii.'));
	if (pii) return { text: HINT.exec(pii.message)?.[1] ?? maskValue(raw, 'name'), masked: true };
	// A refused value may still hold an identifier the cell rules did not look for: mask it.
	if (errs.length > 0 && scanText(raw).length > 0)
		return { text: maskValue(raw, 'name'), masked: true };
	return { text: raw.length > 60 ? raw.slice(0, 57) + '…' : raw, masked: false };
}
