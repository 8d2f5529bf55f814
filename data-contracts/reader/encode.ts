// Windows-1252 encoding, for writing files as a French-locale spreadsheet saves them (the generator
// and the tests). The 0x80–0x9F table is read off the platform's own decoder, not retyped.
let table: Map<string, number> | null = null;

function win1252Table(): Map<string, number> {
	if (table) return table;
	const decoder = new TextDecoder('windows-1252');
	table = new Map();
	for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(new Uint8Array([b])), b);
	return table;
}

/** Encodes text in Windows-1252; characters it cannot represent become `?`. */
export function encodeWindows1252(text: string): Uint8Array {
	const map = win1252Table();
	const out = new Uint8Array(text.length);
	let n = 0;
	for (const ch of text) {
		const code = ch.codePointAt(0) as number;
		out[n++] = code < 0x80 ? code : (map.get(ch) ?? 0x3f);
	}
	return out.subarray(0, n);
}
