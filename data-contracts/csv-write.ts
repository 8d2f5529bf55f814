// The one CSV writer of the project, for French spreadsheets (Excel, LibreOffice): UTF-8 with a
// BOM so accents survive, `;` as separator, CRLF lines, fields quoted when they hold `;`, `"` or a
// line break, and no text that a spreadsheet could run as a formula. IO-free so the browser (the
// validation report download), the server (exports, audit journal) and the CLI share it.

export const BOM = '\uFEFF';

/**
 * Leading characters a spreadsheet reads as the start of a formula or DDE payload: = + - @, tab,
 * carriage return, and their full-width forms (Excel folds ＝ to =).
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text that cannot run as a formula: a leading formula character gets an apostrophe in front. */
export function neutralise(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: neutralised, quoted when it holds `;`, `"` or a line break (null → empty). */
export function csvCell(value: unknown): string {
	const s = neutralise(value === null || value === undefined ? '' : String(value));
	return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Lines of fields already written with `csvCell` (or numbers written on purpose) as a document. */
export function csvLines(lines: string[][]): string {
	return BOM + lines.map((l) => l.join(';')).join('\r\n') + '\r\n';
}

/** Header and rows of raw values (text or numbers) as a CSV document. */
export function csvDocument(header: unknown[], rows: unknown[][]): string {
	return csvLines([header, ...rows].map((r) => r.map(csvCell)));
}
