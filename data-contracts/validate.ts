// The one entry point shared by the browser worker, the server and the CLI: bytes in, a report
// out (contract v1), optionally streaming the normalized valid rows. IO-free.
import { KINDS, type Kind, type TabularKind } from './codes';
import { FIELDS, fieldLabel, valueLabel } from './fields';
import { compileKind } from './checks';
import { CsvParser, sniffDelimiter } from './reader/csv';
import { DEFAULT_MAX_BYTES, openText, type DecodedSource } from './reader/decode';
import { openSpreadsheet, SheetError, sniffContainer, type OpenedSheet } from './reader/sheet';
import {
	ErrorCollector,
	DEFAULT_MAX_ERRORS,
	type Report,
	type ReportError,
	type ReportWarning
} from './report';
import { DEFAULT_K, RiskAccumulator, type RiskSummary } from './risk';
import { columnLetter } from './text-utils';
import { validateBilanText } from './bilan';
import { checkHeaderShape } from './header-guard';
import { RowValidator } from './row-validator';

export type NormalizedValue = string | number | boolean | null;
export type NormalizedRow = Record<string, NormalizedValue>;

export interface ValidateOptions {
	/** refuse files larger than this many bytes (default 50 MB) */
	maxBytes?: number;
	/** errors kept in the report (default 1000); counts stay complete */
	maxErrors?: number;
	/** k for the re-identification warning (default DEFAULT_K, 5): the server passes the admin's */
	k?: number;
	/** progress in bytes, called about once per MiB */
	onProgress?: (done: number, total: number) => void;
	/** bytes decoded per chunk (default 1 MiB) */
	chunkBytes?: number;
}

export interface ValidRow {
	line: number;
	row: NormalizedRow;
}

export interface ColumnSpec {
	name: string;
	type: 'VARCHAR' | 'INTEGER' | 'BOOLEAN' | 'DATE';
	nullable: boolean;
}

export function isKind(k: string): k is Kind {
	return (KINDS as readonly string[]).includes(k);
}

/** Columns of the normalized rows, in contract order (for DuckDB tables and the server store). */
export function normalizedColumns(kind: TabularKind): ColumnSpec[] {
	return FIELDS[kind].map((f) => ({
		name: f.name,
		type:
			f.type === 'integer'
				? 'INTEGER'
				: f.type === 'boolean'
					? 'BOOLEAN'
					: f.type === 'date'
						? 'DATE'
						: 'VARCHAR',
		nullable: f.required !== true
	}));
}

const fileError = (kind: string, code: string, message: string, row = 1): Report => ({
	ok: false,
	kind,
	rows: 0,
	errors: [{ row, column: '', code, message }]
});

const mb = (n: number) =>
	n < 1024
		? `${n} octets`
		: n < 1024 * 1024
			? `${Math.ceil(n / 1024)} Ko`
			: `${Math.round((n / 1024 / 1024) * 10) / 10} Mo`;

type Opened =
	| { report: Report }
	| { kind: TabularKind; book: OpenedSheet; source: null }
	| { kind: TabularKind; book: null; source: DecodedSource };

/**
 * Refuses what cannot be read at all (unknown kind, too large, absurd header, undecodable text)
 * and opens the rest: a workbook (XLSX, ODS) is read by content, never by its name; the old .xls
 * and encrypted workbooks are refused there with what to do. The bilan is a text, checked here.
 */
function openUpload(kind: string, bytes: Uint8Array, options: ValidateOptions): Opened {
	if (!isKind(kind))
		return {
			report: fileError(
				kind,
				'usage.kind',
				`Type de fichier inconnu : choisissez parmi ${KINDS.join(', ')}.`
			)
		};
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
	if (bytes.length > maxBytes)
		return {
			report: fileError(
				kind,
				'file.too_large',
				`Fichier trop volumineux (${mb(bytes.length)}) : la taille maximale est ${mb(maxBytes)}. Déposez un fichier par période ou découpez-le.`
			)
		};
	if (kind === 'bilan') return { report: validateBilanText(bytes, options.maxErrors) };
	if (sniffContainer(bytes)) {
		try {
			return { kind, book: openSpreadsheet(bytes, kind), source: null };
		} catch (e) {
			if (e instanceof SheetError) return { report: fileError(kind, e.code, e.message) };
			throw e;
		}
	}
	const shape = checkHeaderShape(kind, bytes);
	if (shape) return { report: fileError(kind, shape.code, shape.message) };
	const opened = openText(bytes, options.chunkBytes);
	if (!opened.ok) return { report: fileError(kind, opened.problem.code, opened.problem.message) };
	return { kind, book: null, source: opened.source };
}

/**
 * The validation itself: pauses after each decoded chunk and returns the report. Each valid row is
 * built and handed to `emit` as soon as it is checked (none when `emit` is absent), so a caller
 * that does not keep rows lets them die young.
 */
function* validateChunks(
	kindName: string,
	bytes: Uint8Array,
	options: ValidateOptions,
	emit?: (r: ValidRow) => void
): Generator<void, Report, void> {
	const opened = openUpload(kindName, bytes, options);
	if ('report' in opened) return opened.report;
	const { kind, book, source } = opened;
	const errors = new ErrorCollector(options.maxErrors ?? DEFAULT_MAX_ERRORS);
	const risk = kind === 'situations' ? new RiskAccumulator(options.k ?? DEFAULT_K) : null;
	const rv = new RowValidator(compileKind(kind), errors, risk, book !== null, emit);
	let parser: CsvParser | null = null;
	if (book) {
		// Rows with an empty cell among their values are still rows (onRow skips blank rows).
		const it = book.rows((rec, line, marks) => {
			if (rv.header !== null || rec.length > 0) rv.onRow(rec, line, marks);
		});
		for (;;) {
			let n;
			try {
				n = it.next();
			} catch (e) {
				if (e instanceof SheetError) return fileError(kind, e.code, e.message);
				throw e;
			}
			if (n.done) break;
			options.onProgress?.(n.value, bytes.length);
			yield;
		}
		options.onProgress?.(bytes.length, bytes.length);
	}
	let done = 0;
	const chunkSize = options.chunkBytes ?? 1 << 20;
	for (const chunk of source?.chunks() ?? []) {
		if (!parser) {
			rv.delimiter = sniffDelimiter(chunk.replace(/^\s+/, ''));
			rv.delimiterCode = rv.delimiter.charCodeAt(0);
			parser = new CsvParser(rv.delimiter, { row: rv.onRow, plain: rv.onPlain });
		}
		parser.push(chunk);
		done = Math.min(bytes.length, done + chunkSize);
		options.onProgress?.(done, bytes.length);
		yield;
	}
	const end = parser ? parser.end() : { unclosedQuoteLine: null };
	return finalReport(kind, rv, errors, risk, book, source, end.unclosedQuoteLine);
}

/** The report once every record is read: file-level errors, the risk warning, cell references. */
function finalReport(
	kind: TabularKind,
	rv: RowValidator,
	errors: ErrorCollector,
	risk: RiskAccumulator | null,
	book: OpenedSheet | null,
	source: DecodedSource | null,
	unclosedQuoteLine: number | null
): Report {
	if (unclosedQuoteLine !== null)
		errors.add({
			row: unclosedQuoteLine,
			column: '',
			code: 'csv.unclosed_quote',
			message:
				"Un guillemet ouvert à cette ligne n'est jamais refermé : la fin du fichier n'a pas pu être lue. Refermez le guillemet ou doublez les guillemets à l'intérieur du texte (\"\")."
		});
	if (!rv.sawContent)
		return fileError(
			kind,
			'file.empty',
			book
				? `La feuille « ${book.sheet} » du classeur est vide : mettez la ligne d’en-tête et les données dans cette feuille (ou nommez « ${kind} » la feuille qui les contient).`
				: 'Le fichier est vide : déposez un fichier CSV avec une ligne d’en-tête et au moins une ligne de données.'
		);
	if (rv.rows === 0 && unclosedQuoteLine === null)
		errors.add({
			row: 1,
			column: '',
			code: 'file.no_rows',
			message:
				"Le fichier ne contient que la ligne d'en-tête : ajoutez au moins une ligne de données (ou ne déposez rien pour cette période)."
		});
	const warnings: ReportWarning[] = [];
	let riskSummary;
	if (risk) {
		riskSummary = risk.summary();
		if (riskSummary.rareRows > 0)
			warnings.push({
				code: 'risk.reidentification',
				message: riskMessage(riskSummary),
				rows: riskSummary.rows
			});
	}
	const list = errors.list();
	if (book) for (const e of list) locate(e, book.sheet, rv.positions);
	return {
		ok: errors.total === 0,
		kind,
		rows: rv.rows,
		errors: list,
		errorCount: errors.total,
		errorsByCode: errors.byCode,
		truncated: errors.total > list.length,
		warnings,
		risk: riskSummary,
		...(book ? { format: book.format, sheet: book.sheet } : { format: 'csv' as const }),
		encoding: source?.encoding,
		delimiter: source ? rv.delimiter : undefined
	};
}

export { columnLetter };

/** Adds the sheet and, when the error names a column, the cell reference (« D8 »). */
function locate(e: ReportError, sheet: string, positions: Map<string, number>) {
	e.sheet = sheet;
	const p = e.column ? positions.get(e.column) : undefined;
	if (p !== undefined) e.cell = `${columnLetter(p)}${e.row}`;
}

/** The re-identification warning in words: which characteristics are rare, and what to do. */
export function riskMessage(risk: RiskSummary): string {
	const n = risk.rareRows;
	const shown = risk.rare.slice(0, 5).map((r) => {
		const what = fieldLabel('situations', r.key).toLowerCase();
		const value = valueLabel('situations', r.key, r.value);
		return `${what} « ${value} » (${r.count} situation${r.count > 1 ? 's' : ''})`;
	});
	const more =
		risk.rare.length > shown.length ? `, et ${risk.rare.length - shown.length} autre(s)` : '';
	return (
		`${n} situation${n > 1 ? 's ont' : ' a'} une caractéristique que presque aucune autre situation du fichier ne partage : ${shown.join(', ')}${more}. ` +
		`Une personne qui connaît la situation pourrait la reconnaître dans le bilan. Vérifiez ces lignes : vous pouvez laisser le quartier vide ou classer une problématique rare en « Autre ». Ce n’est pas un refus.`
	);
}

/**
 * Validates a whole upload and yields each valid row, normalized, as soon as it is read; the
 * generator's return value is the report. Rows are yielded even if the file is later refused:
 * callers must check `report.ok` before keeping them.
 */
export function* validateStream(
	kind: string,
	bytes: Uint8Array,
	options: ValidateOptions = {}
): Generator<ValidRow, Report, void> {
	const pending: ValidRow[] = [];
	const it = validateChunks(kind, bytes, options, (r) => pending.push(r));
	for (;;) {
		const n = it.next();
		yield* pending;
		pending.length = 0;
		if (n.done) return n.value;
	}
}

/** Validates a whole upload; `onRow` receives each valid normalized row. */
export function validateBytes(
	kind: string,
	bytes: Uint8Array,
	options: ValidateOptions & { onRow?: (r: ValidRow) => void } = {}
): Report {
	const it = validateChunks(kind, bytes, options, options.onRow);
	for (;;) {
		const n = it.next();
		if (n.done) return n.value;
	}
}
