import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from './decode';
import { validateBytes } from '../validate';
import {
	decodeWindows1252,
	encodeWindows1252,
	hasLatin1Controls,
	repairLatin1Controls
} from './win1252';

// WHATWG Encoding Standard, index-windows-1252.txt, pointers 0–31 (bytes 0x80–0x9F), copied
// from the index rather than from any decoder; every other byte is its own code point.
const FIX = join(import.meta.dirname, '../../tests/fixtures/contracts');
const INDEX_0X80 = `
0 0x20AC 1 0x0081 2 0x201A 3 0x0192 4 0x201E 5 0x2026 6 0x2020 7 0x2021 8 0x02C6 9 0x2030
10 0x0160 11 0x2039 12 0x0152 13 0x008D 14 0x017D 15 0x008F 16 0x0090 17 0x2018 18 0x2019
19 0x201C 20 0x201D 21 0x2022 22 0x2013 23 0x2014 24 0x02DC 25 0x2122 26 0x0161 27 0x203A
28 0x0153 29 0x009D 30 0x017E 31 0x0178`;
const whatwg = (byte: number): number => {
	if (byte < 0x80 || byte > 0x9f) return byte;
	const m = new RegExp(`(?:^|\\s)${byte - 0x80} 0x([0-9A-F]{4})`).exec(INDEX_0X80);
	return parseInt(m![1], 16);
};

describe('Windows-1252 by the WHATWG index', () => {
	it('decodes each of the 256 bytes as the index says', () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		const text = decodeWindows1252(all);
		expect(text.length).toBe(256);
		for (let b = 0; b < 256; b++) expect(text.charCodeAt(b), `0x${b.toString(16)}`).toBe(whatwg(b));
	});

	it('encodes back every character of the index to its byte, the others as ?', () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		expect([...encodeWindows1252(decodeWindows1252(all))]).toEqual([...all]);
		expect([...encodeWindows1252('l’a… 0 € œ ™😀')]).toEqual([
			0x6c, 0x92, 0x61, 0x85, 0x20, 0x30, 0x20, 0x80, 0x20, 0x9c, 0x20, 0x99, 0x3f
		]);
	});

	it('is how a French Excel CSV is read, whatever the runtime’s own decoder says', () => {
		const text = 'Sœur… l’orientation décidée — 0 €';
		const bytes = encodeWindows1252(text);
		const dec = decodeText(bytes);
		expect(dec).toMatchObject({ ok: true, encoding: 'windows-1252', text });
	});

	it('keeps the curly quote and ellipsis of a validated Windows-1252 file in its rows', () => {
		const utf8 = readFileSync(join(FIX, 'situations-valid.csv'), 'utf8').replace(/^\uFEFF/, '');
		const lines = utf8.split('\r\n');
		const cols = lines[0].split(';');
		const at = cols.indexOf('commentaire');
		const cells = lines[1].split(';');
		cells[at] = 'Sœur… l’orientation décidée — 0 €';
		lines[1] = cells.join(';');
		const rows: string[] = [];
		const r = validateBytes('situations', encodeWindows1252(lines.join('\r\n')), {
			onRow: (v) => rows.push(String(v.row.commentaire))
		});
		expect(r.encoding).toBe('windows-1252');
		expect(rows[0]).toBe('Sœur… l’orientation décidée — 0 €');
	});

	it('repairs text decoded as Latin-1, and only that', () => {
		const broken = 'S\u009cur\u0085 l\u0092orientation d\u00e9cid\u00e9e\u0085 0 \u0080';
		expect(hasLatin1Controls(broken)).toBe(true);
		expect(repairLatin1Controls(broken)).toBe('Sœur… l’orientation décidée… 0 €');
		expect(hasLatin1Controls('Sœur… l’orientation')).toBe(false);
		// bytes the index leaves undefined stay what they are
		expect(hasLatin1Controls('\u0081\u008d\u008f\u0090\u009d')).toBe(false);
		expect(repairLatin1Controls('\u0081\u008d')).toBe('\u0081\u008d');
	});
});
