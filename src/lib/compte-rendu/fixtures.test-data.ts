// Documents built by code for the tests of the compte rendu check: DOCX and ODT written as Word
// and LibreOffice write them (runs split mid-word, tabs, breaks, tables, notes, headers, tracked
// deletions), and PDF with Helvetica in WinAnsiEncoding (accents, curly apostrophes), one text
// object per line as word processors print them.
import { strToU8, zipSync } from 'fflate';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A Word paragraph whose text is split into runs every few characters, as Word does. */
export function wParagraph(text: string, split = 7): string {
	const runs: string[] = [];
	for (let i = 0; i < text.length; i += split)
		runs.push(
			`<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">${esc(text.slice(i, i + split))}</w:t></w:r>`
		);
	return `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${runs.join('')}</w:p>`;
}

export function makeDocx(
	body: string[],
	extra: { footnotes?: string[]; header?: string[]; rawBody?: string } = {}
): Uint8Array {
	const files: Record<string, Uint8Array> = {
		'[Content_Types].xml': strToU8(
			'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
		),
		'word/document.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body.map((p) => wParagraph(p)).join('')}${extra.rawBody ?? ''}<w:sectPr/></w:body></w:document>`
		)
	};
	if (extra.footnotes)
		files['word/footnotes.xml'] = strToU8(
			`<?xml version="1.0"?><w:footnotes xmlns:w="${W}">${extra.footnotes.map((f, i) => `<w:footnote w:id="${i + 1}">${wParagraph(f)}</w:footnote>`).join('')}</w:footnotes>`
		);
	if (extra.header)
		files['word/header1.xml'] = strToU8(
			`<?xml version="1.0"?><w:hdr xmlns:w="${W}">${extra.header.map((h) => wParagraph(h)).join('')}</w:hdr>`
		);
	return zipSync(files);
}

const ODT_NS =
	'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"';

/** An ODT paragraph with its words in spans and its double spaces as `text:s`, as LibreOffice writes it. */
export function odtParagraph(text: string): string {
	const words = esc(text).split(' ');
	return `<text:p text:style-name="P1">${words
		.map((w, i) => (i % 3 === 1 ? `<text:span text:style-name="T1">${w}</text:span>` : w))
		.join(' ')
		.replace(/ {2}/g, ' <text:s/>')}</text:p>`;
}

export function makeOdt(
	body: string[],
	extra: { rawBody?: string; header?: string[]; mimetype?: string } = {}
): Uint8Array {
	const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
		mimetype: [strToU8(extra.mimetype ?? 'application/vnd.oasis.opendocument.text'), { level: 0 }],
		'content.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODT_NS}><office:body><office:text>${body.map(odtParagraph).join('')}${extra.rawBody ?? ''}</office:text></office:body></office:document-content>`
		)
	};
	if (extra.header)
		files['styles.xml'] = strToU8(
			`<?xml version="1.0"?><office:document-styles ${ODT_NS} xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:master-styles><style:master-page style:name="Standard"><style:header>${extra.header.map(odtParagraph).join('')}</style:header></style:master-page></office:master-styles></office:document-styles>`
		);
	return zipSync(files);
}

/** WinAnsiEncoding bytes of the characters a French text uses beyond Latin-1. */
const WIN_ANSI: Record<string, number> = {
	'’': 0x92,
	'‘': 0x91,
	œ: 0x9c,
	Œ: 0x8c,
	'€': 0x80,
	'…': 0x85,
	'–': 0x96,
	'—': 0x97,
	'“': 0x93,
	'”': 0x94
};

function pdfString(s: string): string {
	let out = '';
	for (const ch of s) {
		const code = WIN_ANSI[ch] ?? ch.charCodeAt(0);
		if (code > 255) throw new Error(`caractère absent de WinAnsi : ${ch}`);
		if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
		else if (code < 32 || code > 126) out += `\\${code.toString(8).padStart(3, '0')}`;
		else out += ch;
	}
	return `(${out})`;
}

/** A PDF: pages of paragraphs, each paragraph's lines (split on '\n') 14 pt apart, paragraphs 32 pt. */
export function makePdf(pages: string[][]): Uint8Array {
	const objects: string[] = [];
	const pageIds: number[] = [];
	// 1 catalog, 2 pages, 3 font, then page + content per page
	const fontId = 3;
	let next = 4;
	const pageObjs: [number, string][] = [];
	for (const paragraphs of pages) {
		const pageId = next++;
		const contentId = next++;
		pageIds.push(pageId);
		let y = 800;
		const ops: string[] = [];
		for (const p of paragraphs) {
			for (const line of p.split('\n')) {
				// two text objects per line, as a word processor splits runs
				const cut = Math.floor(line.length / 2);
				ops.push(
					`BT /F1 11 Tf 1 0 0 1 56 ${y} Tm ${pdfString(line.slice(0, cut))} Tj ${pdfString(line.slice(cut))} Tj ET`
				);
				y -= 14;
			}
			y -= 18;
		}
		const stream = ops.join('\n');
		pageObjs.push([
			pageId,
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${contentId} 0 R >>`
		]);
		pageObjs.push([contentId, `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`]);
	}
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((i) => `${i} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
	objects[fontId] =
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	for (const [id, body] of pageObjs) objects[id] = body;
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = pdf.length;
		pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
	}
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < objects.length; id++)
		pdf += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	// every character is ASCII (escapes for the rest): one byte each
	return strToU8(pdf);
}
