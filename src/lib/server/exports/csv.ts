// CSV for French spreadsheets (Excel, LibreOffice): UTF-8 with a BOM so accents survive, `;` as
// separator, decimal comma, CRLF lines, and no text cell that could run as a formula. Shared by
// every export of the app (département tables, audit journal).
import { HIDDEN_MARKER } from '$lib/format';
import {
	decimalsOf,
	hasHidden,
	hiddenNote,
	isHiddenCell,
	neutralise,
	type ExportCell,
	type ExportColumn,
	type ExportTable
} from './table';

export const BOM = '\uFEFF';

/** One field: neutralised, quoted when it holds `;`, `"` or a line break. */
export function csvCell(value: unknown): string {
	const s = neutralise(value === null || value === undefined ? '' : String(value));
	return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header and rows of raw values (already as text or numbers) as a CSV document. */
export function csvDocument(header: string[], rows: unknown[][]): string {
	const lines = [header.map(csvCell).join(';'), ...rows.map((r) => r.map(csvCell).join(';'))];
	return BOM + lines.join('\r\n') + '\r\n';
}

function numberText(value: number, col: ExportColumn): string {
	if (!Number.isFinite(value)) return '';
	const kind = col.kind ?? 'text';
	const d = kind === 'text' ? undefined : decimalsOf(col);
	const s = d === undefined ? String(value) : value.toFixed(d);
	return s.replace('.', ',');
}

/** A typed cell: numbers with a decimal comma (never neutralised: they are numbers), hidden → « s ». */
export function formatCsvCell(cell: ExportCell, col: ExportColumn): string {
	if (isHiddenCell(cell)) return csvCell(HIDDEN_MARKER);
	if (cell === null) return '';
	if (typeof cell === 'number') return numberText(cell, col);
	return csvCell(cell);
}

export function tableCsv(table: ExportTable): string {
	const lines = [table.columns.map((c) => csvCell(c.header)).join(';')];
	for (const row of table.rows)
		lines.push(table.columns.map((c, i) => formatCsvCell(row[i] ?? null, c)).join(';'));
	const notes = [...(table.notes ?? [])];
	if (hasHidden(table)) notes.push(hiddenNote());
	if (notes.length) {
		lines.push('');
		for (const n of notes) lines.push(csvCell(n));
	}
	return BOM + lines.join('\r\n') + '\r\n';
}
