// XLSX exports (exceljs): one sheet per table, text cells typed as text (format `@`) and
// neutralised like the CSV, numbers as numbers with a French-readable format, hidden cells as the
// « s » text. No formula is ever written: exceljs only writes one when given `{ formula }`.
import ExcelJS from 'exceljs';
import { neutralise } from '$contracts/csv-write';
import { HIDDEN_MARKER } from '$lib/format';
import { decimalsOf, hasHidden, hiddenNote, isHiddenCell, type ExportTable } from './table';

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

function sheetName(title: string, used: Set<string>): string {
	const base = (title.replace(INVALID_SHEET_CHARS, ' ').trim() || 'Tableau').slice(0, 28);
	let name = base;
	for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 24)} (${i})`;
	used.add(name.toLowerCase());
	return name;
}

function numFmt(decimals: number): string {
	return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}

export async function tablesXlsx(tables: ExportTable[], meta: { creator?: string } = {}) {
	const wb = new ExcelJS.Workbook();
	wb.creator = meta.creator ?? 'Bilans partagés';
	wb.created = new Date();
	const used = new Set<string>();
	for (const table of tables) {
		const ws = wb.addWorksheet(sheetName(table.title, used));
		const header = ws.addRow(table.columns.map((c) => neutralise(c.header)));
		header.font = { bold: true };
		header.eachCell((c) => (c.numFmt = '@'));
		for (const row of table.rows) {
			const r = ws.addRow([]);
			table.columns.forEach((col, i) => {
				const cell = r.getCell(i + 1);
				const v = row[i] ?? null;
				if (isHiddenCell(v)) {
					cell.value = HIDDEN_MARKER;
					cell.numFmt = '@';
					cell.alignment = { horizontal: 'right' };
				} else if (typeof v === 'number' && Number.isFinite(v)) {
					cell.value = v;
					cell.numFmt = numFmt(decimalsOf(col));
				} else if (v !== null && typeof v === 'string') {
					cell.value = neutralise(v);
					cell.numFmt = '@';
				}
			});
		}
		const notes = [...(table.notes ?? [])];
		if (hasHidden(table)) notes.push(hiddenNote());
		if (notes.length) ws.addRow([]);
		for (const n of notes) {
			const r = ws.addRow([neutralise(n)]);
			r.getCell(1).numFmt = '@';
			r.font = { italic: true };
		}
		ws.views = [{ state: 'frozen', ySplit: 1 }];
		table.columns.forEach((col, i) => {
			const width = Math.max(
				col.header.length,
				...table.rows.map((r) => String((isHiddenCell(r[i]) ? HIDDEN_MARKER : r[i]) ?? '').length)
			);
			ws.getColumn(i + 1).width = Math.min(60, Math.max(8, width + 2));
		});
	}
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
