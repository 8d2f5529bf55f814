// Workbooks (XLSX and ODS) as referents make them are read into the same rows as the equivalent
// CSV; formulas by their cached values; hostile workbooks are refused in French, quickly, with
// bounded memory. Fixtures are made by code (exceljs for XLSX as Excel writes it, and the minimal
// writers of tests/helpers/spreadsheets.ts), never committed binaries.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { FIELDS } from '../fields';
import { TABULAR_KINDS } from '../codes';
import { generateRows } from '../generate';
import { contractView } from '../report';
import { validateBytes, validateStream, type ValidRow } from '../validate';
import { xlsxTemplate } from '../xlsx-template';
import { formatPrecision, numberText, openSpreadsheet, sniffSpreadsheet } from './sheet';
import {
	excelWorkbook,
	makeOds,
	makeXlsx,
	odsBomb,
	referentTable,
	xlsxBomb,
	xlsxHugeSharedStrings,
	type Cell
} from '../../tests/helpers/spreadsheets';

const enc = (s: string) => new TextEncoder().encode(s);

function rowsOf(kind: string, bytes: Uint8Array) {
	const out: ValidRow[] = [];
	const it = validateStream(kind, bytes);
	for (;;) {
		const n = it.next();
		if (n.done) return { report: n.value, rows: out };
		out.push(n.value);
	}
}

describe('workbooks read as the equivalent CSV', () => {
	it.each(TABULAR_KINDS)(
		'%s: an XLSX (Excel), a minimal XLSX and an ODS with labels and months give the CSV’s rows',
		async (kind) => {
			const gen = [...generateRows(kind, { seed: 17, rows: 120, period: '2026-S1' })];
			const { cells, csv } = referentTable(FIELDS[kind], gen);
			const fromCsv = rowsOf(kind, enc(csv));
			expect(fromCsv.report.errors).toEqual([]);
			expect(fromCsv.rows).toHaveLength(120);
			const files = {
				excel: await excelWorkbook([{ name: kind, rows: cells }]),
				xlsx: makeXlsx([{ name: kind, rows: cells }]),
				inline: makeXlsx([{ name: kind, rows: cells }], { inline: true }),
				ods: makeOds([{ name: kind, rows: cells }])
			};
			for (const [name, bytes] of Object.entries(files)) {
				const r = rowsOf(kind, bytes);
				expect(r.report.errors, name).toEqual([]);
				expect(r.report.ok, name).toBe(true);
				expect(r.report.format, name).toBe(name === 'ods' ? 'ods' : 'xlsx');
				expect(r.report.sheet, name).toBe(kind);
				expect(r.rows, name).toEqual(fromCsv.rows);
			}
		}
	);

	it('reads the sheet named after the kind, else the first; row numbers as the sheet shows them', () => {
		const { cells } = referentTable(FIELDS.incidents, [
			...generateRows('incidents', { seed: 2, rows: 3, period: '2026-S1' })
		]);
		const other = { name: 'Notes', rows: [['rien à lire']] as Cell[][] };
		for (const make of [makeXlsx, makeOds]) {
			const named = rowsOf(
				'incidents',
				make([other, { name: 'Incidents', rows: cells, firstRow: 4 }])
			);
			expect(named.report.ok).toBe(true);
			expect(named.report.sheet).toBe('Incidents');
			expect(named.rows.map((r) => r.line)).toEqual([5, 6, 7]);
			const first = rowsOf('incidents', make([{ name: 'Feuil1', rows: cells }, other]));
			expect(first.report.sheet).toBe('Feuil1');
			expect(first.rows).toHaveLength(3);
		}
	});

	it('reports refused cells with the sheet and the cell reference (« D8 »)', () => {
		const { cells } = referentTable(FIELDS.situations, [
			...generateRows('situations', { seed: 5, rows: 10, period: '2026-S1' })
		]);
		cells[7][3] = 'vingt ans'; // D8: tranche_age
		cells[9][0] = null; // A10: ref_situation, required
		for (const make of [makeXlsx, makeOds]) {
			const r = validateBytes('situations', make([{ name: 'situations', rows: cells }]));
			expect(r.ok).toBe(false);
			const cellsOf = r.errors.map((e) => [e.sheet, e.cell, e.code]);
			expect(cellsOf).toContainEqual(['situations', 'D8', 'value.code']);
			expect(cellsOf).toContainEqual(['situations', 'A10', 'value.required']);
			expect(contractView(r).errors[0]).toMatchObject({ sheet: 'situations' });
		}
	});

	it('reads formulas by their cached values and reports a formula without one, or an error', async () => {
		const { cells } = referentTable(FIELDS.situations, [
			...generateRows('situations', { seed: 6, rows: 4, period: '2026-S1' })
		]);
		const nb = FIELDS.situations.findIndex((f) => f.name === 'nb_examens');
		const pb = FIELDS.situations.findIndex((f) => f.name === 'problematique');
		cells[1][nb] = { formula: '1+2', cached: 3 };
		cells[2][pb] = { formula: 'Codes!A2', cached: 'Délinquance' };
		cells[3][nb] = { formula: '2*2' };
		cells[4][nb] = { error: '#DIV/0!' };
		const files = {
			excel: await excelWorkbook([{ name: 'situations', rows: cells }]),
			xlsx: makeXlsx([{ name: 'situations', rows: cells }]),
			ods: makeOds([{ name: 'situations', rows: cells }])
		};
		const letter = String.fromCharCode(65 + nb);
		for (const [name, bytes] of Object.entries(files)) {
			const r = rowsOf('situations', bytes);
			expect(
				r.rows.map((x) => x.line),
				name
			).toEqual([2, 3]);
			expect(r.rows[0].row.nb_examens, name).toBe(3);
			expect(r.rows[1].row.problematique, name).toBe('delinquance');
			expect(
				r.report.errors.map((e) => [e.cell, e.code]),
				name
			).toEqual([
				[`${letter}4`, 'value.formula'],
				[`${letter}5`, 'value.formula_error']
			]);
		}
	});

	it('a month shown to the day is refused as in a CSV; a day-precise date column takes it', () => {
		const rows = [...generateRows('situations', { seed: 8, rows: 2, period: '2026-S1' })];
		const { cells } = referentTable(FIELDS.situations, rows);
		cells[1][1] = { day: '2026-03-14' };
		for (const make of [makeXlsx, makeOds]) {
			const r = validateBytes('situations', make([{ name: 'situations', rows: cells }]));
			expect(r.errors.map((e) => [e.cell, e.code])).toEqual([['B2', 'value.month']]);
			expect(r.errors[0].message).toContain('2026-03');
		}
	});

	it('rich text, booleans and numbers read as a CSV export writes them', () => {
		expect(numberText('3')).toBe('3');
		expect(numberText('0.30000000000000004')).toBe('0.3');
		expect(formatPrecision('mmmm\\ yyyy')).toBe('month');
		expect(formatPrecision('[$-40C]mmm\\-yy;@')).toBe('month');
		expect(formatPrecision('dd/mm/yyyy')).toBe('day');
		expect(formatPrecision('0.00')).toBeNull();
		expect(formatPrecision('General')).toBeNull();
		const cells: Cell[][] = [
			['date_incident', 'sens', 'motif', 'suite', 'description'],
			[
				'03/2026',
				'groupe_vers_institution',
				{ rich: ['Utilisation ', 'non conforme'] },
				'résolu',
				{ rich: ['Réunion ', 'reportée'] }
			]
		];
		for (const make of [makeXlsx, makeOds]) {
			const r = rowsOf('incidents', make([{ name: 'incidents', rows: cells }]));
			expect(r.report.errors).toEqual([]);
			expect(r.rows[0].row).toMatchObject({
				date_incident: '2026-03',
				motif: 'utilisation_non_conforme',
				suite: 'resolu',
				description: 'Réunion reportée'
			});
		}
	});

	it('a filled Excel template is accepted as it is', async () => {
		for (const kind of TABULAR_KINDS) {
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load(Buffer.from(await xlsxTemplate(kind)) as unknown as ArrayBuffer);
			const ws = wb.getWorksheet(kind)!;
			const gen = [...generateRows(kind, { seed: 9, rows: 5, period: '2026-S1' })];
			const { cells } = referentTable(FIELDS[kind], gen);
			cells.slice(1).forEach((row, r) =>
				row.forEach((v, c) => {
					const cell = ws.getCell(r + 3, c + 1); // below the example row
					if (v === null) return;
					if (typeof v === 'object' && 'month' in v) {
						cell.value = new Date(`${v.month}-01T00:00:00Z`);
						cell.numFmt = 'mmm-yy';
					} else if (typeof v === 'object' && 'day' in v) {
						cell.value = new Date(`${v.day}T00:00:00Z`);
						cell.numFmt = 'dd/mm/yyyy';
					} else if (typeof v === 'boolean') cell.value = v ? 'Oui' : 'Non';
					else cell.value = v as string | number;
				})
			);
			const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
			expect(sniffSpreadsheet(bytes)).toBe('xlsx');
			const r = rowsOf(kind, bytes);
			expect(r.report.errors, kind).toEqual([]);
			expect(r.report.sheet).toBe(kind);
			expect(r.rows.map((x) => x.line)).toEqual([2, 3, 4, 5, 6, 7]);
		}
	});
});

/** Runs `f`, returning its result, its time and the growth of the heap and of buffers. */
function measured<T>(f: () => T) {
	globalThis.gc?.();
	const m0 = process.memoryUsage();
	const t0 = performance.now();
	const value = f();
	const ms = performance.now() - t0;
	const m1 = process.memoryUsage();
	return {
		value,
		ms,
		mb: (m1.heapUsed + m1.arrayBuffers - m0.heapUsed - m0.arrayBuffers) / 1024 / 1024
	};
}

describe('hostile workbooks are refused quickly, in French', () => {
	const refused = (bytes: Uint8Array, code: string, words: RegExp, ms = 2000) => {
		const { value: r, ms: took } = measured(() => validateBytes('situations', bytes));
		expect(r.ok).toBe(false);
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0].code).toBe(code);
		expect(r.errors[0].message).toMatch(words);
		expect(took).toBeLessThan(ms);
		return r;
	};

	it('a zip bomb (64 MiB from 64 KiB) is refused after a few MiB', () => {
		for (const bomb of [xlsxBomb(64), odsBomb(64)]) {
			expect(bomb.length).toBeLessThan(1024 * 1024);
			const { value: r, ms, mb } = measured(() => validateBytes('situations', bomb));
			expect(r.errors[0].code).toBe('file.bomb');
			expect(r.errors[0].message).toMatch(/volume anormal/);
			expect(ms).toBeLessThan(1500);
			expect(mb).toBeLessThan(48);
		}
	});

	it('huge shared strings are refused by count, not read whole', () => {
		// generous bound: the reference machine is often shared (about 1 s at rest)
		const bytes = xlsxHugeSharedStrings(1_100_000);
		const { mb } = measured(() =>
			refused(bytes, 'file.shared_strings', /volume de textes anormal/, 10000)
		);
		expect(mb).toBeLessThan(400);
	}, 30000);

	it('one enormous text is refused', () => {
		const big = 'x'.repeat(40 * 1024 * 1024);
		const bytes = makeXlsx([{ name: 'situations', rows: [['ref_situation']] }], {
			extraParts: { 'xl/sharedStrings.xml': `<sst><si><t>${big}</t></si></sst>` }
		});
		refused(bytes, 'file.bomb', /volume anormal/);
		const wide = makeXlsx([{ name: 'situations', rows: [['ref_situation']] }], {
			extraParts: { 'xl/sharedStrings.xml': `<sst><si><t>${'ab'.repeat(20000)}</t></si></sst>` }
		});
		refused(wide, 'file.cell_too_long', /32\s767 caractères/);
	});

	it('300 sheets are refused', () => {
		const sheets = Array.from({ length: 300 }, (_, i) => ({
			name: `F${i}`,
			rows: [['x']] as Cell[][]
		}));
		refused(makeXlsx(sheets), 'file.too_many_sheets', /plus de 100 feuilles/);
		refused(makeOds(sheets), 'file.too_many_sheets', /plus de 100 feuilles/);
	});

	it('external links, macros (.xlsm), encrypted workbooks and the old .xls are refused with what to do', () => {
		const rows: Cell[][] = [['ref_situation']];
		refused(
			makeXlsx([{ name: 'situations', rows }], {
				extraParts: { 'xl/externalLinks/externalLink1.xml': '<externalLink/>' }
			}),
			'file.external_links',
			/Rompre le lien/
		);
		refused(
			makeXlsx([{ name: 'situations', rows }], {
				workbookExtra: '<externalReferences><externalReference r:id="rId9"/></externalReferences>'
			}),
			'file.external_links',
			/liaisons/
		);
		refused(
			makeOds([{ name: 'situations', rows }], {
				bodyExtra:
					'<table:table table:name="lien"><table:table-source xlink:href="file:///x.ods"/></table:table>'
			}),
			'file.external_links',
			/liaisons/
		);
		refused(
			makeXlsx([{ name: 'situations', rows }], {
				contentTypesExtra:
					'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>',
				extraParts: { 'xl/vbaProject.bin': new Uint8Array([1, 2, 3]) }
			}),
			'file.macros',
			/macros.*\.xlsx/
		);
		refused(
			makeOds([{ name: 'situations', rows }], {
				extraParts: { 'Basic/Standard/Module1.xml': '<script:module/>' }
			}),
			'file.macros',
			/macros/
		);
		refused(
			makeOds([{ name: 'situations', rows }], {
				manifestExtra: '<manifest:encryption-data/>'
			}),
			'file.encrypted',
			/mot de passe/
		);
		// an encrypted OOXML workbook is an OLE compound file with an EncryptionInfo stream
		const ole = new Uint8Array(4096);
		ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		const encrypted = ole.slice();
		encrypted.set(
			'EncryptionInfo'.split('').flatMap((c) => [c.charCodeAt(0), 0]),
			1024
		);
		refused(encrypted, 'file.encrypted', /mot de passe/);
		refused(ole, 'file.xls', /ancien format \(\.xls\).*\.xlsx/);
		refused(
			zipSync({ 'word/document.xml': strToU8('<w:document/>') }),
			'file.not_spreadsheet',
			/pas un classeur/
		);
		refused(
			new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
			'file.corrupt',
			/endommagé|pas un classeur/
		);
	});

	it('a value far to the right, or a sheet of a million repeated rows, is refused', () => {
		const row: Cell[] = Array.from({ length: 151 }, (_, i) =>
			i === 0 ? 'ref_situation' : i === 150 ? 'x' : null
		);
		refused(
			makeXlsx([{ name: 'situations', rows: [row] }]),
			'file.sheet_too_large',
			/100 colonnes/
		);
		refused(makeOds([{ name: 'situations', rows: [row] }]), 'file.sheet_too_large', /100 colonnes/);
		// LibreOffice writes a million trailing empty rows as one repeated row: skipped, not read
		const { cells } = referentTable(FIELDS.incidents, [
			...generateRows('incidents', { seed: 1, rows: 2, period: '2026-S1' })
		]);
		const { value, ms } = measured(() =>
			validateBytes('incidents', makeOds([{ name: 'incidents', rows: cells }]))
		);
		expect(value.ok).toBe(true);
		expect(ms).toBeLessThan(500);
	});

	it('a DTD (entity expansion) is refused', () => {
		const bytes = makeXlsx([{ name: 'situations', rows: [['ref_situation']] }], {
			extraParts: {
				'xl/sharedStrings.xml':
					'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><sst><si><t>&lol;</t></si></sst>'
			}
		});
		refused(bytes, 'file.corrupt', /DTD/);
	});

	it('opens by content, never by name', () => {
		const { cells } = referentTable(FIELDS.incidents, [
			...generateRows('incidents', { seed: 1, rows: 2, period: '2026-S1' })
		]);
		expect(sniffSpreadsheet(makeXlsx([{ name: 'x', rows: cells }]))).toBe('xlsx');
		expect(sniffSpreadsheet(makeOds([{ name: 'x', rows: cells }]))).toBe('ods');
		expect(sniffSpreadsheet(enc('a;b\n1;2\n'))).toBeNull();
		expect(openSpreadsheet(makeOds([{ name: 'x', rows: cells }]), 'incidents').sheet).toBe('x');
	});
});

describe('rows made only of formulas without values', () => {
	it('are reported, never skipped as blank', () => {
		const cells: Cell[][] = [
			['date_incident', 'sens', 'motif', 'suite', 'description'],
			['2026-03', 'groupe_vers_institution', 'autre', 'resolu', null],
			[{ formula: 'A2' }, { formula: 'B2' }, { formula: 'C2' }, { formula: 'D2' }, null]
		];
		for (const make of [makeXlsx, makeOds]) {
			const r = validateBytes('incidents', make([{ name: 'incidents', rows: cells }]));
			expect(r.ok).toBe(false);
			expect(r.rows).toBe(2);
			expect(r.errors.map((e) => e.cell)).toEqual(['A3', 'B3', 'C3', 'D3']);
		}
	});
});
