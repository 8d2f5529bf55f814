// Windows-1252 as the WHATWG Encoding Standard defines it (index-windows-1252), written here so
// that every runtime decodes it the same: Node 20's TextDecoder('windows-1252') reads bytes
// 0x80–0x9F as Latin-1 control characters, so « ’ » (0x92) became U+0092 on the server only.

/** Code points of bytes 0x80–0x9F (WHATWG index-windows-1252, pointers 0–31). */
export const WIN1252_HIGH: readonly number[] = [
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
	0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178
];

/** Code unit of each of the 256 bytes (the other bytes are their own code point). */
const TO_UNIT = new Uint16Array(256);
for (let b = 0; b < 256; b++) TO_UNIT[b] = b >= 0x80 && b <= 0x9f ? WIN1252_HIGH[b - 0x80] : b;

/** Byte of each character of 0x80–0x9F's table (the others encode as their own code point). */
const FROM_CHAR = new Map<number, number>(WIN1252_HIGH.map((cp, i) => [cp, 0x80 + i]));

/** Decodes Windows-1252 bytes (one byte, one character: chunks need no state between them). */
export function decodeWindows1252(bytes: Uint8Array): string {
	const units = new Uint16Array(bytes.length);
	for (let i = 0; i < bytes.length; i++) units[i] = TO_UNIT[bytes[i]];
	return new TextDecoder('utf-16le').decode(units);
}

/** The byte of a code point in Windows-1252, or -1 when it has none. */
export function windows1252Byte(cp: number): number {
	if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return cp;
	return FROM_CHAR.get(cp) ?? -1;
}

/** Encodes text in Windows-1252; characters it cannot represent become `?`. */
export function encodeWindows1252(text: string): Uint8Array {
	const out = new Uint8Array(text.length);
	let n = 0;
	for (const ch of text) {
		const b = windows1252Byte(ch.codePointAt(0) as number);
		out[n++] = b < 0 ? 0x3f : b;
	}
	return out.subarray(0, n);
}

/**
 * Text once decoded as Latin-1 where Windows-1252 was meant, repaired: each U+0080–U+009F that
 * Windows-1252 gives a character to becomes that character (« l\u0092orientation » → « l’orientation »).
 */
export function repairLatin1Controls(text: string): string {
	return text.replace(/[\u0080-\u009f]/g, (c) =>
		String.fromCharCode(WIN1252_HIGH[c.charCodeAt(0) - 0x80])
	);
}

/** Whether a text holds a character that `repairLatin1Controls` would change. */
export const hasLatin1Controls = (text: string) =>
	/[\u0080\u0082-\u008c\u008e\u0091-\u009c\u009e\u009f]/.test(text);
