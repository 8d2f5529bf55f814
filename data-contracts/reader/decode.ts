// Bytes -> text for uploaded CSV/text files: refuses binaries with an actionable French message,
// detects UTF-8 (with or without BOM), UTF-16 (BOM) and falls back to Windows-1252 (French Excel).
// Decoding is chunked so a large file never exists twice in memory. Windows-1252 is decoded by
// the WHATWG table in `win1252.ts`, never by the platform (Node reads 0x80–0x9F as Latin-1).
import { decodeWindows1252 } from './win1252';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface FileProblem {
	code: string;
	message: string;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: number[], at = 0) =>
	b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/**
 * Refusal for files that are not text (images, PDF, NUL bytes; workbooks, which reach here only
 * where text is expected: tabular kinds read them in `sheet.ts` first), else null.
 */
export function detectBinary(bytes: Uint8Array): FileProblem | null {
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
		return {
			code: 'file.binary',
			message:
				'Ce fichier est un classeur Excel ou LibreOffice (ou une archive ZIP), pas un texte : déposez un fichier texte (.txt, UTF-8), ou saisissez le texte dans le formulaire.'
		};
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
		return {
			code: 'file.binary',
			message:
				'Ce fichier est un classeur Excel ou un document Office, pas un texte : déposez un fichier texte (.txt, UTF-8), ou saisissez le texte dans le formulaire.'
		};
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
		return {
			code: 'file.binary',
			message:
				'Ce fichier est un PDF : exportez les données depuis votre tableur au format CSV (séparateur point-virgule).'
		};
	if (
		startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
		startsWith(bytes, [0xff, 0xd8, 0xff]) ||
		startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
	)
		return {
			code: 'file.binary',
			message:
				'Ce fichier est une image : déposez un fichier CSV exporté depuis votre tableur (séparateur point-virgule).'
		};
	if (startsWith(bytes, [0x1f, 0x8b]) || startsWith(bytes, [0x52, 0x61, 0x72, 0x21]))
		return {
			code: 'file.binary',
			message: 'Ce fichier est une archive compressée : décompressez-le et déposez le fichier CSV.'
		};
	if (!utf16Bom(bytes)) {
		const n = Math.min(bytes.length, 1 << 20);
		for (let i = 0; i < n; i++)
			if (bytes[i] === 0)
				return {
					code: 'file.binary',
					message:
						"Ce fichier contient des octets nuls : ce n'est pas un fichier texte. Enregistrez vos données au format CSV (UTF-8, séparateur point-virgule)."
				};
	}
	return null;
}

function utf16Bom(bytes: Uint8Array): Encoding | null {
	if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
	if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
	return null;
}

/** True when the bytes are well-formed UTF-8 (a fast pass, no allocation). */
export function isValidUtf8(b: Uint8Array, start = 0): boolean {
	const n = b.length;
	let i = start;
	// ASCII runs eight bytes at a time where the buffer allows aligned 32-bit reads
	const words = (b.byteOffset & 3) === 0 ? new Uint32Array(b.buffer, b.byteOffset, n >>> 2) : null;
	while (i < n) {
		if (words !== null && (i & 3) === 0) {
			let w = i >>> 2;
			const wn = words.length - 1;
			while (w < wn && ((words[w] | words[w + 1]) & 0x80808080) === 0) w += 2;
			i = w * 4;
			if (i >= n) break;
		}
		const c = b[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let min: number;
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else return false;
		let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
		for (let k = 1; k <= need; k++) {
			const d = b[i + k];
			if (d === undefined || (d & 0xc0) !== 0x80) return false;
			cp = (cp << 6) | (d & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
		i += need + 1;
	}
	return true;
}

export interface DecodedSource {
	encoding: Encoding;
	bom: boolean;
	/** text chunks in order; the concatenation is the whole text without BOM */
	chunks(): Generator<string>;
}

export interface BytesDecoder {
	decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

/** A decoder for one of the file encodings: the platform's, but Windows-1252 by the WHATWG table. */
export function textDecoder(encoding: Encoding): BytesDecoder {
	if (encoding !== 'windows-1252') return new TextDecoder(encoding);
	// one byte, one character: no state between chunks
	return { decode: (bytes) => (bytes ? decodeWindows1252(bytes) : '') };
}

/** Chooses the encoding and returns a chunked decoder, or a refusal. */
export function openText(
	bytes: Uint8Array,
	chunkBytes = 1 << 20
): { ok: true; source: DecodedSource } | { ok: false; problem: FileProblem } {
	const bin = detectBinary(bytes);
	if (bin) return { ok: false, problem: bin };
	let encoding: Encoding;
	let skip = 0;
	const u16 = utf16Bom(bytes);
	if (u16) {
		encoding = u16;
		skip = 2;
	} else if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		skip = 3;
		encoding = isValidUtf8(bytes, 3) ? 'utf-8' : 'windows-1252';
	} else encoding = isValidUtf8(bytes) ? 'utf-8' : 'windows-1252';
	const enc = encoding;
	const start = skip;
	return {
		ok: true,
		source: {
			encoding: enc,
			bom: skip > 0,
			*chunks() {
				const dec = textDecoder(enc);
				for (let i = start; i < bytes.length; i += chunkBytes) {
					const end = Math.min(bytes.length, i + chunkBytes);
					const s = dec.decode(bytes.subarray(i, end), { stream: end < bytes.length });
					if (s) yield s;
				}
				const tail = dec.decode();
				if (tail) yield tail;
			}
		}
	};
}

/** Whole-text convenience (bilan files, tests). */
export function decodeText(
	bytes: Uint8Array
): { ok: true; text: string; encoding: Encoding } | { ok: false; problem: FileProblem } {
	const r = openText(bytes);
	if (!r.ok) return r;
	let text = '';
	for (const c of r.source.chunks()) text += c;
	return { ok: true, text, encoding: r.source.encoding };
}
