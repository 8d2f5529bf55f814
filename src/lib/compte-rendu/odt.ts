// ODT (LibreOffice, OpenOffice) → paragraphs: the zip read with limits, the paragraphs and headings
// of `content.xml` (tables, lists, notes and comments included), then those of `styles.xml`
// (headers and footers). Loaded only when an ODT is dropped.
import type { CrBlock } from '$contracts/compte-rendu/check';
import { DocumentError } from './errors';
import { zipTextParts } from './zip-parts';
import { xmlParagraphs, type XmlTextRules } from './xml-blocks';

const RULES: XmlTextRules = {
	paragraph: new Set(['text:p', 'text:h']),
	skip: new Set(['text:note-citation', 'dc:creator', 'dc:date']),
	chars: (name, attrs) => {
		if (name === 'text:s') {
			const c = /text:c="(\d+)"/.exec(attrs);
			return ' '.repeat(Math.min(100, c ? Number(c[1]) : 1));
		}
		if (name === 'text:tab') return '\t';
		if (name === 'text:line-break') return '\n';
		return null;
	}
};

export function odtBlocks(bytes: Uint8Array): CrBlock[] {
	const files = zipTextParts(
		bytes,
		(name) => name === 'content.xml' || name === 'styles.xml' || name === 'mimetype',
		'Ce fichier OpenDocument est illisible (archive endommagée) : ouvrez-le dans votre traitement de texte et enregistrez-le à nouveau au format .odt.'
	);
	const mimetype = files.mimetype?.trim() ?? '';
	if (
		files['content.xml'] === undefined ||
		(mimetype && !mimetype.startsWith('application/vnd.oasis.opendocument.text'))
	)
		throw new DocumentError(
			'Ce fichier n’est pas un texte OpenDocument (.odt) : enregistrez le compte rendu au format .odt ou .docx.'
		);
	const blocks: CrBlock[] = [];
	const add = (part: string, label: string) => {
		if (!files[part]) return;
		let n = 0;
		for (const text of xmlParagraphs(files[part], RULES)) {
			if (!text.trim()) continue;
			n++;
			blocks.push({ text, where: `${label} ${n}` });
		}
	};
	add('content.xml', 'paragraphe');
	add('styles.xml', 'en-tête ou pied de page');
	return blocks;
}
