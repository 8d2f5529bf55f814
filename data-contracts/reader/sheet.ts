// Spreadsheets (XLSX and ODS) read as rows of text, the way the CSV reader gives them, with their
// row numbers as the spreadsheet shows them: the sheet named after the file's kind, else the first.
// Values as a CSV export would hold them: text, numbers (shortest form), booleans as oui/non,
// dates by their display format (a month-only format gives AAAA-MM, a day format AAAA-MM-JJ).
// Formula cells are read by their cached values; a formula without one, or an error value, is
// marked so the validator reports that cell. Everything is bounded: the zip layer refuses bombs
// while inflating, the tokenizer refuses oversized tokens, and this file caps sheets, shared
// strings, rows and columns. Macros, external links, encryption and the old binary .xls are
// refused with what to do. Pure functions over bytes; used by the browser worker, the server and
// the CLI through `validate.ts`. IO-free.
import { foldKey } from '../normalize';
import { formatNumber } from '../number-format';
import { attr, decodeXml, XmlScanner, type XmlSink } from './xml';
import { SheetError, ZipReader, ZIP_LIMITS, type ZipLimits } from './zip';

export { SheetError } from './zip';

export type SheetFormat = 'xlsx' | 'ods';

export interface SheetLimits extends ZipLimits {
	maxSheets: number;
	maxSharedStrings: number;
	/** characters of all shared strings together */
	maxSharedChars: number;
	/** characters of one cell (Excel's own limit) */
	maxCellChars: number;
	maxRows: number;
	/** columns a value may sit in (the widest contract has 16) */
	maxColumns: number;
	/** small parts (workbook, styles, relations, manifest) */
	maxSmallPart: number;
}

export const SHEET_LIMITS: SheetLimits = {
	...ZIP_LIMITS,
	maxSheets: 100,
	maxSharedStrings: 1_000_000,
	maxSharedChars: 64 * 1024 * 1024,
	maxCellChars: 32767,
	maxRows: 1_048_576,
	maxColumns: 100,
	maxSmallPart: 8 * 1024 * 1024
};

/** A cell the validator must report: a formula without cached value, or an error value (#N/A). */
export interface CellMark {
	col: number;
	problem: 'formula' | 'error';
}

/** One row: its cells from column A (trailing empty cells dropped), its number, its marks. */
export type SheetRowSink = (cells: string[], row: number, marks: CellMark[] | null) => void;

export interface OpenedSheet {
	format: SheetFormat;
	/** the sheet read, as named in the workbook */
	sheet: string;
	/** Reads the rows into `sink`, yielding now and then the compressed bytes read so far. */
	rows(sink: SheetRowSink): Generator<number, void, void>;
}

const startsWith = (b: Uint8Array, sig: number[]) =>
	b.length >= sig.length && sig.every((v, i) => b[i] === v);

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** 'zip' or 'ole' when the bytes are a workbook container (or another zip), else null. */
export function sniffContainer(bytes: Uint8Array): 'zip' | 'ole' | null {
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
		return 'zip';
	if (startsWith(bytes, OLE)) return 'ole';
	return null;
}

/** The format of a workbook's bytes by their content (never the file name), or null. */
export function sniffSpreadsheet(bytes: Uint8Array): SheetFormat | 'xls' | 'encrypted' | null {
	const c = sniffContainer(bytes);
	if (c === 'ole') return oleIsEncrypted(bytes) ? 'encrypted' : 'xls';
	if (c !== 'zip') return null;
	try {
		const zip = new ZipReader(bytes);
		if (zip.has('xl/workbook.xml')) return 'xlsx';
		if (zip.has('content.xml') && zip.has('mimetype')) return 'ods';
	} catch {
		return null;
	}
	return null;
}

const ENCRYPTION_INFO = 'EncryptionInfo'.split('').flatMap((ch) => [ch.charCodeAt(0), 0]);

/** An encrypted OOXML workbook is an OLE file holding an "EncryptionInfo" stream. */
function oleIsEncrypted(bytes: Uint8Array): boolean {
	const first = ENCRYPTION_INFO[0];
	for (let i = bytes.indexOf(first); i !== -1; i = bytes.indexOf(first, i + 1)) {
		let k = 1;
		while (k < ENCRYPTION_INFO.length && bytes[i + k] === ENCRYPTION_INFO[k]) k++;
		if (k === ENCRYPTION_INFO.length) return true;
	}
	return false;
}

const ENCRYPTED =
	'Ce classeur est protégé par un mot de passe : il ne peut pas être lu. Ouvrez-le, retirez le mot de passe (« Enregistrer sous » sans mot de passe), enregistrez-le au format .xlsx, .ods ou CSV, puis déposez-le.';
const XLS =
	'Ce fichier est un classeur Excel ancien format (.xls) : ouvrez-le et enregistrez-le au format « Classeur Excel (.xlsx) », OpenDocument (.ods) ou CSV, puis déposez ce fichier.';
const MACROS =
	'Ce classeur contient des macros (fichier .xlsm ou classeur avec macros) : elles ne sont jamais acceptées. Enregistrez-le au format « Classeur Excel (.xlsx) » ou OpenDocument (.ods), sans macros, puis déposez-le.';
const EXTERNAL =
	'Ce classeur contient des liaisons vers d’autres fichiers (liens externes) : il n’est pas accepté. Remplacez les liaisons par leurs valeurs (Données > Modifier les liens > Rompre le lien), enregistrez, puis déposez-le.';
const CORRUPT_ODS =
	'Ce classeur est endommagé : enregistrez-le à nouveau depuis votre tableur, puis déposez-le.';
const NOT_SHEET =
	'Ce fichier est une archive ZIP ou un document qui n’est pas un classeur : déposez un classeur .xlsx ou .ods, ou un fichier CSV.';

/** Opens a workbook and chooses its sheet; throws SheetError with a French refusal. */
export function openSpreadsheet(
	bytes: Uint8Array,
	kind: string,
	limits: SheetLimits = SHEET_LIMITS
): OpenedSheet {
	const container = sniffContainer(bytes);
	if (container === 'ole')
		throw oleIsEncrypted(bytes)
			? new SheetError('file.encrypted', ENCRYPTED)
			: new SheetError('file.xls', XLS);
	if (container !== 'zip') throw new SheetError('file.corrupt', NOT_SHEET);
	const zip = new ZipReader(bytes, limits);
	if (zip.has('xl/workbook.xml')) return openXlsx(zip, kind, limits);
	if (zip.has('content.xml') && zip.has('mimetype')) return openOds(zip, kind, limits);
	throw new SheetError('file.not_spreadsheet', NOT_SHEET);
}

/** The sheet named after the kind (case, accents and spaces aside), else the first. */
function chooseSheet(names: string[], kind: string, limits: SheetLimits): number {
	if (names.length === 0)
		throw new SheetError('file.empty', 'Ce classeur ne contient aucune feuille.');
	if (names.length > limits.maxSheets)
		throw new SheetError(
			'file.too_many_sheets',
			`Ce classeur contient plus de ${limits.maxSheets} feuilles : déposez un classeur dont la première feuille, ou la feuille nommée « ${kind} », contient le tableau.`
		);
	const i = names.findIndex((n) => foldKey(n) === foldKey(kind));
	return i >= 0 ? i : 0;
}

const sheetLimitError = (what: string) =>
	new SheetError(
		'file.sheet_too_large',
		`La feuille lue dépasse ${what} : ce n’est pas un export de données ordinaire. Vérifiez la feuille (lignes ou colonnes remplies par erreur jusqu’au bout) ou enregistrez-la au format CSV.`
	);

/** Column index (0-based) of a cell reference such as "D8"; -1 when absent. */
function columnOfRef(ref: string | null): number {
	if (!ref) return -1;
	let n = 0;
	let i = 0;
	for (; i < ref.length; i++) {
		const c = ref.charCodeAt(i);
		if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
		else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
		else break;
	}
	return i === 0 ? -1 : n - 1;
}

/** A number as a CSV export would write it, without binary noise (0.1 + 0.2 → 0.3). */
export function numberText(raw: string): string {
	const n = Number(raw);
	if (!Number.isFinite(n)) return raw.trim();
	if (Number.isInteger(n)) return String(n);
	return String(Number(n.toPrecision(15)));
}

const pad = (n: number) => (n < 10 ? '0' : '') + n;

/** A date as the contract reads it: AAAA-MM for a month-only display, else AAAA-MM-JJ. */
function dateText(y: number, m: number, d: number, precision: Precision): string {
	return precision === 'month' ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`;
}

type Precision = 'day' | 'month';

/** Whether an Excel number format code shows a date, and to the day or the month. */
export function formatPrecision(code: string): Precision | null {
	let s = code
		.replace(/"[^"]*"/g, '')
		.replace(/\\./g, '')
		.replace(/\[[^\]]*\]/g, '')
		.replace(/[_*]./g, '')
		.split(';')[0]
		.toLowerCase();
	if (s.includes('general')) return null;
	s = s.replace(/am\/pm|a\/p/g, '');
	const day = /[dj]/.test(s);
	const month = /m/.test(s);
	const year = /[yea]/.test(s);
	if (day) return 'day';
	if (year) return month ? 'month' : 'day';
	return null;
}

const BUILTIN_DATES: Record<number, Precision> = {
	14: 'day',
	15: 'day',
	16: 'day',
	17: 'month',
	22: 'day',
	27: 'day',
	28: 'day',
	29: 'day',
	30: 'day',
	31: 'day',
	32: 'day',
	33: 'day',
	34: 'day',
	35: 'day',
	36: 'day',
	50: 'day',
	51: 'day',
	52: 'day',
	53: 'day',
	54: 'day',
	55: 'day',
	56: 'day',
	57: 'day',
	58: 'day'
};

/** Runs the tokenizer over a small part. */
function scan(text: string, sink: XmlSink): void {
	const s = new XmlScanner(sink);
	s.push(text);
	s.end();
}

/** Strips an XML namespace prefix ("x:row" → "row"): XLSX parts may carry one. */
const local = (name: string) => {
	const i = name.indexOf(':');
	return i === -1 ? name : name.slice(i + 1);
};

/** OOXML's escape for control characters in text: _x000D_ → CR. */
const unescapeOoxml = (s: string) =>
	s.indexOf('_x') === -1
		? s
		: s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

// ——— XLSX ———

function resolvePart(base: string, target: string): string {
	if (target.startsWith('/')) return target.slice(1);
	const parts = base.split('/');
	parts.pop();
	for (const seg of target.split('/')) {
		if (seg === '..') parts.pop();
		else if (seg !== '.') parts.push(seg);
	}
	return parts.join('/');
}

function openXlsx(zip: ZipReader, kind: string, limits: SheetLimits): OpenedSheet {
	const types = zip.has('[Content_Types].xml')
		? zip.text('[Content_Types].xml', limits.maxSmallPart)
		: '';
	if (
		/macroEnabled/i.test(types) ||
		zip.entries.some((e) => /vbaProject\.bin$|^xl\/macrosheets\//i.test(e.name))
	)
		throw new SheetError('file.macros', MACROS);
	if (zip.entries.some((e) => e.name.startsWith('xl/externalLinks/')))
		throw new SheetError('file.external_links', EXTERNAL);

	const sheets: { name: string; rid: string }[] = [];
	let date1904 = false;
	let external = false;
	scan(zip.text('xl/workbook.xml', limits.maxSmallPart), {
		wantText: false,
		text() {},
		close() {},
		open(name, tag) {
			const n = local(name);
			if (n === 'sheet') {
				if (sheets.length > limits.maxSheets) return;
				sheets.push({
					name: decodeXml(attr(tag, 'name') ?? ''),
					rid: attr(tag, 'r:id') ?? attr(tag, 'id') ?? ''
				});
			} else if (n === 'workbookPr') {
				const v = attr(tag, 'date1904');
				date1904 = v === '1' || v === 'true';
			} else if (n === 'externalReference') external = true;
		}
	});
	if (external) throw new SheetError('file.external_links', EXTERNAL);
	const chosen = chooseSheet(
		sheets.map((s) => s.name),
		kind,
		limits
	);

	const rels = new Map<string, { target: string; type: string }>();
	if (zip.has('xl/_rels/workbook.xml.rels'))
		scan(zip.text('xl/_rels/workbook.xml.rels', limits.maxSmallPart), {
			wantText: false,
			text() {},
			close() {},
			open(name, tag) {
				if (local(name) !== 'Relationship') return;
				const target = decodeXml(attr(tag, 'Target') ?? '');
				if (attr(tag, 'TargetMode') === 'External')
					throw new SheetError('file.external_links', EXTERNAL);
				rels.set(attr(tag, 'Id') ?? '', { target, type: attr(tag, 'Type') ?? '' });
			}
		});
	const rel = rels.get(sheets[chosen].rid);
	const sheetPart = rel
		? resolvePart('xl/workbook.xml', rel.target)
		: `xl/worksheets/sheet${chosen + 1}.xml`;
	if (!zip.has(sheetPart))
		throw new SheetError(
			'file.not_worksheet',
			`La feuille « ${sheets[chosen].name} » n’est pas un tableau de cellules (graphique ou boîte de dialogue) : placez le tableau dans une feuille de calcul ordinaire.`
		);
	let sstPart = 'xl/sharedStrings.xml';
	let stylesPart = 'xl/styles.xml';
	for (const r of rels.values()) {
		if (r.type.endsWith('/sharedStrings')) sstPart = resolvePart('xl/workbook.xml', r.target);
		if (r.type.endsWith('/styles')) stylesPart = resolvePart('xl/workbook.xml', r.target);
	}
	const styles = zip.has(stylesPart)
		? xlsxDateStyles(zip.text(stylesPart, limits.maxSmallPart))
		: [];
	const shared = zip.has(sstPart) ? sharedStrings(zip, sstPart, limits) : [];
	return {
		format: 'xlsx',
		sheet: sheets[chosen].name,
		rows: (sink) => xlsxRows(zip, sheetPart, shared, styles, date1904, limits, sink)
	};
}

/** For each cell style index, whether it shows a date (to the day or the month). */
function xlsxDateStyles(xml: string): (Precision | null)[] {
	const formats = new Map<number, string>();
	const out: (Precision | null)[] = [];
	let inXfs = false;
	scan(xml, {
		wantText: false,
		text() {},
		close(name) {
			if (local(name) === 'cellXfs') inXfs = false;
		},
		open(name, tag, self) {
			const n = local(name);
			if (n === 'numFmt')
				formats.set(Number(attr(tag, 'numFmtId')), decodeXml(attr(tag, 'formatCode') ?? ''));
			else if (n === 'cellXfs') inXfs = !self;
			else if (n === 'xf' && inXfs) {
				const id = Number(attr(tag, 'numFmtId') ?? 0);
				const code = formats.get(id);
				out.push(code !== undefined ? formatPrecision(code) : (BUILTIN_DATES[id] ?? null));
			}
		}
	});
	return out;
}

function sharedStrings(zip: ZipReader, part: string, limits: SheetLimits): string[] {
	const out: string[] = [];
	let chars = 0;
	let cur = '';
	let inT = false;
	let skip = 0; // inside <rPh> (phonetic guide), whose text is not the cell's
	const tooMany = () =>
		new SheetError(
			'file.shared_strings',
			`Ce classeur contient un volume de textes anormal (plus de ${formatNumber(limits.maxSharedStrings)} textes ou de ${Math.round(limits.maxSharedChars / 1024 / 1024)} millions de caractères) : il n’a pas été lu. Enregistrez-le au format CSV, ou déposez un fichier par période.`
		);
	const sink: XmlSink = {
		wantText: false,
		open(name, _tag, self) {
			const n = local(name);
			if (n === 'si') {
				cur = '';
				if (self) push();
			} else if (n === 't' && !self && skip === 0) sink.wantText = inT = true;
			else if (n === 'rPh' && !self) skip++;
		},
		close(name) {
			const n = local(name);
			if (n === 't') sink.wantText = inT = false;
			else if (n === 'rPh') skip--;
			else if (n === 'si') push();
		},
		text(raw) {
			if (!inT) return;
			cur += raw;
			if (cur.length > limits.maxCellChars * 6) throw tooMany();
		}
	};
	function push() {
		const v = unescapeOoxml(decodeXml(cur));
		cur = '';
		if (v.length > limits.maxCellChars)
			throw new SheetError(
				'file.cell_too_long',
				`Une cellule de ce classeur dépasse ${formatNumber(limits.maxCellChars)} caractères, la limite des tableurs : il n’a pas été lu.`
			);
		chars += v.length;
		if (out.length >= limits.maxSharedStrings || chars > limits.maxSharedChars) throw tooMany();
		out.push(v);
	}
	const scanner = new XmlScanner(sink);
	const dec = new TextDecoder();
	for (const piece of zip.stream(part)) scanner.push(dec.decode(piece, { stream: true }));
	scanner.push(dec.decode());
	scanner.end();
	return out;
}

function serialDate(serial: number, date1904: boolean, precision: Precision): string {
	const days = serial + (date1904 ? 1462 : 0);
	const ms = Math.round((days - 25569) * 86400) * 1000;
	const d = new Date(ms);
	if (!Number.isFinite(d.getTime())) return numberText(String(serial));
	return dateText(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), precision);
}

/**
 * The text of an XLSX cell from its type (`t`), its raw value (`<v>` or inline text) and the date
 * precision of its style (null: not a date style); null for an error value (#N/A…).
 */
function xlsxCellValue(
	type: string,
	v: string,
	shared: string[],
	precision: Precision | null | undefined,
	date1904: boolean
): string | null {
	switch (type) {
		case 's': {
			const str = shared[Number(v)];
			if (str === undefined)
				throw new SheetError(
					'file.corrupt',
					'Ce classeur est endommagé (texte partagé introuvable) : enregistrez-le à nouveau depuis votre tableur.'
				);
			return str;
		}
		case 'inlineStr':
		case 'str':
			return unescapeOoxml(decodeXml(v));
		case 'b':
			return v.trim() === '1' ? 'oui' : v.trim() === '0' ? 'non' : v.trim();
		case 'e':
			return null;
		case 'd': {
			const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
			return m
				? dateText(Number(m[1]), Number(m[2]), Number(m[3]), precision ?? 'day')
				: decodeXml(v);
		}
		default: {
			const t = v.trim();
			return precision && t !== '' && Number.isFinite(Number(t))
				? serialDate(Number(t), date1904, precision)
				: numberText(t);
		}
	}
}

// Long because: one streaming state machine over a worksheet part (rows, cells, values, inline
// strings, phonetic runs), whose states are shared by its open/close/text handlers; the cell
// values are converted by xlsxCellValue.
function* xlsxRows(
	zip: ZipReader,
	part: string,
	shared: string[],
	styles: (Precision | null)[],
	date1904: boolean,
	limits: SheetLimits,
	sink: SheetRowSink
): Generator<number, void, void> {
	let rowNo = 0;
	let cells: string[] = [];
	let marks: CellMark[] | null = null;
	let col = -1;
	let type = '';
	let style = 0;
	let inRow = false;
	let inCell = false;
	let sawV = false;
	let sawF = false;
	let v = '';
	let textMode = 0; // 1: <v>, 2: <t> of an inline string
	let skip = 0;
	let lastEmitted = 0;

	const setCell = (value: string, mark?: CellMark['problem']) => {
		if (col >= limits.maxColumns) {
			if (value === '' && !mark) return;
			throw sheetLimitError(`${limits.maxColumns} colonnes (une valeur est plus loin à droite)`);
		}
		while (cells.length < col) cells.push('');
		cells[col] = value;
		if (mark) (marks ??= []).push({ col, problem: mark });
	};
	const endRow = () => {
		let n = cells.length;
		while (n > 0 && cells[n - 1] === '') n--;
		if (n < cells.length) cells.length = n;
		if (n > 0 || marks) {
			if (rowNo > limits.maxRows) throw sheetLimitError(`${limits.maxRows} lignes`);
			if (rowNo <= lastEmitted)
				throw new SheetError(
					'file.corrupt',
					'Ce classeur est endommagé (lignes dans le désordre) : enregistrez-le à nouveau depuis votre tableur.'
				);
			lastEmitted = rowNo;
			sink(cells, rowNo, marks);
		}
		cells = [];
		marks = null;
	};
	const s: XmlSink = {
		wantText: false,
		open(name, tag, self) {
			const n = local(name);
			if (n === 'c') {
				if (!inRow) return;
				const r = columnOfRef(attr(tag, 'r'));
				col = r >= 0 ? r : col + 1;
				type = attr(tag, 't') ?? '';
				style = Number(attr(tag, 's') ?? 0);
				sawV = sawF = false;
				v = '';
				inCell = !self;
			} else if (n === 'row') {
				const r = attr(tag, 'r');
				rowNo = r ? Number(r) : rowNo + 1;
				if (!(rowNo >= 1)) rowNo = lastEmitted + 1;
				col = -1;
				inRow = !self;
				if (self) {
					cells = [];
					marks = null;
				}
			} else if (!inCell) return;
			else if (n === 'v') {
				sawV = true;
				if (!self) {
					textMode = 1;
					s.wantText = true;
				}
			} else if (n === 'f') sawF = true;
			else if (n === 'rPh' && !self) skip++;
			else if (n === 't' && !self && skip === 0 && type === 'inlineStr') {
				sawV = true;
				textMode = 2;
				s.wantText = true;
			}
		},
		close(name) {
			const n = local(name);
			if (n === 'v' || n === 't') {
				textMode = 0;
				s.wantText = false;
			} else if (n === 'rPh') skip--;
			else if (n === 'c') {
				inCell = false;
				finishCell();
			} else if (n === 'row') {
				inRow = false;
				endRow();
			}
		},
		text(raw) {
			if (textMode !== 0 && skip === 0) v += raw;
		}
	};
	function finishCell() {
		if (!sawV) {
			if (sawF) setCell('', 'formula');
			return;
		}
		const value = xlsxCellValue(type, v, shared, styles[style], date1904);
		if (value === null) setCell('', 'error');
		else setCell(value);
	}
	const scanner = new XmlScanner(s);
	const dec = new TextDecoder();
	let pieces = 0;
	for (const piece of zip.stream(part)) {
		scanner.push(dec.decode(piece, { stream: true }));
		if (++pieces % 64 === 0) yield zip.position;
	}
	scanner.push(dec.decode());
	scanner.end();
	if (inRow) endRow();
}

// ——— ODS ———

interface OdsStyles {
	/** data style name → precision of the dates it shows */
	dates: Map<string, Precision>;
	/** cell style name → its data style name */
	cells: Map<string, string>;
}

/** Date styles and cell styles of an ODS styles part (or of content.xml's automatic styles). */
function odsStyleSink(into: OdsStyles, stopAt?: () => void): XmlSink {
	let dateStyle: string | null = null;
	let hasDay = false;
	let hasMonth = false;
	return {
		wantText: false,
		text() {},
		open(name, tag, self) {
			if (name === 'number:date-style') {
				dateStyle = decodeXml(attr(tag, 'style:name') ?? '');
				hasDay = hasMonth = false;
				if (self) dateStyle = null;
			} else if (dateStyle !== null && name === 'number:day') hasDay = true;
			else if (dateStyle !== null && name === 'number:month') hasMonth = true;
			else if (name === 'style:style') {
				const ds = attr(tag, 'style:data-style-name');
				const sn = attr(tag, 'style:name');
				if (ds && sn) into.cells.set(decodeXml(sn), decodeXml(ds));
			} else if (name === 'office:body') stopAt?.();
		},
		close(name) {
			if (name === 'number:date-style' && dateStyle !== null) {
				into.dates.set(dateStyle, hasDay || !hasMonth ? 'day' : 'month');
				dateStyle = null;
			}
		}
	};
}

function openOds(zip: ZipReader, kind: string, limits: SheetLimits): OpenedSheet {
	const mime = zip.text('mimetype', 256).trim();
	if (!mime.startsWith('application/vnd.oasis.opendocument.spreadsheet'))
		throw new SheetError('file.not_spreadsheet', NOT_SHEET);
	if (zip.entries.some((e) => /^(Basic|Scripts)\//.test(e.name)))
		throw new SheetError('file.macros', MACROS);
	if (zip.has('META-INF/manifest.xml')) {
		const manifest = zip.text('META-INF/manifest.xml', limits.maxSmallPart);
		if (manifest.includes('encryption-data')) throw new SheetError('file.encrypted', ENCRYPTED);
		if (/manifest:media-type="application\/vnd\.sun\.star\.basic/.test(manifest))
			throw new SheetError('file.macros', MACROS);
	}
	const styles: OdsStyles = { dates: new Map(), cells: new Map() };
	if (zip.has('styles.xml'))
		scan(zip.text('styles.xml', limits.maxSmallPart), odsStyleSink(styles));

	// First pass over content.xml: automatic styles (before the body), then the table names and
	// anything linking outside, by plain search (no tokenizing of the cells).
	const names: string[] = [];
	const dec = new TextDecoder();
	let inBody = false;
	const head = new XmlScanner(
		odsStyleSink(styles, () => {
			inBody = true;
		})
	);
	let tail = '';
	let found = false;
	const TABLE = /<table:table[\s>]|<table:table-source|dde-source|<table:cell-range-source/g;
	for (const piece of zip.stream('content.xml')) {
		let text = dec.decode(piece, { stream: true });
		if (!inBody) {
			head.push(text);
			if (!inBody) continue;
			const at = text.lastIndexOf('<office:body');
			text = at >= 0 ? text.slice(at) : text;
		}
		const s = tail + text;
		tail = '';
		TABLE.lastIndex = 0;
		for (let m = TABLE.exec(s); m; m = TABLE.exec(s)) {
			if (!/^<table:table[\s>]$/.test(m[0])) throw new SheetError('file.external_links', EXTERNAL);
			const gt = s.indexOf('>', m.index);
			if (gt === -1) break; // completed by the next piece (kept below)
			names.push(decodeXml(attr(s.slice(m.index + 1, gt), 'table:name') ?? ''));
			if (names.length > limits.maxSheets || foldKey(names.at(-1)!) === foldKey(kind)) {
				found = true;
				break;
			}
		}
		// an unfinished tag at the end is read again with the next piece
		const lt = s.lastIndexOf('<');
		if (lt >= 0 && s.indexOf('>', lt) === -1) {
			if (s.length - lt > 65536) throw new SheetError('file.corrupt', CORRUPT_ODS);
			tail = s.slice(lt);
		}
		// the table named after the kind is the one read: no need to know the others
		if (found) break;
	}
	const chosen = chooseSheet(names, kind, limits);
	return {
		format: 'ods',
		sheet: names[chosen],
		rows: (sink) => odsRows(zip, chosen, styles, limits, sink)
	};
}

/**
 * The text of an ODS cell from its value type, its typed value and its shown text; `mark` when
 * it is an error or a formula without a value. `precision` is asked only for dates.
 */
function odsCellValue(
	vtype: string,
	value: string | null,
	shown: string,
	formula: boolean,
	isError: boolean,
	precision: () => Precision | null
): { v: string; mark: CellMark['problem'] | null } {
	if (isError) return { v: '', mark: 'error' };
	switch (vtype) {
		case 'float':
		case 'percentage':
		case 'currency':
			return { v: value !== null ? numberText(decodeXml(value)) : shown, mark: null };
		case 'date': {
			const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
			if (!m) return { v: shown, mark: null };
			// a style we could not resolve: the displayed text tells a month from a day
			const p =
				precision() ??
				(/^\D*\d{1,2}\D+\d{4}\D*$|^[^\d]+\d{4}$/.test(shown.trim()) ? 'month' : 'day');
			return { v: dateText(Number(m[1]), Number(m[2]), Number(m[3]), p), mark: null };
		}
		case 'boolean':
			return { v: value === 'true' ? 'oui' : value === 'false' ? 'non' : shown, mark: null };
		case 'string':
			return { v: value !== null ? decodeXml(value) : shown, mark: null };
		default:
			return { v: shown, mark: formula && shown === '' ? 'formula' : null };
	}
}

// Long because: one streaming state machine over content.xml (tables, rows, cells, paragraphs,
// annotations), whose states are shared by its open/close/text handlers; the cell values are
// converted by odsCellValue.
function* odsRows(
	zip: ZipReader,
	tableIndex: number,
	styles: OdsStyles,
	limits: SheetLimits,
	sink: SheetRowSink
): Generator<number, void, void> {
	let tables = -1;
	let depth = 0; // table:table nesting inside the chosen table
	let active = false;
	let done = false;
	const columnStyles: string[] = [];
	let rowNo = 0;
	let rowRepeat = 1;
	let rowStyle: string | null = null;
	let cells: string[] = [];
	let marks: CellMark[] | null = null;
	let col = 0;
	// the current cell
	let inCell = false;
	let repeat = 1;
	let vtype = '';
	let value: string | null = null;
	let formula = false;
	let isError = false;
	let cellStyle: string | null = null;
	let text = '';
	let paragraphs = 0;
	let inP = 0;
	let annotation = 0;

	const precisionOf = (c: number): Precision | null => {
		const st = cellStyle ?? columnStyles[c] ?? rowStyle;
		const ds = st ? styles.cells.get(st) : undefined;
		return ds ? (styles.dates.get(ds) ?? null) : null;
	};
	const put = (c: number, v: string, mark: CellMark['problem'] | null) => {
		if (c >= limits.maxColumns)
			throw sheetLimitError(`${limits.maxColumns} colonnes (une valeur est plus loin à droite)`);
		while (cells.length < c) cells.push('');
		cells[c] = v;
		if (mark) (marks ??= []).push({ col: c, problem: mark });
	};
	const finishCell = () => {
		const { v, mark } = odsCellValue(vtype, value, text, formula, isError, () => precisionOf(col));
		if (v.length > limits.maxCellChars)
			throw new SheetError(
				'file.cell_too_long',
				`Une cellule de ce classeur dépasse ${formatNumber(limits.maxCellChars)} caractères, la limite des tableurs : il n’a pas été lu.`
			);
		if (v === '' && !mark) {
			col += repeat;
			return;
		}
		if (col + repeat > limits.maxColumns)
			throw sheetLimitError(`${limits.maxColumns} colonnes (une valeur est plus loin à droite)`);
		for (let k = 0; k < repeat; k++) put(col + k, v, mark);
		col += repeat;
	};
	const endRow = () => {
		let n = cells.length;
		while (n > 0 && cells[n - 1] === '') n--;
		cells.length = n;
		if (n > 0 || marks) {
			for (let k = 0; k < rowRepeat; k++) {
				if (rowNo + k > limits.maxRows) throw sheetLimitError(`${limits.maxRows} lignes`);
				sink(k === 0 ? cells : cells.slice(), rowNo + k, marks);
			}
		}
		rowNo += rowRepeat - 1;
		cells = [];
		marks = null;
	};
	const s: XmlSink = {
		wantText: false,
		open(name, tag, self) {
			if (name === 'table:table') {
				if (active) depth++;
				else if (++tables === tableIndex) active = !self;
				return;
			}
			if (
				name === 'table:table-source' ||
				name === 'table:cell-range-source' ||
				name.endsWith(':dde-source')
			)
				throw new SheetError('file.external_links', EXTERNAL);
			if (!active || depth > 0) return;
			switch (name) {
				case 'table:table-column': {
					const r = Math.min(Number(attr(tag, 'table:number-columns-repeated') ?? 1) || 1, 4096);
					const st = attr(tag, 'table:default-cell-style-name');
					for (let k = 0; k < r && columnStyles.length < limits.maxColumns; k++)
						columnStyles.push(st ? decodeXml(st) : '');
					return;
				}
				case 'table:table-row':
					rowNo++;
					rowRepeat = Math.max(1, Number(attr(tag, 'table:number-rows-repeated') ?? 1) || 1);
					rowStyle = attr(tag, 'table:default-cell-style-name');
					col = 0;
					cells = [];
					marks = null;
					if (self) rowNo += rowRepeat - 1;
					return;
				case 'table:table-cell':
				case 'table:covered-table-cell':
					repeat = Math.max(1, Number(attr(tag, 'table:number-columns-repeated') ?? 1) || 1);
					vtype = attr(tag, 'office:value-type') ?? '';
					value =
						vtype === 'date'
							? attr(tag, 'office:date-value')
							: vtype === 'boolean'
								? attr(tag, 'office:boolean-value')
								: vtype === 'string'
									? attr(tag, 'office:string-value')
									: attr(tag, 'office:value');
					formula = attr(tag, 'table:formula') !== null;
					isError = attr(tag, 'calcext:value-type') === 'error';
					{
						const st = attr(tag, 'table:style-name');
						cellStyle = st ? decodeXml(st) : null;
					}
					text = '';
					paragraphs = 0;
					inCell = !self;
					if (self) finishCell();
					return;
				case 'office:annotation':
					if (!self) annotation++;
					return;
				case 'text:p':
				case 'text:h':
					if (!inCell || annotation) return;
					if (paragraphs++ > 0) text += '\n';
					if (!self) {
						inP++;
						s.wantText = true;
					}
					return;
				case 'text:s':
					if (inP && !annotation)
						text += ' '.repeat(Math.min(1000, Number(attr(tag, 'text:c') ?? 1) || 1));
					return;
				case 'text:tab':
					if (inP && !annotation) text += '\t';
					return;
				case 'text:line-break':
					if (inP && !annotation) text += '\n';
					return;
			}
		},
		close(name) {
			if (name === 'table:table') {
				if (depth > 0) depth--;
				else if (active) {
					active = false;
					done = true;
				}
				return;
			}
			if (!active || depth > 0) return;
			switch (name) {
				case 'table:table-cell':
				case 'table:covered-table-cell':
					inCell = false;
					finishCell();
					return;
				case 'table:table-row':
					endRow();
					return;
				case 'office:annotation':
					annotation--;
					return;
				case 'text:p':
				case 'text:h':
					if (inP) inP--;
					if (inP === 0) s.wantText = false;
					return;
			}
		},
		text(raw) {
			if (inP && !annotation) {
				text += decodeXml(raw);
				if (text.length > limits.maxCellChars)
					throw new SheetError(
						'file.cell_too_long',
						`Une cellule de ce classeur dépasse ${formatNumber(limits.maxCellChars)} caractères, la limite des tableurs : il n’a pas été lu.`
					);
			}
		}
	};
	const scanner = new XmlScanner(s);
	const dec = new TextDecoder();
	let pieces = 0;
	for (const piece of zip.stream('content.xml')) {
		const text = dec.decode(piece, { stream: true });
		// after the table read: only a look for links to other files (cheap, no tokenizing)
		if (done) {
			if (/table-source|dde-source|cell-range-source/.test(text))
				throw new SheetError('file.external_links', EXTERNAL);
			continue;
		}
		scanner.push(text);
		if (++pieces % 64 === 0) yield zip.position;
	}
	if (done) return;
	scanner.push(dec.decode());
	scanner.end();
}
