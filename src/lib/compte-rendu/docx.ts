// DOCX (Word, LibreOffice « Word 2007-365 ») → paragraphs: the zip read with limits, the text of
// `word/document.xml` then of the notes, comments, headers and footers (they travel with the
// file too), tracked deletions included (still in the file until the changes are accepted).
// Loaded only when a DOCX is dropped.
import type { CrBlock } from '$contracts/compte-rendu/check';
import { DocumentError } from './errors';
import { zipTextParts } from './zip-parts';
import { xmlParagraphs, type XmlTextRules } from './xml-blocks';

const RULES: XmlTextRules = {
	paragraph: new Set(['w:p']),
	text: new Set(['w:t', 'w:delText']),
	run: new Set(['w:r']),
	chars: (name) =>
		name === 'w:tab' || name === 'w:ptab'
			? '\t'
			: name === 'w:br' || name === 'w:cr'
				? '\n'
				: name === 'w:noBreakHyphen'
					? '-'
					: null
};

/** Parts of a DOCX holding text, in reading order, with how to name where a paragraph is. */
const PARTS: [RegExp, string][] = [
	[/^word\/document\.xml$/, 'paragraphe'],
	[/^word\/footnotes\.xml$/, 'note de bas de page'],
	[/^word\/endnotes\.xml$/, 'note de fin'],
	[/^word\/comments\.xml$/, 'commentaire'],
	[/^word\/header\d*\.xml$/, 'en-tête'],
	[/^word\/footer\d*\.xml$/, 'pied de page']
];

export function docxBlocks(bytes: Uint8Array): CrBlock[] {
	const files = zipTextParts(
		bytes,
		(name) => PARTS.some(([re]) => re.test(name)),
		'Ce fichier Word est illisible (archive endommagée) : ouvrez-le dans votre traitement de texte et enregistrez-le à nouveau au format .docx.'
	);
	if (files['word/document.xml'] === undefined)
		throw new DocumentError(
			'Ce fichier n’est pas un document Word (.docx) : enregistrez le compte rendu au format .docx ou .odt.'
		);
	const blocks: CrBlock[] = [];
	for (const [re, label] of PARTS) {
		const names = Object.keys(files)
			.filter((n) => re.test(n))
			.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
		let n = 0;
		for (const name of names)
			for (const text of xmlParagraphs(files[name], RULES)) {
				if (!text.trim()) continue;
				n++;
				blocks.push({ text, where: `${label} ${n}` });
			}
	}
	return blocks;
}
