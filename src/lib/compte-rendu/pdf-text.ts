// PDF → paragraphs with pdf.js's text layer: the lines of each page (items joined until an end of
// line or a jump of the baseline), then lines grouped into paragraphs where the gap between two
// baselines is not much more than a line's height. pdf.js is passed in, so the browser's build
// (with its worker) and Node's (tests) run the same code.
import type { CrBlock } from '$contracts/compte-rendu/check';
import { DocumentError } from './errors';

interface TextItemLike {
	str?: string;
	transform?: number[];
	height?: number;
	hasEOL?: boolean;
}
interface PdfPageLike {
	getTextContent(): Promise<{ items: TextItemLike[] }>;
	cleanup?(): void;
}
interface PdfDocLike {
	numPages: number;
	getPage(n: number): Promise<PdfPageLike>;
	destroy(): Promise<void>;
}
export interface PdfjsLike {
	getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocLike> };
}

interface Line {
	text: string;
	y: number;
	height: number;
}

function pageLines(items: TextItemLike[]): Line[] {
	const lines: Line[] = [];
	let cur: Line | null = null;
	for (const it of items) {
		if (typeof it.str !== 'string') continue;
		const y = it.transform?.[5] ?? 0;
		const h = Math.abs(it.height ?? 0) || Math.abs(it.transform?.[3] ?? 0);
		if (cur && it.str && Math.abs(y - cur.y) > Math.max(2, (cur.height || h) * 0.5)) {
			lines.push(cur);
			cur = null;
		}
		if (!cur) cur = { text: '', y, height: h };
		cur.text += it.str;
		cur.height = Math.max(cur.height, h);
		if (it.hasEOL) {
			lines.push(cur);
			cur = null;
		}
	}
	if (cur) lines.push(cur);
	return lines.filter((l) => l.text.trim() !== '');
}

export async function pdfBlocks(pdfjs: PdfjsLike, bytes: Uint8Array): Promise<CrBlock[]> {
	let doc: PdfDocLike;
	try {
		doc = await pdfjs.getDocument({
			data: bytes,
			isEvalSupported: false,
			useSystemFonts: false,
			disableFontFace: true,
			stopAtErrors: false,
			verbosity: 0
		}).promise;
	} catch (e) {
		const name = (e as { name?: string }).name;
		throw new DocumentError(
			name === 'PasswordException'
				? 'Ce PDF est protégé par un mot de passe : enregistrez-le sans protection, ou déposez le document Word ou OpenDocument.'
				: 'Ce PDF est illisible : déposez plutôt le document Word (.docx) ou OpenDocument (.odt), ou collez son texte.'
		);
	}
	const blocks: CrBlock[] = [];
	try {
		for (let p = 1; p <= doc.numPages; p++) {
			const page = await doc.getPage(p);
			const lines = pageLines((await page.getTextContent()).items);
			page.cleanup?.();
			let para: Line[] = [];
			let first = 1;
			const flush = (last: number) => {
				if (!para.length) return;
				const where =
					first === last ? `page ${p}, ligne ${first}` : `page ${p}, lignes ${first} à ${last}`;
				blocks.push({ text: para.map((l) => l.text.trim()).join('\n'), where });
				para = [];
			};
			lines.forEach((l, i) => {
				const prev = para[para.length - 1];
				if (prev && Math.abs(prev.y - l.y) > Math.max(prev.height, l.height) * 1.6) {
					flush(i);
					first = i + 1;
				}
				para.push(l);
			});
			flush(lines.length);
		}
	} finally {
		await doc.destroy();
	}
	return blocks;
}
