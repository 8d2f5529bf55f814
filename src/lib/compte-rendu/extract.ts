// Which reader a dropped document needs, chosen by its first bytes (and its name for a zip), each
// reader a separate chunk loaded only when a file of its type arrives: the zip reader for DOCX and ODT,
// pdf.js for PDF. Nothing leaves the browser.
import type { CrBlock } from '$contracts/compte-rendu/check';
import { DocumentError } from './errors';

export type DocFormat = 'docx' | 'odt' | 'pdf' | 'texte';

export const FORMAT_LABELS: Record<DocFormat, string> = {
	docx: 'document Word',
	odt: 'document OpenDocument',
	pdf: 'PDF',
	texte: 'texte'
};

/** The largest document read (a compte rendu is a few pages; images make files grow). */
export const MAX_DOCUMENT_BYTES = 30 * 1024 * 1024;

const starts = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

export function sniffFormat(name: string, bytes: Uint8Array): DocFormat | 'doc' | 'rtf' {
	if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) return /\.o[dt]t$/i.test(name) ? 'odt' : 'docx';
	if (starts(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
	if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'doc';
	if (starts(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf';
	return 'texte';
}

export async function extractBlocks(
	name: string,
	bytes: Uint8Array
): Promise<{ format: DocFormat; blocks: CrBlock[] }> {
	if (bytes.length > MAX_DOCUMENT_BYTES)
		throw new DocumentError(
			'Ce document dépasse 30 Mo : enregistrez-le sans ses images, ou collez son texte.'
		);
	const format = sniffFormat(name, bytes);
	switch (format) {
		case 'doc':
			throw new DocumentError(
				'Ce document Word est à l’ancien format (.doc) : enregistrez-le au format .docx ou .odt, puis déposez-le.'
			);
		case 'rtf':
			throw new DocumentError(
				'Ce document est au format RTF : enregistrez-le au format .docx ou .odt, puis déposez-le.'
			);
		case 'docx': {
			const { docxBlocks } = await import('./docx');
			try {
				return { format, blocks: docxBlocks(bytes) };
			} catch (e) {
				// an ODT saved under another name
				if (!(e instanceof DocumentError)) throw e;
				const { odtBlocks } = await import('./odt');
				try {
					return { format: 'odt', blocks: odtBlocks(bytes) };
				} catch {
					throw e;
				}
			}
		}
		case 'odt': {
			const { odtBlocks } = await import('./odt');
			return { format, blocks: odtBlocks(bytes) };
		}
		case 'pdf': {
			const { pdfFileBlocks } = await import('./pdf');
			return { format, blocks: await pdfFileBlocks(bytes) };
		}
		default: {
			const { textFileBlocks } = await import('./text');
			return { format, blocks: textFileBlocks(bytes) };
		}
	}
}
