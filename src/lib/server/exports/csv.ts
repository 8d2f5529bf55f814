// Typed export tables as CSV: numbers with a decimal comma, hidden cells as « s », notes under the
// table. Fields, quoting, formula neutralising and the document shape come from the project's one
// CSV writer (data-contracts/csv-write.ts).
import { csvCell, csvLines } from '$contracts/csv-write';
import { HIDDEN_MARKER } from '$lib/format';
import {
	decimalsOf,
	hasHidden,
	hiddenNote,
	isHiddenCell,
	type ExportCell,
	type ExportColumn,
	type ExportTable
} from './table';

export { BOM, csvCell, csvDocument } from '$contracts/csv-write';

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
	const lines = [table.columns.map((c) => csvCell(c.header))];
	for (const row of table.rows)
		lines.push(table.columns.map((c, i) => formatCsvCell(row[i] ?? null, c)));
	const notes = [...(table.notes ?? [])];
	if (hasHidden(table)) notes.push(hiddenNote());
	if (notes.length) {
		lines.push([]);
		for (const n of notes) lines.push([csvCell(n)]);
	}
	return csvLines(lines);
}
