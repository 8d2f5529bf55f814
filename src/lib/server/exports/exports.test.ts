import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HIDDEN_KEY } from '$lib/format';
import { BOM, csvCell, tableCsv } from './csv';
import { attachmentDisposition, safeFilename } from './respond';
import { neutralise } from '$contracts/csv-write';
import { reportCsv } from '$lib/referent/report';
import { HIDDEN, type ExportTable } from './table';
import { tablesXlsx } from './xlsx';

const DANGEROUS = ['=1+1', '+33 1 23', '-2+3+cmd|calc', '@SUM(A1)', '\tx', '\ry', '＝fullwidth'];

const table: ExportTable = {
	title: 'Comparaison des communes — 2025',
	columns: [
		{ header: 'Territoire' },
		{ header: 'Population', kind: 'count' },
		{ header: 'Situations', kind: 'count' },
		{ header: 'Taux pour 1 000 habitants', kind: 'rate', decimals: 1 },
		{ header: 'Écart', kind: 'number', decimals: 2 }
	],
	rows: [
		['Évry-Courcouronnes', 66_700, 120, 1.7991, -0.5],
		['Saint-Germain-lès-Arpajon', 10_000, HIDDEN, HIDDEN, null],
		...DANGEROUS.map((d, i) => [d, 100 + i, 7, 70.0, 1.25] as ExportTable['rows'][number])
	],
	notes: ['Source : bilans des groupes, période 2025.']
};

describe('CSV writer', () => {
	const csv = tableCsv(table);
	const lines = csv.slice(1).split('\r\n');

	it('starts with a BOM, separates with ; and ends lines with CRLF', () => {
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(lines[0]).toBe('Territoire;Population;Situations;Taux pour 1 000 habitants;Écart');
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
	});

	it('writes French decimals and keeps negative numbers as numbers', () => {
		expect(lines[1]).toBe('Évry-Courcouronnes;66700;120;1,8;-0,50');
	});

	it('writes the marker of a hidden cell, never a value, and the legend', () => {
		expect(lines[2]).toBe('Saint-Germain-lès-Arpajon;10000;s;s;');
		expect(csv).toContain(`${HIDDEN_KEY} (valeur non publiée).`);
	});

	it('neutralises every text that a spreadsheet would run as a formula', () => {
		for (const [i, d] of DANGEROUS.entries()) {
			const first = lines[3 + i].startsWith('"') ? lines[3 + i].slice(1) : lines[3 + i];
			expect(first.startsWith("'"), JSON.stringify(d)).toBe(true);
		}
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('plain')).toBe('plain');
		expect(neutralise('-3')).toBe("'-3");
	});

	it('round-trips through a ;-separated reader with accents intact', () => {
		const bytes = new TextEncoder().encode(csv);
		const text = new TextDecoder('utf-8').decode(bytes);
		expect(text).toContain('Saint-Germain-lès-Arpajon');
		expect(text).toContain('Écart');
	});
});

describe('XLSX writer', () => {
	it('re-reads with exceljs: markers present, no formula cell, accents intact, numbers typed', async () => {
		const bytes = await tablesXlsx([table, { ...table, title: 'Comparaison des communes — 2025' }]);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual([
			'Comparaison des communes — 2',
			'Comparaison des communes (2)'
		]);
		const ws = wb.worksheets[0];
		const texts: string[] = [];
		ws.eachRow((row) =>
			row.eachCell((cell) => {
				expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
				expect(cell.formula).toBeFalsy();
				if (typeof cell.value === 'string') {
					texts.push(cell.value);
					expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
				}
			})
		);
		expect(ws.getRow(1).getCell(5).value).toBe('Écart');
		expect(ws.getRow(2).getCell(1).value).toBe('Évry-Courcouronnes');
		expect(ws.getRow(2).getCell(4).value).toBeCloseTo(1.7991);
		expect(ws.getRow(2).getCell(4).numFmt).toBe('0.0');
		expect(ws.getRow(3).getCell(1).value).toBe('Saint-Germain-lès-Arpajon');
		expect(ws.getRow(3).getCell(3).value).toBe('s');
		expect(ws.getRow(3).getCell(4).value).toBe('s');
		expect(ws.getRow(4).getCell(1).value).toBe("'=1+1");
		expect(texts.some((t) => t.includes(HIDDEN_KEY))).toBe(true);
	});

	it('never writes a formula even when the raw XML is inspected', async () => {
		const bytes = await tablesXlsx([table]);
		const zip = await new ExcelJS.Workbook().xlsx.load(
			Buffer.from(bytes) as unknown as ArrayBuffer
		);
		expect(zip.worksheets.length).toBe(1);
		// exceljs reads back a formula as {formula}: none of the cells is an object value
		zip.worksheets[0].eachRow((row) =>
			row.eachCell((c) => expect(typeof c.value === 'object' && c.value !== null).toBe(false))
		);
	});
});

describe('file names', () => {
	it('are ASCII', () => {
		expect(safeFilename('Comparer — Évry 2025-S1')).toBe('comparer-evry-2025-s1');
	});
	it('keep a person’s name in filename*, never a folder, a quote or a line break', () => {
		expect(attachmentDisposition('Bilan été (v2).csv', 'x.csv')).toBe(
			`attachment; filename="bilan-ete-v2.csv"; filename*=UTF-8''Bilan%20%C3%A9t%C3%A9%20%28v2%29.csv`
		);
		expect(attachmentDisposition('..\\..\\C:/secret/"a"\r\nb.csv', 'x.csv')).toBe(
			`attachment; filename="ab.csv"; filename*=UTF-8''ab.csv`
		);
		expect(attachmentDisposition('..', 'situations-2026-S1-v1.csv')).toBe(
			`attachment; filename="situations-2026-s1-v1.csv"; filename*=UTF-8''situations-2026-S1-v1.csv`
		);
	});
	it('writes the validation report download with the same neutraliser as the exports', () => {
		const payload = '＝HYPERLINK("http://x")';
		const expected = csvCell(payload);
		expect(expected.startsWith(`"'＝`)).toBe(true);
		const report = reportCsv({
			kind: 'situations',
			ok: false,
			rows: 1,
			errors: [{ row: 2, column: 'quartier', code: 'value.quartier', message: payload }]
		} as unknown as Parameters<typeof reportCsv>[0]);
		expect(report.split('\r\n')[1]).toContain(expected);
		expect(tableCsv({ title: 't', columns: [{ header: payload }], rows: [] })).toBe(
			`${BOM}${expected}\r\n`
		);
	});
});
