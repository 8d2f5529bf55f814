// Plain text (a .txt file or text pasted into the page) → lines, as the CSV report numbers them.
// Files are decoded as the CSV files are (UTF-8 with or without BOM, UTF-16 with BOM, else
// Windows-1252 by the WHATWG table).
import type { CrBlock } from '$contracts/compte-rendu/check';
import { decodeText } from '$contracts/reader/decode';
import { DocumentError } from './errors';

export function textBlocks(text: string): CrBlock[] {
	return text.split(/\r\n|\r|\n/).map((line, i) => ({ text: line, where: `ligne ${i + 1}` }));
}

export function textFileBlocks(bytes: Uint8Array): CrBlock[] {
	const r = decodeText(bytes);
	if (!r.ok)
		throw new DocumentError(
			'Ce fichier n’est ni un texte, ni un document Word (.docx), OpenDocument (.odt) ou PDF : enregistrez le compte rendu dans l’un de ces formats, ou collez son texte.'
		);
	return textBlocks(r.text);
}
