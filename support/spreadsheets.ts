// Workbooks made by code for tests and benchmarks: a fast minimal XLSX writer and an ODS writer
// (fflate's zip, strings of XML), shaped like what Excel and LibreOffice save — shared strings,
// date styles, formulas with or without cached values, repeated cells and rows — plus the hostile
// variants (zip bombs, huge shared strings, hundreds of sheets, external links, macros).
import ExcelJS from 'exceljs';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { FRENCH_MONTHS } from '../data-contracts/normalize';
import { columnLetter } from '../data-contracts/text-utils';

export type Cell =
	| string
	| number
	| boolean
	| null
	| { month: string } // a date shown as a month (« mars 2026 »), AAAA-MM
	| { day: string } // a date shown to the day, AAAA-MM-JJ
	| { formula: string; cached?: string | number }
	| { rich: string[] }
	| { error: string };

const esc = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Excel's serial day number of an ISO date (1900 system). */
const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86400000 + 25569;

/** Rows of a CSV text (`;`, no quotes) as cells, integers as numbers. */
export function csvToCells(
	csv: string,
	numeric: (header: string) => boolean = () => false
): Cell[][] {
	const lines = csv
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split(/\r?\n/);
	const header = lines[0].split(';');
	return lines.map((l, i) =>
		l
			.split(';')
			.map((v, j) =>
				i > 0 && v !== '' && numeric(header[j]) && /^-?\d+$/.test(v)
					? Number(v)
					: v === ''
						? null
						: v
			)
	);
}

export interface SheetSpec {
	name: string;
	rows: Cell[][];
	/** first row number (default 1) */
	firstRow?: number;
}

export interface XlsxOptions {
	/** inline strings instead of shared strings */
	inline?: boolean;
	extraParts?: Record<string, string | Uint8Array>;
	contentTypesExtra?: string;
	workbookExtra?: string;
	level?: 0 | 1 | 6;
}

/** A minimal valid XLSX (what Excel needs to open it). */
export function makeXlsx(sheets: SheetSpec[], opts: XlsxOptions = {}): Uint8Array {
	const strings: string[] = [];
	const index = new Map<string, number>();
	const sst = (s: string) => {
		let i = index.get(s);
		if (i === undefined) {
			i = strings.length;
			strings.push(s);
			index.set(s, i);
		}
		return i;
	};
	const sheetXml = (spec: SheetSpec) => {
		const out: string[] = [
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
		];
		const first = spec.firstRow ?? 1;
		spec.rows.forEach((row, ri) => {
			const r = first + ri;
			let xml = `<row r="${r}">`;
			row.forEach((v, ci) => {
				const ref = `${columnLetter(ci)}${r}`;
				if (v === null || v === '') return;
				if (typeof v === 'string') {
					xml += opts.inline
						? `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`
						: `<c r="${ref}" t="s"><v>${sst(v)}</v></c>`;
				} else if (typeof v === 'number') xml += `<c r="${ref}"><v>${v}</v></c>`;
				else if (typeof v === 'boolean') xml += `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
				else if ('month' in v) xml += `<c r="${ref}" s="1"><v>${serial(`${v.month}-01`)}</v></c>`;
				else if ('day' in v) xml += `<c r="${ref}" s="2"><v>${serial(v.day)}</v></c>`;
				else if ('rich' in v)
					xml += `<c r="${ref}" t="inlineStr"><is>${v.rich.map((t, k) => `<r>${k ? '<rPr><b/></rPr>' : ''}<t xml:space="preserve">${esc(t)}</t></r>`).join('')}</is></c>`;
				else if ('error' in v) xml += `<c r="${ref}" t="e"><f>1/0</f><v>${esc(v.error)}</v></c>`;
				else if ('formula' in v) {
					const c = v.cached;
					xml +=
						c === undefined
							? `<c r="${ref}"><f>${esc(v.formula)}</f></c>`
							: typeof c === 'number'
								? `<c r="${ref}"><f>${esc(v.formula)}</f><v>${c}</v></c>`
								: `<c r="${ref}" t="str"><f>${esc(v.formula)}</f><v>${esc(c)}</v></c>`;
				}
			});
			out.push(xml + '</row>');
		});
		out.push('</sheetData></worksheet>');
		return out.join('');
	};
	const files: Zippable = {};
	sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s))));
	files['[Content_Types].xml'] = strToU8(
		`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}${opts.contentTypesExtra ?? ''}</Types>`
	);
	files['_rels/.rels'] = strToU8(
		'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
	);
	files['xl/workbook.xml'] = strToU8(
		`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>${opts.workbookExtra ?? ''}</workbook>`
	);
	files['xl/_rels/workbook.xml.rels'] = strToU8(
		`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	);
	files['xl/styles.xml'] = strToU8(
		'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="mmmm\\ yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
	);
	files['xl/sharedStrings.xml'] = strToU8(
		`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`
	);
	for (const [k, v] of Object.entries(opts.extraParts ?? {}))
		files[k] = typeof v === 'string' ? strToU8(v) : v;
	return zipSync(files, { level: opts.level ?? 6 });
}

export interface OdsOptions {
	extraParts?: Record<string, string | Uint8Array>;
	manifestExtra?: string;
	bodyExtra?: string;
}

/** A minimal valid ODS as LibreOffice writes it (mimetype first, stored; displayed text in text:p). */
export function makeOds(sheets: SheetSpec[], opts: OdsOptions = {}): Uint8Array {
	const cell = (v: Cell): string => {
		if (v === null || v === '') return '<table:table-cell/>';
		if (typeof v === 'string')
			return `<table:table-cell office:value-type="string" calcext:value-type="string">${v
				.split('\n')
				.map((p) => `<text:p>${esc(p).replace(/ {2}/g, ' <text:s/>')}</text:p>`)
				.join('')}</table:table-cell>`;
		if (typeof v === 'number')
			return `<table:table-cell office:value-type="float" office:value="${v}" calcext:value-type="float"><text:p>${String(v).replace('.', ',')}</text:p></table:table-cell>`;
		if (typeof v === 'boolean')
			return `<table:table-cell table:style-name="ceB" office:value-type="boolean" office:boolean-value="${v}"><text:p>${v ? 'VRAI' : 'FAUX'}</text:p></table:table-cell>`;
		if ('month' in v) {
			const [y, m] = v.month.split('-');
			return `<table:table-cell table:style-name="ceM" office:value-type="date" office:date-value="${v.month}-01" calcext:value-type="date"><text:p>${FRENCH_MONTHS[Number(m) - 1]} ${y}</text:p></table:table-cell>`;
		}
		if ('day' in v) {
			const [y, m, d] = v.day.split('-');
			return `<table:table-cell table:style-name="ceD" office:value-type="date" office:date-value="${v.day}" calcext:value-type="date"><text:p>${d}/${m}/${y}</text:p></table:table-cell>`;
		}
		if ('rich' in v)
			return `<table:table-cell office:value-type="string"><text:p>${v.rich.map((t, k) => (k ? `<text:span text:style-name="T1">${esc(t)}</text:span>` : esc(t))).join('')}</text:p></table:table-cell>`;
		if ('error' in v)
			return `<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>`;
		const c = v.cached;
		return c === undefined
			? `<table:table-cell table:formula="of:${esc(v.formula)}"/>`
			: typeof c === 'number'
				? `<table:table-cell table:formula="of:${esc(v.formula)}" office:value-type="float" office:value="${c}"><text:p>${c}</text:p></table:table-cell>`
				: `<table:table-cell table:formula="of:${esc(v.formula)}" office:value-type="string" office:string-value="${esc(c)}"><text:p>${esc(c)}</text:p></table:table-cell>`;
	};
	const table = (s: SheetSpec) => {
		const width = Math.max(1, ...s.rows.map((r) => r.length));
		const lead = (s.firstRow ?? 1) - 1;
		return `<table:table table:name="${esc(s.name)}" table:style-name="ta1"><table:table-column table:number-columns-repeated="${width}" table:default-cell-style-name="Default"/>${lead ? `<table:table-row table:number-rows-repeated="${lead}"><table:table-cell table:number-columns-repeated="${width}"/></table:table-row>` : ''}${s.rows
			.map(
				(r) =>
					`<table:table-row>${r.map(cell).join('')}<table:table-cell table:number-columns-repeated="1010"/></table:table-row>`
			)
			.join(
				''
			)}<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`;
	};
	const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:automatic-styles><number:date-style style:name="N37" number:automatic-order="true"><number:month number:style="long" number:textual="true"/><number:text> </number:text><number:year number:style="long"/></number:date-style><number:date-style style:name="N38"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style><number:boolean-style style:name="N99"><number:boolean/></number:boolean-style><style:style style:name="ceM" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N37"/><style:style style:name="ceD" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N38"/><style:style style:name="ceB" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N99"/></office:automatic-styles><office:body><office:spreadsheet>${sheets.map(table).join('')}${opts.bodyExtra ?? ''}</office:spreadsheet></office:body></office:document-content>`;
	const files: Zippable = {
		mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
		'content.xml': strToU8(content),
		'styles.xml': strToU8(
			'<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:styles><style:style style:name="Default" style:family="table-cell"/></office:styles></office:document-styles>'
		),
		'META-INF/manifest.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>${opts.manifestExtra ?? ''}</manifest:manifest>`
		)
	};
	for (const [k, v] of Object.entries(opts.extraParts ?? {}))
		files[k] = typeof v === 'string' ? strToU8(v) : v;
	return zipSync(files, { level: 6 });
}

/** A zip bomb shaped as an XLSX: its sheet inflates to `mib` MiB of spaces (ratio about 1000). */
export function xlsxBomb(mib = 64): Uint8Array {
	const spaces = new Uint8Array(mib * 1024 * 1024).fill(0x20);
	return zipSync({
		'[Content_Types].xml': strToU8('<Types/>'),
		'xl/workbook.xml': strToU8(
			'<workbook xmlns:r="r"><sheets><sheet name="situations" sheetId="1" r:id="rId1"/></sheets></workbook>'
		),
		'xl/_rels/workbook.xml.rels': strToU8(
			'<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
		),
		'xl/worksheets/sheet1.xml': [spaces, { level: 9 }]
	});
}

/** An XLSX whose shared strings part holds `count` distinct short strings. */
export function xlsxHugeSharedStrings(count: number): Uint8Array {
	const parts: string[] = [];
	for (let i = 0; i < count; i++) parts.push(`<si><t>t${i.toString(36)}</t></si>`);
	const sst = `<sst count="${count}">${parts.join('')}</sst>`;
	const base = makeXlsx([{ name: 'situations', rows: [['ref_situation']] }], {
		extraParts: { 'xl/sharedStrings.xml': sst }
	});
	return base;
}

/** An ODS zip bomb: content.xml inflates to `mib` MiB (an endless run of empty rows). */
export function odsBomb(mib = 64): Uint8Array {
	const row = '<table:table-row><table:table-cell/></table:table-row>';
	const body = row.repeat(Math.ceil((mib * 1024 * 1024) / row.length));
	return zipSync({
		mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
		'content.xml': [
			strToU8(
				`<office:document-content><office:body><office:spreadsheet><table:table table:name="situations">${body}</table:table></office:spreadsheet></office:body></office:document-content>`
			),
			{ level: 9 }
		]
	});
}

/**
 * Generated rows written as a referent would in a spreadsheet — labels for codes, months typed
 * as dates shown « mars 2026 », numbers as numbers, oui/non as booleans — and the same table as
 * the CSV a referent would write by hand (labels, « mars 2026 »).
 */
export function referentTable(
	fields: readonly { name: string; type: string; labels?: Record<string, string> }[],
	rows: Iterable<Record<string, string>>
): { cells: Cell[][]; csv: string } {
	const names = fields.map((f) => f.name);
	const cells: Cell[][] = [names];
	const lines = [names.join(';')];
	for (const row of rows) {
		const c: Cell[] = [];
		const t: string[] = [];
		for (const f of fields) {
			const v = row[f.name] ?? '';
			if (v === '') {
				c.push(null);
				t.push('');
			} else if (f.type === 'month') {
				c.push({ month: v });
				t.push(`${FRENCH_MONTHS[Number(v.slice(5, 7)) - 1]} ${v.slice(0, 4)}`);
			} else if (f.type === 'date') {
				c.push({ day: v });
				t.push(v);
			} else if (f.type === 'integer') {
				c.push(Number(v));
				t.push(v);
			} else if (f.type === 'boolean') {
				c.push(v === 'oui');
				t.push(v);
			} else if (f.labels && (f.type === 'code' || f.type === 'codes')) {
				const label = v
					.split('|')
					.map((x) => f.labels![x] ?? x)
					.join('|');
				c.push(label);
				t.push(label);
			} else {
				c.push(v);
				t.push(v);
			}
		}
		cells.push(c);
		lines.push(t.map((x) => (/[";\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x)).join(';'));
	}
	return { cells, csv: lines.join('\r\n') + '\r\n' };
}

/** The cells as Excel saves them, written by exceljs (shared strings, styles, date formats). */
export async function excelWorkbook(
	sheets: { name: string; rows: Cell[][] }[]
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	for (const s of sheets) {
		const ws = wb.addWorksheet(s.name);
		s.rows.forEach((row, r) =>
			row.forEach((v, c) => {
				if (v === null) return;
				const cell = ws.getCell(r + 1, c + 1);
				if (typeof v === 'object' && 'month' in v) {
					cell.value = new Date(`${v.month}-01T00:00:00Z`);
					cell.numFmt = 'mmmm yyyy';
				} else if (typeof v === 'object' && 'day' in v) {
					cell.value = new Date(`${v.day}T00:00:00Z`);
					cell.numFmt = 'dd/mm/yyyy';
				} else if (typeof v === 'object' && 'formula' in v)
					cell.value = { formula: v.formula, result: v.cached } as ExcelJS.CellFormulaValue;
				else if (typeof v === 'object' && 'rich' in v)
					cell.value = { richText: v.rich.map((text, k) => ({ text, font: { bold: k > 0 } })) };
				else if (typeof v === 'object' && 'error' in v)
					cell.value = { error: v.error } as unknown as ExcelJS.CellErrorValue;
				else cell.value = v as string | number | boolean;
			})
		);
	}
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
