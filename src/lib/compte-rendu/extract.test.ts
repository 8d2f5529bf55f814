import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { checkCompteRendu } from '$contracts/compte-rendu/check';
import { docxTemplate, odtTemplate, templateContent } from '$contracts/compte-rendu/template';
import { docxBlocks } from './docx';
import { odtBlocks } from './odt';
import { pdfBlocks, type PdfjsLike } from './pdf-text';
import { textBlocks, textFileBlocks } from './text';
import { extractBlocks, sniffFormat } from './extract';
import { DocumentError } from './errors';
import { makeDocx, makeOdt, makePdf } from './fixtures.test-data';
import { xmlParagraphs, decodeEntities } from './xml-blocks';

const DIRTY = 'Kevin Durand : sa mère est hospitalisée depuis mars.';
const CLEAN = 'SIT-0042 : soutien à la parentalité, piloté par le Conseil départemental.';

async function legacyPdfjs(): Promise<PdfjsLike> {
	const require = createRequire(import.meta.url);
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(
		require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')
	).href;
	return pdfjs as unknown as PdfjsLike;
}

describe('XML paragraphs', () => {
	it('decodes entities and character references', () => {
		expect(decodeEntities('a &amp; b &lt;c&gt; &#233;t&#xE9; &quot;x&apos;')).toBe(
			'a & b <c> été "x\''
		);
	});
	it('nests paragraphs (a text box inside a paragraph) and skips what it is told', () => {
		const xml =
			'<r><p>avant <p>dedans</p> après<cite>1</cite></p><p/><!-- <p>commentaire</p> --></r>';
		const out = xmlParagraphs(xml, {
			paragraph: new Set(['p']),
			skip: new Set(['cite']),
			chars: () => null
		});
		expect(out).toEqual(['dedans', 'avant  après', '']);
	});
});

describe('DOCX text', () => {
	it('joins the runs of each paragraph, with tabs and breaks, never the tab stops of a style', () => {
		const rawBody =
			'<w:p><w:r><w:t>Réf.</w:t></w:r><w:r><w:tab/><w:t>SIT-0042</w:t><w:br/><w:t xml:space="preserve">suite </w:t></w:r></w:p>' +
			'<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cellule A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>cellule &amp; B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
			'<w:p><w:del><w:r><w:delText>Kevin Durand</w:delText></w:r></w:del><w:ins><w:r><w:t>SIT-0043</w:t></w:r></w:ins></w:p>';
		const blocks = docxBlocks(
			makeDocx([DIRTY, '', CLEAN], {
				rawBody,
				footnotes: ['Note : son frère est exclu.'],
				header: ['Cellule de veille éducative']
			})
		);
		expect(blocks).toEqual([
			{ text: DIRTY, where: 'paragraphe 1' },
			{ text: CLEAN, where: 'paragraphe 2' },
			{ text: 'Réf.\tSIT-0042\nsuite', where: 'paragraphe 3' },
			{ text: 'cellule A', where: 'paragraphe 4' },
			{ text: 'cellule & B', where: 'paragraphe 5' },
			// a tracked deletion is still in the file
			{ text: 'Kevin DurandSIT-0043', where: 'paragraphe 6' },
			{ text: 'Note : son frère est exclu.', where: 'note de bas de page 1' },
			{ text: 'Cellule de veille éducative', where: 'en-tête 1' }
		]);
	});

	it('refuses a zip that is not a Word document, in French', () => {
		expect(() => docxBlocks(makeOdt(['x']))).toThrow(DocumentError);
		expect(() => docxBlocks(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).toThrow(/illisible/);
	});
});

/** The zip with every central directory entry claiming `size` bytes once inflated. */
function claimSize(zip: Uint8Array, size: number): Uint8Array {
	const out = new Uint8Array(zip);
	const view = new DataView(out.buffer);
	for (let p = 0; p + 4 <= out.length; p++)
		if (view.getUint32(p, true) === 0x02014b50) view.setUint32(p + 24, size, true);
	return out;
}

describe('zip bombs', () => {
	it('refuses a part announcing more than 100 MB before inflating it, in French', () => {
		const big = 200 * 1024 * 1024;
		expect(() => docxBlocks(claimSize(makeDocx(['x']), big))).toThrow(/plus de 100 Mo/);
		expect(() => odtBlocks(claimSize(makeOdt(['x']), big))).toThrow(/plus de 100 Mo/);
		// the same archives as they are: read
		expect(docxBlocks(makeDocx(['x']))[0].text).toBe('x');
	});

	it('stops a part that announces a small size but inflates without end, in French', () => {
		// 40 MB of one letter compress about a thousandfold: far beyond any document's ratio
		const rawBody = `<w:p><w:r><w:t>${'a'.repeat(40 * 1024 * 1024)}</w:t></w:r></w:p>`;
		const bomb = makeDocx([], { rawBody });
		expect(bomb.length).toBeLessThan(1024 * 1024);
		expect(() => docxBlocks(claimSize(bomb, 1000))).toThrow(/plus de 100 Mo/);
		expect(() => docxBlocks(claimSize(bomb, 1000))).toThrow(DocumentError);
	});
});

describe('ODT text', () => {
	it('reads paragraphs, headings, spans, spaces, tables, lists, notes and headers', () => {
		const rawBody =
			'<text:h text:outline-level="1">Séance du <text:span>12 mars</text:span></text:h>' +
			'<text:list><text:list-item><text:p>SIT-0042<text:tab/>médiation<text:line-break/>suite</text:p></text:list-item></text:list>' +
			'<table:table><table:table-row><table:table-cell><text:p>A<text:s text:c="3"/>B</text:p></table:table-cell></table:table-row></table:table>' +
			'<text:p>Texte<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>sa sœur est placée</text:p></text:note-body></text:note> fin</text:p>' +
			'<text:p><office:annotation><dc:creator>Coordinatrice</dc:creator><text:p>à revoir</text:p></office:annotation>Commenté</text:p>';
		const blocks = odtBlocks(makeOdt([DIRTY, CLEAN], { rawBody, header: ['CVE — compte rendu'] }));
		expect(blocks.map((b) => b.text)).toEqual([
			DIRTY,
			CLEAN,
			'Séance du 12 mars',
			'SIT-0042\tmédiation\nsuite',
			'A   B',
			'sa sœur est placée',
			'Texte fin',
			'à revoir',
			'Commenté',
			'CVE — compte rendu'
		]);
		expect(blocks[0].where).toBe('paragraphe 1');
		expect(blocks.at(-1)?.where).toBe('en-tête ou pied de page 1');
	});

	it('refuses another OpenDocument (a spreadsheet), in French', () => {
		expect(() =>
			odtBlocks(makeOdt(['x'], { mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }))
		).toThrow(/texte OpenDocument/);
	});
});

describe('PDF text', () => {
	it('reads lines and groups them into paragraphs, page by page, accents and ’ included', async () => {
		const pdf = makePdf([
			['Compte rendu de la séance', 'Kevin Durand : sa mère\nest hospitalisée depuis mars.'],
			['SIT-0042 : l’Éducation nationale pilote ; œuvre commune']
		]);
		const blocks = await pdfBlocks(await legacyPdfjs(), pdf);
		expect(blocks).toEqual([
			{ text: 'Compte rendu de la séance', where: 'page 1, ligne 1' },
			{
				text: 'Kevin Durand : sa mère\nest hospitalisée depuis mars.',
				where: 'page 1, lignes 2 à 3'
			},
			{ text: 'SIT-0042 : l’Éducation nationale pilote ; œuvre commune', where: 'page 2, ligne 1' }
		]);
		const r = checkCompteRendu(blocks);
		expect(r.findings.map((f) => [f.block, f.code])).toEqual([
			[1, 'pii.name'],
			[1, 'cr.famille'],
			[1, 'cr.sante']
		]);
	});

	it('refuses a broken PDF in French', async () => {
		const broken = new TextEncoder().encode('%PDF-1.4\nrien de plus');
		await expect(pdfBlocks(await legacyPdfjs(), broken)).rejects.toThrow(/PDF est illisible/);
	});
});

describe('plain text and paste', () => {
	it('numbers lines as the CSV report does, any line break', () => {
		expect(textBlocks('a\r\nb\rc\nd')).toEqual([
			{ text: 'a', where: 'ligne 1' },
			{ text: 'b', where: 'ligne 2' },
			{ text: 'c', where: 'ligne 3' },
			{ text: 'd', where: 'ligne 4' }
		]);
	});
	it('decodes UTF-8 with BOM and Windows-1252 files', () => {
		const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('sa mère\n')]);
		expect(textFileBlocks(utf8)[0].text).toBe('sa mère');
		const cp1252 = new Uint8Array([0x6c, 0x92, 0x61, 0x20, 0x6d, 0xe8, 0x72, 0x65]); // l’a mère
		expect(textFileBlocks(cp1252)[0].text).toBe('l’a mère');
	});
});

describe('format sniffing', () => {
	it('chooses the reader by the first bytes, and refuses .doc and RTF in French', async () => {
		expect(sniffFormat('cr.docx', makeDocx(['x']))).toBe('docx');
		expect(sniffFormat('cr.odt', makeOdt(['x']))).toBe('odt');
		expect(sniffFormat('cr.pdf', makePdf([['x']]))).toBe('pdf');
		expect(sniffFormat('cr.txt', new TextEncoder().encode('x'))).toBe('texte');
		await expect(
			extractBlocks('ancien.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))
		).rejects.toThrow(/ancien format \(\.doc\)/);
		await expect(extractBlocks('cr.rtf', new TextEncoder().encode('{\\rtf1 x}'))).rejects.toThrow(
			/RTF/
		);
	});
	it('reads an ODT named .docx as an ODT', async () => {
		const r = await extractBlocks('renomme.docx', makeOdt([CLEAN]));
		expect(r.format).toBe('odt');
		expect(r.blocks[0].text).toBe(CLEAN);
	});
});

describe('compte rendu templates', () => {
	it('say only the references, solutions and pilot institutions, and pass the check', () => {
		const c = templateContent();
		for (const blocks of [docxBlocks(docxTemplate()), odtBlocks(odtTemplate())]) {
			const texts = blocks.map((b) => b.text);
			for (const h of c.header) expect(texts).toContain(h);
			expect(texts).toContain('SIT-0042');
			expect(texts).toContain('Conseil départemental');
			expect(texts.some((t) => t.includes('Protection judiciaire de la jeunesse (pjj)'))).toBe(
				true
			);
			expect(checkCompteRendu(blocks)).toMatchObject({ ok: true, total: 0 });
		}
	});
});
