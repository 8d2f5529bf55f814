// How people write codes and months in a spreadsheet, brought back to the contract's own form:
// a code or its French label (any case, accents, spaces, hyphens), a month as 2026-03, 03/2026,
// 3/2026 or « mars 2026 ». One normaliser for every coded and every month column, so the browser
// worker, the server and the CLI store and export the same codes. IO-free.

/** What the normaliser accepts, in words, for the contract page and its Markdown copy. */
export const ACCEPTED_SPELLINGS =
	'Chaque code peut aussi s’écrire par son libellé, sans tenir compte de la casse, des accents, des espaces ni des tirets ' +
	'(« Délinquance », « violences intra-familiales », « 14 - 15 », « Éducation nationale ») ; ' +
	'un mois peut s’écrire 2026-03, 03/2026, 3/2026 ou « mars 2026 », mais une date au jour près y est refusée. ' +
	'Les données enregistrées et exportées gardent le code et le mois au format AAAA-MM.';

/** Lower case, no accents, no spaces, hyphens, underscores, apostrophes or dots. */
export function foldKey(v: string): string {
	return v
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[\s_\-'’.]+/g, '');
}

export interface CodeSet {
	codes: readonly string[];
	labels?: Record<string, string>;
}

/** Every spelling of a set's codes and labels by its folded key; throws if one key has two codes. */
export function codeKeys(set: CodeSet): Map<string, string> {
	const keys = new Map<string, string>();
	for (const c of set.codes)
		for (const spelling of [c, set.labels?.[c] ?? c]) {
			const k = foldKey(spelling);
			const other = keys.get(k);
			if (other !== undefined && other !== c)
				throw new Error(`« ${spelling} » désigne à la fois ${other} et ${c}`);
			keys.set(k, c);
		}
	return keys;
}

/** The code a cell means (code or label, any case, accents and separators), or null. */
export function codeNormalizer(set: CodeSet): (v: string) => string | null {
	const keys = codeKeys(set);
	return (v) => keys.get(foldKey(v)) ?? null;
}

/** The codes of a `|`-separated list, each code or label, or null if one is unknown or repeated. */
export function codesNormalizer(set: CodeSet): (v: string) => string | null {
	const one = codeNormalizer(set);
	return (v) => {
		const out: string[] = [];
		for (const p of v.split('|')) {
			const c = one(p.trim());
			if (c === null || out.includes(c)) return null;
			out.push(c);
		}
		return out.join('|');
	};
}

/** French month names as written, January first. */
export const FRENCH_MONTHS = [
	'janvier',
	'février',
	'mars',
	'avril',
	'mai',
	'juin',
	'juillet',
	'août',
	'septembre',
	'octobre',
	'novembre',
	'décembre'
] as const;

/** French month names and the abbreviations Excel writes (janv., févr., …), folded. */
const MONTH_NAMES: Record<string, number> = {
	janvier: 1,
	janv: 1,
	jan: 1,
	fevrier: 2,
	fevr: 2,
	fev: 2,
	mars: 3,
	mar: 3,
	avril: 4,
	avr: 4,
	mai: 5,
	juin: 6,
	juillet: 7,
	juil: 7,
	aout: 8,
	septembre: 9,
	sept: 9,
	sep: 9,
	octobre: 10,
	oct: 10,
	novembre: 11,
	nov: 11,
	decembre: 12,
	dec: 12
};

const month = (y: string, m: string | number): string | null => {
	const n = Number(m);
	if (!(n >= 1 && n <= 12)) return null;
	const year = y.length === 2 ? `20${y}` : y;
	return `${year}-${String(n).padStart(2, '0')}`;
};

const foldMonth = (v: string) =>
	v
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.trim();

const YEAR_MONTH = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const NAMED = /^([a-z]+)\.?\s*[-/\s]?\s*(\d{4}|\d{2})$/;

/** The month a cell means, as AAAA-MM (2026-03, 2026/3, 03/2026, 3/2026, mars 2026, mars-26), or null. */
export function normalizeMonth(v: string): string | null {
	const s = foldMonth(v);
	let m = YEAR_MONTH.exec(s);
	if (m) return month(m[1], m[2]);
	m = MONTH_YEAR.exec(s);
	if (m) return month(m[2], m[1]);
	m = NAMED.exec(s);
	if (m && MONTH_NAMES[m[1]] !== undefined) return month(m[2], MONTH_NAMES[m[1]]);
	return null;
}

const TIME = String.raw`(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?z?)?`;
const ISO_DAY = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const FR_DAY = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})${TIME}$`);
const NAMED_DAY = /^(\d{1,2})(?:er)?\s*[-\s/]?\s*([a-z]+)\.?\s*[-/\s]?\s*(\d{4}|\d{2})$/;

/** The month of a day-precise date (2026-03-14, 14/03/2026, 14 mars 2026), or null. */
export function monthOfDay(v: string): string | null {
	const s = foldMonth(v);
	let m = ISO_DAY.exec(s);
	if (m) return month(m[1], m[2]);
	m = FR_DAY.exec(s);
	if (m) return month(m[3], m[2]);
	m = NAMED_DAY.exec(s);
	if (m && MONTH_NAMES[m[2]] !== undefined) return month(m[3], MONTH_NAMES[m[2]]);
	return null;
}

function levenshtein(a: string, b: string): number {
	if (a === b) return 0;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++)
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = cur;
	}
	return prev[b.length];
}

export interface Suggestion {
	code: string;
	/** « Délinquance (delinquance) », or the code alone when it is its own label */
	text: string;
}

/**
 * The values a refused cell is a near miss of, comparing its folded spelling with each code and
 * label: within a few letters (the nearest, ties kept, at most 3), else those it starts. None when
 * nothing is near: a far guess (« mairie » → « Santé ») would mislead more than the list of codes.
 */
export function suggest(v: string, set: CodeSet): Suggestion[] {
	const key = foldKey(v).slice(0, 80);
	if (key === '') return [];
	const near: { code: string; d: number }[] = [];
	for (const c of set.codes) {
		let d = Infinity;
		for (const s of [foldKey(c), foldKey(set.labels?.[c] ?? c)]) {
			const e = levenshtein(key, s);
			if (e <= Math.max(1, Math.min(3, Math.floor(s.length / 3)))) d = Math.min(d, e);
			else if (key.length >= 4 && s.startsWith(key)) d = Math.min(d, 4);
		}
		if (d < Infinity) near.push({ code: c, d });
	}
	near.sort((a, b) => a.d - b.d);
	return near
		.filter((s) => s.d === near[0].d)
		.slice(0, 3)
		.map((s) => {
			const l = set.labels?.[s.code];
			return { code: s.code, text: l && l !== s.code ? `${l} (${s.code})` : s.code };
		});
}

/** « vouliez-vous dire « A (a) » ou « B (b) » ? » for a message, or '' without suggestions. */
export function suggestionText(list: Suggestion[]): string {
	if (list.length === 0) return '';
	const quoted = list.map((s) => `« ${s.text} »`);
	const joined =
		quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} ou ${quoted.at(-1)}`;
	return `vouliez-vous dire ${joined} ?`;
}
