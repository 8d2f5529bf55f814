// The per-row half of validation (`validate.ts` opens the file and writes the report): the
// header read into column positions, each record's cells checked against the contract, the
// in-place fast path for plain CSV records, and each valid row handed on normalized. IO-free.
import { checkRow, codeAt, FAST_CODE, type CellError, type CompiledKind } from './checks';
import type { Delimiter } from './reader/csv';
import type { CellMark } from './reader/sheet';
import { scanHeader } from './pii/detect';
import type { ErrorCollector } from './report';
import { RISK_KEYS, type RiskAccumulator } from './risk';
import { closest, columnLetter, normalizeName } from './text-utils';
import { ROW_BUILDERS } from './generated/row-builders';
import type { ValidRow } from './validate';

/** Printable ASCII: a character String.prototype.trim never removes. */
const printable = (c: number) => c > 32 && c < 127;

/** String.prototype.trim, skipping the call when both ends are printable ASCII. */
function trim(s: string): string {
	const n = s.length;
	if (n === 0) return s;
	return printable(s.charCodeAt(0)) && printable(s.charCodeAt(n - 1)) ? s : s.trim();
}

/**
 * Reads the header's names into each field's column (-1 when absent), recording every column
 * named in the report in `positions`; empty, duplicate, unknown, identifying and missing columns
 * are reported on `headerLine`.
 */
function readHeader(
	names: string[],
	fields: CompiledKind['fields'],
	headerLine: number,
	errors: ErrorCollector,
	positions: Map<string, number>
): number[] {
	const colIndex = fields.map(() => -1);
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
		unknownColumn(raw, fields, headerLine, errors);
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
	return colIndex;
}

/** A column the contract does not know: an identifying name, else the nearest contract name. */
function unknownColumn(
	raw: string,
	fields: CompiledKind['fields'],
	headerLine: number,
	errors: ErrorCollector
) {
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
}

/**
 * Checks the records of one upload, header first. `onRow` takes a record split into cells (CSV or
 * workbook); `onPlain` a CSV record without quotes, read in place when it can be.
 */
export class RowValidator {
	header: string[] | null = null;
	/** the header's row (spreadsheets: it may follow blank rows; CSV reports it as line 1) */
	headerLine = 1;
	/** position (0-based column) of each column named in the report, for cell references */
	readonly positions = new Map<string, number>();
	rows = 0;
	sawContent = false;
	delimiter: Delimiter = ';';
	delimiterCode = 59;
	private colIndex: number[] = [];
	private width = 0;
	private readonly fields: CompiledKind['fields'];
	private readonly normalize: (typeof ROW_BUILDERS)[keyof typeof ROW_BUILDERS];
	private readonly riskIdx: number[];
	private readonly cellErrors: CellError[] = [];
	private readonly values: string[];
	private readonly riskValues: string[] = new Array(RISK_KEYS.length);
	/** fields whose value is a code read in place, already accepted */
	private readonly known: Uint8Array;
	private starts = new Int32Array(0);
	private ends = new Int32Array(0);

	constructor(
		private readonly ck: CompiledKind,
		private readonly errors: ErrorCollector,
		private readonly risk: RiskAccumulator | null,
		/** a workbook's rows (the header may follow blank rows; short rows are padded) */
		private readonly workbook: boolean,
		private readonly emit?: (r: ValidRow) => void
	) {
		this.fields = ck.fields;
		this.normalize = ROW_BUILDERS[ck.kind];
		this.riskIdx = risk ? RISK_KEYS.map((k) => ck.fields.findIndex((f) => f.name === k)) : [];
		this.values = new Array(ck.fields.length);
		this.known = new Uint8Array(ck.fields.length);
	}

	private onHeader(names: string[]) {
		this.header = names;
		this.width = names.length;
		this.colIndex = readHeader(names, this.fields, this.headerLine, this.errors, this.positions);
	}

	/** Checks a row once its cells are in `values` (trimmed, in field order); `cells` is its width. */
	private checkValues(cells: number, line: number, known?: Uint8Array, marks?: CellMark[] | null) {
		const { errors, cellErrors, width, values } = this;
		this.rows++;
		if (cells !== width)
			errors.add({
				row: line,
				column: '',
				code: 'row.columns',
				message: this.workbook
					? `Cette ligne a une valeur en colonne ${columnLetter(cells - 1)}, au-delà des ${width} colonnes de l’en-tête : supprimez-la, ou donnez un nom à sa colonne à la ligne ${this.headerLine}.`
					: `Cette ligne a ${cells} cellule${cells > 1 ? 's' : ''} au lieu de ${width} : vérifiez les séparateurs et les guillemets.`
			});
		cellErrors.length = 0;
		checkRow(this.ck, values, cellErrors, known);
		const marked = marks ? this.markFormulas(marks, line) : 0;
		for (const e of cellErrors)
			errors.add({ row: line, column: e.column, code: e.code, message: e.message });
		if (cellErrors.length === 0 && marked === 0 && cells === width) {
			const { risk, riskIdx, riskValues } = this;
			if (risk) {
				for (let k = 0; k < riskIdx.length; k++) riskValues[k] = values[riskIdx[k]];
				risk.add(riskValues, line);
			}
			if (this.emit) this.emit({ line, row: this.normalize(values) });
		}
	}

	/** Reports the formula cells of a workbook row in place of their cells' other errors. */
	private markFormulas(marks: CellMark[], line: number): number {
		const { cellErrors } = this;
		let marked = 0;
		for (const m of marks) {
			const fi = this.colIndex.indexOf(m.col);
			if (fi < 0) continue;
			const column = this.fields[fi].name;
			for (let k = cellErrors.length - 1; k >= 0; k--)
				if (cellErrors[k].column === column) cellErrors.splice(k, 1);
			marked++;
			this.errors.add({
				row: line,
				column,
				code: m.problem === 'formula' ? 'value.formula' : 'value.formula_error',
				message:
					m.problem === 'formula'
						? 'Cette cellule contient une formule dont la valeur n’a pas été calculée : ouvrez le classeur dans votre tableur, enregistrez-le (le tableur calcule alors la valeur), ou remplacez la formule par sa valeur.'
						: 'Cette cellule contient une erreur de calcul (#N/A, #REF!, #DIV/0!…) : corrigez la formule ou remplacez-la par une valeur.'
			});
		}
		return marked;
	}

	onRow = (rec: string[], line: number, marks?: CellMark[] | null) => {
		if (this.header === null) {
			if (rec.length === 0 || (rec.length === 1 && rec[0].trim() === '')) return;
			this.sawContent = true;
			if (this.workbook) this.headerLine = line;
			this.onHeader(rec);
			return;
		}
		let empty = true;
		for (let i = 0; i < rec.length; i++)
			if (trim(rec[i]) !== '') {
				empty = false;
				break;
			}
		if (empty && !marks?.length) return;
		const { fields, colIndex, values, width } = this;
		for (let i = 0; i < fields.length; i++) {
			const p = colIndex[i];
			values[i] = p >= 0 && p < rec.length ? trim(rec[p]) : '';
		}
		this.checkValues(
			this.workbook && rec.length < width ? width : rec.length,
			line,
			undefined,
			marks
		);
	};

	private byCells(text: string, a: number, b: number, line: number) {
		this.onRow(text.slice(a, b).split(this.delimiter), line);
	}

	// A record without quotes of the expected width whose first cell starts with a printable
	// character (so it is not empty) is read in place: cells are sliced only when kept as text,
	// an accepted code is the contract's own string. Anything else goes through onRow.
	onPlain = (text: string, a: number, b: number, line: number) => {
		const c0 = text.charCodeAt(a);
		const { width, delimiter } = this;
		if (this.header === null || !printable(c0) || c0 === this.delimiterCode)
			return this.byCells(text, a, b, line);
		if (this.starts.length !== width) {
			this.starts = new Int32Array(width);
			this.ends = new Int32Array(width);
		}
		const { starts, ends } = this;
		let pos = a;
		for (let k = 0; k < width - 1; k++) {
			const d = text.indexOf(delimiter, pos);
			if (d === -1 || d >= b) return this.byCells(text, a, b, line);
			starts[k] = pos;
			ends[k] = d;
			pos = d + 1;
		}
		const extra = text.indexOf(delimiter, pos);
		if (extra !== -1 && extra < b) return this.byCells(text, a, b, line);
		starts[width - 1] = pos;
		ends[width - 1] = b;
		this.readInPlace(text);
		this.checkValues(width, line, this.known);
	};

	/** Fills `values` from the cells of a plain record at `starts`/`ends`. */
	private readInPlace(text: string) {
		const { fields, colIndex, values, known, starts, ends } = this;
		const { fast, codeTables } = this.ck;
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
	}
}
