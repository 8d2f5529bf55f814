import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIELDS } from './fields';
import { TABULAR_KINDS } from './codes';
import { validateBytes } from './validate';
import { HOW_TO_SEND, TEMPLATE_ROWS, unzip, xlsxArtifacts, xlsxTemplate } from './xlsx-template';

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const colLetter = (n: number) => String.fromCharCode(64 + n);
const attrs = (xml: string, tag: string) =>
	[...xml.matchAll(new RegExp(`<${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g'))].map(
		(m) => ({
			attrs: m[1],
			body: m[2] ?? ''
		})
	);
const csvCell = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function readBack(bytes: Uint8Array) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	return wb;
}

/** What « Enregistrer sous… CSV » writes: the first sheet, its cells as displayed, `;`. */
function sheetCsv(ws: ExcelJS.Worksheet, width: number): string {
	const lines: string[] = [];
	ws.eachRow({ includeEmpty: false }, (row) => {
		const cells: string[] = [];
		for (let c = 1; c <= width; c++) cells.push(csvCell(row.getCell(c).text ?? ''));
		lines.push(cells.join(';'));
	});
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

describe('Excel templates', () => {
	it('are up to date in static/contrat (run scripts/gen-contract-artifacts.ts)', async () => {
		const dir = join(import.meta.dirname, '..', 'static', 'contrat');
		for (const [name, bytes] of Object.entries(await xlsxArtifacts())) {
			expect(existsSync(join(dir, name)), name).toBe(true);
			const committed = unzip(new Uint8Array(readFileSync(join(dir, name))));
			const fresh = unzip(bytes);
			expect([...committed.keys()], name).toEqual([...fresh.keys()]);
			for (const [part, content] of fresh)
				expect(text(committed.get(part)), `${name} ${part}`).toBe(text(content));
			expect(Buffer.compare(readFileSync(join(dir, name)), Buffer.from(bytes)), name).toBe(0);
		}
	});

	it('are the same bytes on every run', async () => {
		const a = await xlsxTemplate('seances');
		await new Promise((r) => setTimeout(r, 2100));
		expect(Buffer.compare(Buffer.from(a), Buffer.from(await xlsxTemplate('seances')))).toBe(0);
	}, 10000);

	it.each(TABULAR_KINDS)('%s: a drop-down of labels on every coded column', async (kind) => {
		const bytes = await xlsxTemplate(kind);
		const parts = unzip(bytes);
		const workbook = text(parts.get('xl/workbook.xml'));
		const sheets = attrs(workbook, 'sheet').map((s) => /name="([^"]*)"/.exec(s.attrs)![1]);
		expect(sheets).toEqual([kind, 'À lire', 'Codes']);
		const sheet1 = text(parts.get('xl/worksheets/sheet1.xml'));
		const lists = attrs(sheet1, 'dataValidation').filter((d) => d.attrs.includes('type="list"'));
		const wb = await readBack(bytes);
		const codesSheet = wb.getWorksheet('Codes')!;
		const coded = FIELDS[kind].filter((f) => f.labels);
		expect(coded.length).toBeGreaterThan(0);
		expect(lists).toHaveLength(coded.length);
		FIELDS[kind].forEach((f, i) => {
			const letter = colLetter(i + 1);
			const dv = lists.find((d) =>
				d.attrs.includes(`sqref="${letter}2:${letter}${TEMPLATE_ROWS}"`)
			);
			if (!f.labels) return expect(dv, f.name).toBeUndefined();
			expect(dv, f.name).toBeDefined();
			const m = /<formula1>Codes!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)<\/formula1>/.exec(dv!.body);
			expect(m, f.name).not.toBeNull();
			const values: string[] = [];
			for (let r = Number(m![2]); r <= Number(m![4]); r++)
				values.push(codesSheet.getCell(`${m![1]}${r}`).text);
			expect(values, f.name).toEqual(f.codes!.map((c) => f.labels![c]));
		});
	});

	it.each(TABULAR_KINDS)('%s: header notes with the rule, and how to send it', async (kind) => {
		const wb = await readBack(await xlsxTemplate(kind));
		const ws = wb.worksheets[0];
		FIELDS[kind].forEach((f, i) => {
			const note = ws.getCell(1, i + 1).note;
			const t = typeof note === 'string' ? note : note.texts!.map((x) => x.text).join('');
			expect(t, f.name).toContain(f.description.slice(1) + '.');
			expect(t, f.name).toMatch(f.required === false ? /Facultatif/ : /Obligatoire/);
		});
		expect(ws.getCell('A1').dataValidation).toMatchObject({ prompt: HOW_TO_SEND });
		expect(HOW_TO_SEND).toContain('tel quel');
		expect(HOW_TO_SEND).not.toMatch(/n’accepte que/);
		expect(wb.getWorksheet('À lire')!.getColumn(1).values).toContain(HOW_TO_SEND);
	});

	it.each(TABULAR_KINDS)('%s: saved as CSV, the data sheet passes the validator', async (kind) => {
		const wb = await readBack(await xlsxTemplate(kind));
		const ws = wb.worksheets[0];
		const names = FIELDS[kind].map((f) => f.name);
		expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(names);
		expect(ws.actualRowCount).toBe(2);
		const csv = sheetCsv(ws, names.length);
		expect(csv.split('\r\n')[0]).toBe('\uFEFF' + names.join(';'));
		const coded = FIELDS[kind].find((f) => f.labels && f.labels[f.example] !== f.example)!;
		expect(csv).toContain(coded.labels![coded.example]);
		const report = validateBytes(kind, new TextEncoder().encode(csv));
		expect(report.errors).toEqual([]);
		expect(report.ok).toBe(true);
	});
});
