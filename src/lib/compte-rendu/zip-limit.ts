// Bounds what a document's zip may unpack to (a few pages of text are a few megabytes of XML): a
// part announcing more is refused before it is inflated, so a crafted file cannot exhaust memory.
import { DocumentError } from './errors';

export const MAX_PART_BYTES = 100 * 1024 * 1024;

export function assertPartSize(originalSize: number): void {
	if (originalSize > MAX_PART_BYTES)
		throw new DocumentError(
			'Ce document contient plus de 100 Mo de texte une fois décompressé : ce n’est pas un compte rendu de séance. Collez son texte, ou enregistrez-le à nouveau.'
		);
}
