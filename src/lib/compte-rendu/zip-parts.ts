// The parts of a DOCX or ODT read through the workbooks' zip reader (`$contracts/reader/zip`), so
// one reader with one set of limits serves every zip the app opens: a part announcing more than
// 100 MB is refused before it is inflated, and one that lies about its size is stopped while it
// inflates (total and ratio checked piece by piece). Refusals are worded for a text document.
import { SheetError, ZipReader, type ZipLimits } from '$contracts/reader/zip';
import { DocumentError } from './errors';

export const MAX_PART_BYTES = 100 * 1024 * 1024;

const LIMITS: ZipLimits = { maxTotal: MAX_PART_BYTES, maxRatio: 200, maxEntries: 2000 };

const TOO_BIG =
	'Ce document contient plus de 100 Mo de texte une fois décompressé : ce n’est pas un compte rendu de séance. Collez son texte, ou enregistrez-le à nouveau.';
const ENCRYPTED =
	'Ce document est protégé par un mot de passe : enregistrez-le à nouveau sans mot de passe, ou collez son texte.';

/** The text of the parts whose names `wanted` accepts, by name; `unreadable` says what to do. */
export function zipTextParts(
	bytes: Uint8Array,
	wanted: (name: string) => boolean,
	unreadable: string
): Record<string, string> {
	try {
		const zip = new ZipReader(bytes, LIMITS);
		const parts: Record<string, string> = {};
		for (const e of zip.entries) {
			if (!wanted(e.name)) continue;
			if (e.size > MAX_PART_BYTES) throw new DocumentError(TOO_BIG);
			parts[e.name] = zip.text(e.name, MAX_PART_BYTES);
		}
		return parts;
	} catch (e) {
		if (e instanceof DocumentError) throw e;
		if (e instanceof SheetError && e.code === 'file.bomb') throw new DocumentError(TOO_BIG);
		if (e instanceof SheetError && e.code === 'file.encrypted') throw new DocumentError(ENCRYPTED);
		throw new DocumentError(unreadable);
	}
}
