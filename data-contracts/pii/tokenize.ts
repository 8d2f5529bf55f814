// The tokenizer of the name detector: words with their case, position and sentence starts,
// by code-point classes computed once (no regex per character).
import { normWord } from './lexicon';
import { CIVILITY, ELISION_RE } from './name-words';

export interface Tok {
	t: string;
	n: string;
	start: number;
	end: number;
	word: boolean;
	title: boolean;
	upper: boolean;
	initial: boolean;
	sentStart: boolean;
}

/** One of . ! ? ; : \n ( ) « » " “ ” , (the punctuation tokens). */
function isPunctuation(c: number): boolean {
	switch (c) {
		case 46:
		case 33:
		case 63:
		case 59:
		case 58:
		case 10:
		case 40:
		case 41:
		case 0xab:
		case 0xbb:
		case 34:
		case 0x201c:
		case 0x201d:
		case 44:
			return true;
		default:
			return false;
	}
}

/** Holds ' or ’ (both are elision marks). */
function hasApostrophe(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 39 || c === 0x2019) return true;
	}
	return false;
}

// Code-point classes for the tokenizer and the capitalised-word pre-check, computed once per BMP
// code point with the Unicode properties of the regexes they replace (\p{Lu}, [\p{L}\p{M}])
export const OTHER = 1;
export const LETTER = 2;
export const UPPER = 3;
const LU_RE = /^\p{Lu}$/u;
const LM_RE = /^[\p{L}\p{M}]$/u;
const BMP_CLASS = new Uint8Array(0x10000);
export const classify = (cp: number) => {
	const ch = String.fromCodePoint(cp);
	return LU_RE.test(ch) ? UPPER : LM_RE.test(ch) ? LETTER : OTHER;
};
export function bmpClass(c: number): number {
	let k = BMP_CLASS[c];
	if (k === 0) BMP_CLASS[c] = k = classify(c);
	return k;
}
/** Letter class (OTHER, LETTER or UPPER) of the code point starting at `i`. */
export function classAt(s: string, i: number): number {
	const c = s.charCodeAt(i);
	if (c < 128) return c >= 65 && c <= 90 ? UPPER : c >= 97 && c <= 122 ? LETTER : OTHER;
	if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
		const d = s.charCodeAt(i + 1);
		if (d >= 0xdc00 && d <= 0xdfff) return classify((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
	}
	return bmpClass(c);
}

/** Code units of the code point starting at `i`. */
export function widthAt(s: string, i: number): number {
	const c = s.charCodeAt(i);
	if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return 1;
	const d = s.charCodeAt(i + 1);
	return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

export function letterRunEnd(s: string, i: number): number {
	while (i < s.length && classAt(s, i) !== OTHER) i += widthAt(s, i);
	return i;
}

/**
 * End of the token starting at `i`, or -1 if none starts there. Tokens are those of
 * /[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*\.?|\d+|[.!?;:\n()«»"“”,]/gu, found without the
 * regex (its match objects cost more than the rest of the tokenizer).
 */
function tokenEnd(s: string, i: number): number {
	if (classAt(s, i) !== OTHER) {
		let end = letterRunEnd(s, i);
		for (;;) {
			const c = s.charCodeAt(end);
			if ((c === 45 || c === 39 || c === 0x2019) && end + 1 < s.length)
				if (classAt(s, end + 1) !== OTHER) {
					end = letterRunEnd(s, end + 1);
					continue;
				}
			break;
		}
		return s.charCodeAt(end) === 46 ? end + 1 : end;
	}
	const c = s.charCodeAt(i);
	if (c >= 48 && c <= 57) {
		let end = i + 1;
		while (end < s.length && s.charCodeAt(end) >= 48 && s.charCodeAt(end) <= 57) end++;
		return end;
	}
	return isPunctuation(c) ? i + 1 : -1;
}

/** [start, end) of each token, in order (for tests). */
export function tokenSpans(text: string): [number, number][] {
	const out: [number, number][] = [];
	for (let pos = 0; pos < text.length;) {
		const end = tokenEnd(text, pos);
		if (end < 0) pos += widthAt(text, pos);
		else {
			out.push([pos, end]);
			pos = end;
		}
	}
	return out;
}

/**
 * Words of a text with their case, position and sentence starts. Long because: one loop on
 * purpose, it runs on every free-text cell of every upload, and a single pass over code units
 * keeps it fast.
 */
export function tokenize(text: string): Tok[] {
	const toks: Tok[] = [];
	let sent = true;
	for (let pos = 0; pos < text.length;) {
		const end = tokenEnd(text, pos);
		if (end < 0) {
			pos += widthAt(text, pos);
			continue;
		}
		let raw = text.slice(pos, end);
		let start = pos;
		pos = end;
		if (raw.length === 1 && isPunctuation(raw.charCodeAt(0))) {
			if (raw !== ',' && raw !== '(' && raw !== ')' && raw !== '«' && raw !== '»' && raw !== '"')
				sent = true;
			toks.push({
				t: raw,
				n: raw,
				start,
				end: start + 1,
				word: false,
				title: false,
				upper: false,
				initial: false,
				sentStart: false
			});
			continue;
		}
		const c0 = raw.charCodeAt(0);
		if (c0 >= 48 && c0 <= 57) {
			toks.push({
				t: raw,
				n: raw,
				start,
				end: start + raw.length,
				word: false,
				title: false,
				upper: false,
				initial: false,
				sentStart: false
			});
			sent = false;
			continue;
		}
		const el = hasApostrophe(raw) ? ELISION_RE.exec(raw) : null;
		if (el) {
			const pre = el[1];
			toks.push({
				t: pre + "'",
				n: normWord(pre) + "'",
				start,
				end: start + pre.length + 1,
				word: true,
				title: false,
				upper: false,
				initial: false,
				sentStart: sent
			});
			sent = false;
			start += pre.length + 1;
			raw = el[2];
		}
		let dot = false;
		if (raw.charCodeAt(raw.length - 1) === 46) {
			dot = true;
			raw = raw.slice(0, -1);
		}
		let upper = false;
		let title = false;
		let initial = false;
		const f0 = raw.charCodeAt(0);
		// a word starting with a-z is neither upper case, title case nor an initial
		if (!(f0 >= 97 && f0 <= 122)) {
			const letters =
				raw.includes('-') || raw.includes("'") || raw.includes('’')
					? raw.replace(/[-'’]/g, '')
					: raw;
			upper =
				letters.length >= 2 &&
				letters === letters.toUpperCase() &&
				letters !== letters.toLowerCase();
			const first = raw.charAt(0);
			title = first !== first.toLowerCase() && raw.slice(1) !== raw.slice(1).toUpperCase();
			initial = letters.length === 1 && first !== first.toLowerCase() && dot;
		}
		const n = normWord(raw);
		toks.push({
			t: raw,
			n,
			start,
			end: start + raw.length + (dot ? 1 : 0),
			word: true,
			title,
			upper,
			initial,
			sentStart: sent
		});
		sent = false;
		if (
			dot &&
			!initial &&
			!CIVILITY.has(n) &&
			!/^(?:av|bd|pl|st|ste|dr|pr|me|cf|etc|art|n|no|p|vol|ex|env|max|min|mm)$/i.test(n)
		)
			sent = true;
		if (dot && raw.length === 1 && !initial) sent = true;
	}
	return toks;
}
