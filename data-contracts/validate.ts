// The one entry point shared by the browser worker, the server and the CLI: bytes in, a report
// out (contract v1), optionally streaming the normalized valid rows. IO-free.
import { KINDS, type Kind, type TabularKind } from './codes';
import { FIELDS, fieldLabel, valueLabel } from './fields';
import { checkRow, codeAt, compileKind, FAST_CODE, type CellError } from './checks';
import { CsvParser, sniffDelimiter, type Delimiter } from './reader/csv';
import { DEFAULT_MAX_BYTES, openText, type DecodedSource } from './reader/decode';
import {
	openSpreadsheet,
	SheetError,
	sniffContainer,
	type CellMark,
	type OpenedSheet
} from './reader/sheet';
import { scanHeader } from './pii/detect';
import {
	ErrorCollector,
	DEFAULT_MAX_ERRORS,
	type Report,
	type ReportError,
	type ReportWarning
} from './report';
import { DEFAULT_K, RISK_KEYS, RiskAccumulator, type RiskSummary } from './risk';
import { closest, columnLetter, normalizeName } from './text-utils';
import { validateBilanText } from './bilan';
import { checkHeaderShape } from './header-guard';
import { ROW_BUILDERS } from './generated/row-builders';

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

/** Printable ASCII: a character String.prototype.trim never removes. */
const printable = (c: number) => c > 32 && c < 127;

/** String.prototype.trim, skipping the call when both ends are printable ASCII. */
function trim(s: string): string {
	const n = s.length;
	if (n === 0) return s;
	return printable(s.charCodeAt(0)) && printable(s.charCodeAt(n - 1)) ? s : s.trim();
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

/**
 * The validation itself: pauses after each decoded chunk and returns the report. Each valid row is
 * built and handed to `emit` as soon as it is checked (none when `emit` is absent), so a caller
 * that does not keep rows lets them die young.
 */
function* validateChunks(
	kind: string,
	bytes: Uint8Array,
	options: ValidateOptions,
	emit?: (r: ValidRow) => void
): Generator<void, Report, void> {
	if (!isKind(kind))
		return fileError(
			kind,
			'usage.kind',
			`Type de fichier inconnu : choisissez parmi ${KINDS.join(', ')}.`
		);
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
	if (bytes.length > maxBytes)
		return fileError(
			kind,
			'file.too_large',
			`Fichier trop volumineux (${mb(bytes.length)}) : la taille maximale est ${mb(maxBytes)}. Déposez un fichier par période ou découpez-le.`
		);
	if (kind === 'bilan') return validateBilanText(bytes, options.maxErrors);
	// A workbook (XLSX, ODS) is read by content, never by its name; the old .xls and encrypted
	// workbooks are refused there with what to do.
	let book: OpenedSheet | null = null;
	if (sniffContainer(bytes)) {
		try {
			book = openSpreadsheet(bytes, kind);
		} catch (e) {
			if (e instanceof SheetError) return fileError(kind, e.code, e.message);
			throw e;
		}
	}
	let source: DecodedSource | null = null;
	if (!book) {
		const shape = checkHeaderShape(kind, bytes);
		if (shape) return fileError(kind, shape.code, shape.message);
		const opened = openText(bytes, options.chunkBytes);
		if (!opened.ok) return fileError(kind, opened.problem.code, opened.problem.message);
		source = opened.source;
	}
	const ck = compileKind(kind);
	const fields = ck.fields;
	const normalize = ROW_BUILDERS[kind];
	const errors = new ErrorCollector(options.maxErrors ?? DEFAULT_MAX_ERRORS);
	const risk = kind === 'situations' ? new RiskAccumulator(options.k ?? DEFAULT_K) : null;
	const riskIdx = risk ? RISK_KEYS.map((k) => fields.findIndex((f) => f.name === k)) : [];

	let header: string[] | null = null;
	/** the header's row (spreadsheets: it may follow blank rows; CSV reports it as line 1) */
	let headerLine = 1;
	/** position (0-based column) of each column named in the report, for cell references */
	const positions = new Map<string, number>();
	let colIndex: number[] = [];
	let width = 0;
	let rows = 0;
	let sawContent = false;
	const cellErrors: CellError[] = [];
	const values: string[] = new Array(fields.length);
	const riskValues: string[] = new Array(RISK_KEYS.length);

	const onHeader = (names: string[]) => {
		header = names;
		width = names.length;
		colIndex = fields.map(() => -1);
		const byName = new Map(fields.map((f, i) => [normalizeName(f.name), i]));
		const seen = new Map<number, number>();
		names.forEach((raw, pos) => {
			const n = normalizeName(raw);
			if (n === '') {
				errors.add({
					row: headerLine,
					column: '',
					code: 'header.empty',
					message: `La colonne n° ${pos + 1} n'a pas de nom : donnez-lui le nom d'une colonne du contrat ou supprimez-la.`
				});
				return;
			}
			const fi = byName.get(n);
			if (fi !== undefined) {
				if (seen.has(fi)) {
					errors.add({
						row: headerLine,
						column: fields[fi].name,
						code: 'header.duplicate',
						message: `La colonne « ${fields[fi].name} » apparaît deux fois : gardez une seule colonne de ce nom.`
					});
					return;
				}
				seen.set(fi, pos);
				colIndex[fi] = pos;
				positions.set(fields[fi].name, pos);
				return;
			}
			if (!positions.has(raw.trim().slice(0, 60))) positions.set(raw.trim().slice(0, 60), pos);
			const pii = scanHeader(raw);
			if (pii) {
				errors.add({
					row: headerLine,
					column: raw.trim().slice(0, 60),
					code: 'pii.column',
					message: pii.message
				});
				return;
			}
			const s = closest(
				raw,
				fields.map((f) => f.name)
			);
			errors.add({
				row: headerLine,
				column: raw.trim().slice(0, 60),
				code: 'header.unknown',
				message: s
					? `Colonne inconnue « ${raw.trim().slice(0, 60)} » : vouliez-vous dire « ${s} » ? Renommez-la.`
					: `Colonne inconnue « ${raw.trim().slice(0, 60)} » : le contrat n'accepte que ses colonnes ; supprimez-la ou renommez-la (colonnes attendues : ${fields.map((f) => f.name).join(', ')}).`
			});
		});
		fields.forEach((f, i) => {
			if (colIndex[i] === -1 && f.required === true)
				errors.add({
					row: headerLine,
					column: f.name,
					code: 'header.missing',
					message: `Colonne obligatoire absente : ajoutez la colonne « ${f.name} » (${f.description}).`
				});
		});
	};

	/** Checks a row once its cells are in `values` (trimmed, in field order); `cells` is its width. */
	const checkValues = (
		cells: number,
		line: number,
		known?: Uint8Array,
		marks?: CellMark[] | null
	) => {
		rows++;
		if (cells !== width)
			errors.add({
				row: line,
				column: '',
				code: 'row.columns',
				message: book
					? `Cette ligne a une valeur en colonne ${columnLetter(cells - 1)}, au-delà des ${width} colonnes de l’en-tête : supprimez-la, ou donnez un nom à sa colonne à la ligne ${headerLine}.`
					: `Cette ligne a ${cells} cellule${cells > 1 ? 's' : ''} au lieu de ${width} : vérifiez les séparateurs et les guillemets.`
			});
		cellErrors.length = 0;
		checkRow(ck, values, cellErrors, known);
		let marked = 0;
		if (marks)
			for (const m of marks) {
				const fi = colIndex.indexOf(m.col);
				if (fi < 0) continue;
				const column = fields[fi].name;
				for (let k = cellErrors.length - 1; k >= 0; k--)
					if (cellErrors[k].column === column) cellErrors.splice(k, 1);
				marked++;
				errors.add({
					row: line,
					column,
					code: m.problem === 'formula' ? 'value.formula' : 'value.formula_error',
					message:
						m.problem === 'formula'
							? 'Cette cellule contient une formule dont la valeur n’a pas été calculée : ouvrez le classeur dans votre tableur, enregistrez-le (le tableur calcule alors la valeur), ou remplacez la formule par sa valeur.'
							: 'Cette cellule contient une erreur de calcul (#N/A, #REF!, #DIV/0!…) : corrigez la formule ou remplacez-la par une valeur.'
				});
			}
		for (const e of cellErrors)
			errors.add({ row: line, column: e.column, code: e.code, message: e.message });
		if (cellErrors.length === 0 && marked === 0 && cells === width) {
			if (risk) {
				for (let k = 0; k < riskIdx.length; k++) riskValues[k] = values[riskIdx[k]];
				risk.add(riskValues, line);
			}
			if (emit) emit({ line, row: normalize(values) });
		}
	};

	const onRow = (rec: string[], line: number, marks?: CellMark[] | null) => {
		if (header === null) {
			if (rec.length === 0 || (rec.length === 1 && rec[0].trim() === '')) return;
			sawContent = true;
			if (book) headerLine = line;
			onHeader(rec);
			return;
		}
		let empty = true;
		for (let i = 0; i < rec.length; i++)
			if (trim(rec[i]) !== '') {
				empty = false;
				break;
			}
		if (empty && !marks?.length) return;
		for (let i = 0; i < fields.length; i++) {
			const p = colIndex[i];
			values[i] = p >= 0 && p < rec.length ? trim(rec[p]) : '';
		}
		checkValues(book && rec.length < width ? width : rec.length, line, undefined, marks);
	};

	// A record without quotes of the expected width whose first cell starts with a printable
	// character (so it is not empty) is read in place: cells are sliced only when kept as text,
	// an accepted code is the contract's own string. Anything else goes through onRow.
	const byCells = (text: string, a: number, b: number, line: number) =>
		onRow(text.slice(a, b).split(delimiter), line);
	let starts = new Int32Array(0);
	let ends = new Int32Array(0);
	const { fast, codeTables } = ck;
	/** fields whose value is a code read in place, already accepted */
	const known = new Uint8Array(fields.length);
	const onPlain = (text: string, a: number, b: number, line: number) => {
		const c0 = text.charCodeAt(a);
		if (header === null || !printable(c0) || c0 === delimiterCode) return byCells(text, a, b, line);
		if (starts.length !== width) {
			starts = new Int32Array(width);
			ends = new Int32Array(width);
		}
		let pos = a;
		for (let k = 0; k < width - 1; k++) {
			const d = text.indexOf(delimiter, pos);
			if (d === -1 || d >= b) return byCells(text, a, b, line);
			starts[k] = pos;
			ends[k] = d;
			pos = d + 1;
		}
		const extra = text.indexOf(delimiter, pos);
		if (extra !== -1 && extra < b) return byCells(text, a, b, line);
		starts[width - 1] = pos;
		ends[width - 1] = b;
		for (let i = 0; i < fields.length; i++) {
			const p = colIndex[i];
			known[i] = 0;
			if (p < 0) {
				values[i] = '';
				continue;
			}
			const s = starts[p];
			const e = ends[p];
			if (s === e) {
				values[i] = '';
				continue;
			}
			if (!printable(text.charCodeAt(s)) || !printable(text.charCodeAt(e - 1))) {
				values[i] = text.slice(s, e).trim();
				continue;
			}
			if (fast[i] === FAST_CODE) {
				const c = codeAt(codeTables[i]!, text, s, e);
				if (c !== undefined) {
					values[i] = c;
					known[i] = 1;
					continue;
				}
			}
			values[i] = text.slice(s, e);
		}
		checkValues(width, line, known);
	};

	let parser: CsvParser | null = null;
	let delimiter: Delimiter = ';';
	let delimiterCode = 59;
	let done = 0;
	const chunkSize = options.chunkBytes ?? 1 << 20;
	if (book) {
		// Rows with an empty cell among their values are still rows (onRow skips blank rows).
		const it = book.rows((rec, line, marks) => {
			if (header !== null || rec.length > 0) onRow(rec, line, marks);
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
	for (const chunk of source?.chunks() ?? []) {
		if (!parser) {
			delimiter = sniffDelimiter(chunk.replace(/^\s+/, ''));
			delimiterCode = delimiter.charCodeAt(0);
			parser = new CsvParser(delimiter, { row: onRow, plain: onPlain });
		}
		parser.push(chunk);
		done = Math.min(bytes.length, done + chunkSize);
		options.onProgress?.(done, bytes.length);
		yield;
	}
	const end = parser ? parser.end() : { unclosedQuoteLine: null };
	if (end.unclosedQuoteLine !== null)
		errors.add({
			row: end.unclosedQuoteLine,
			column: '',
			code: 'csv.unclosed_quote',
			message:
				"Un guillemet ouvert à cette ligne n'est jamais refermé : la fin du fichier n'a pas pu être lue. Refermez le guillemet ou doublez les guillemets à l'intérieur du texte (\"\")."
		});
	if (!sawContent)
		return fileError(
			kind,
			'file.empty',
			book
				? `La feuille « ${book.sheet} » du classeur est vide : mettez la ligne d’en-tête et les données dans cette feuille (ou nommez « ${kind} » la feuille qui les contient).`
				: 'Le fichier est vide : déposez un fichier CSV avec une ligne d’en-tête et au moins une ligne de données.'
		);
	if (rows === 0 && end.unclosedQuoteLine === null)
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
	if (book) for (const e of list) locate(e, book.sheet, positions);
	return {
		ok: errors.total === 0,
		kind,
		rows,
		errors: list,
		errorCount: errors.total,
		errorsByCode: errors.byCode,
		truncated: errors.total > list.length,
		warnings,
		risk: riskSummary,
		...(book ? { format: book.format, sheet: book.sheet } : { format: 'csv' as const }),
		encoding: source?.encoding,
		delimiter: source ? delimiter : undefined
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
