// Fast per-cell and per-row checks compiled from the field definitions (fields.ts), used on the
// hot path (a million rows); schema.ts builds the equivalent zod schemas from the same definitions.
import type { TabularKind } from './codes';
import {
	CROSS_RULES,
	DATE_RE,
	FIELDS,
	INTEGER_RE,
	isMonth,
	QUARTIER_RE,
	isRef,
	type FieldDef,
	type FieldType
} from './fields';
import { scanRef, scanText, type PiiFinding } from './pii/detect';
import {
	codeNormalizer,
	codesNormalizer,
	monthOfDay,
	normalizeMonth,
	suggest,
	suggestionText
} from './normalize';
import { RULE_RECORDS } from './generated/row-builders';

export interface Problem {
	code: string;
	message: string;
}

const ex = (d: FieldDef) => `(exemple : ${d.example})`;
const codeList = (codes: readonly string[]) =>
	codes.length <= 4
		? codes.join(', ')
		: `${codes.slice(0, -1).join(', ')} ou ${codes[codes.length - 1]}`;

export function requiredMessage(d: FieldDef): string {
	return `Valeur manquante : indiquez ${d.description} ${ex(d)}.`;
}

function dayExists(y: number, m: number, d: number): boolean {
	const dt = new Date(Date.UTC(y, m - 1, d));
	return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export type CellChecker = (v: string) => Problem | null;

/** The checker of each field type (`boolean` is checked as a code). */
const CHECKERS: Record<Exclude<FieldType, 'boolean'>, (d: FieldDef) => CellChecker> = {
	/** A code (or yes/no) given by its code or its label. */
	code(d) {
		const set = { codes: d.codes ?? [], labels: d.labels };
		const canon = codeNormalizer(set);
		return (v) => {
			if (canon(v) !== null) return null;
			const s = suggestionText(suggest(v, set));
			return {
				code: 'value.code',
				message: `Code non reconnu pour ${d.label.toLowerCase()} : indiquez ${d.description} avec l'un des codes ${codeList(d.codes ?? [])}, ou son libellé${s ? ` (${s})` : ''}.`
			};
		};
	},
	/** Codes separated by |, each known and none twice. */
	codes(d) {
		const set = { codes: d.codes ?? [], labels: d.labels };
		const canon = codeNormalizer(set);
		return (v) => {
			const parts = v.split('|').map((p) => p.trim());
			const codes = parts.map(canon);
			const bad = parts.filter((_, i) => codes[i] === null);
			if (bad.length === 0 && new Set(codes).size === codes.length) return null;
			const s = bad.length ? suggestionText(suggest(bad[0], set)) : '';
			return {
				code: 'value.codes',
				message: bad.length
					? `Code d'institution non reconnu : indiquez ${d.description} ${ex(d)}, parmi ${codeList(d.codes ?? [])}, ou leur libellé${s ? ` (${s})` : ''}.`
					: `Une institution est citée deux fois : indiquez chaque code une seule fois ${ex(d)}.`
			};
		};
	},
	/** A month (AAAA-MM, or a form normalizeMonth reads), never a day. */
	month(d) {
		return (v) => {
			if (normalizeMonth(v) !== null) return null;
			const day = monthOfDay(v);
			return {
				code: 'value.month',
				message: day
					? `Date au jour près refusée : indiquez seulement le mois, ici ${day} (format AAAA-MM, sans le jour).`
					: `Mois invalide : indiquez ${d.description} ${ex(d)} ; 03/2025 ou « mars 2025 » sont aussi acceptés.`
			};
		};
	},
	/** A date AAAA-MM-JJ of a day that exists. */
	date(d) {
		return (v) => {
			const m = DATE_RE.exec(v);
			if (m && dayExists(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
			return {
				code: 'value.date',
				message: `Date invalide : indiquez ${d.description} ${ex(d)}.`
			};
		};
	},
	/** A whole number within the bounds. */
	integer(d) {
		return (v) => {
			if (!INTEGER_RE.test(v))
				return {
					code: 'value.integer',
					message: `Nombre entier attendu : indiquez ${d.description} ${ex(d)}.`
				};
			const n = Number(v);
			if ((d.min !== undefined && n < d.min) || (d.max !== undefined && n > d.max))
				return {
					code: 'value.range',
					message: `Nombre hors limites : indiquez ${d.description} ${ex(d)}.`
				};
			return null;
		};
	},
	/** A quartier code. */
	quartier(d) {
		return (v) =>
			QUARTIER_RE.test(v)
				? null
				: {
						code: 'value.quartier',
						message: `Code de quartier invalide : indiquez le ${d.description} ${ex(d)}, ou laissez la case vide.`
					};
	},
	/** A situation reference, without personal identifiers. */
	ref(d) {
		return (v) => {
			if (!isRef(v))
				return {
					code: 'value.ref',
					message: `Référence invalide : indiquez un ${d.description} ${ex(d)}.`
				};
			const f = scanRef(v);
			return f ? { code: f.code, message: f.message } : null;
		};
	},
	/** Free text within its maximum length. */
	text(d) {
		return (v) =>
			d.maxLength !== undefined && v.length > d.maxLength
				? {
						code: 'value.too_long',
						message: `Texte trop long (${v.length} caractères) : raccourcissez-le à ${d.maxLength} caractères au plus ; ${d.description}.`
					}
				: null;
	}
};

/** Checks a present (non-empty, trimmed) value. */
export function compileField(d: FieldDef): CellChecker {
	return CHECKERS[d.type === 'boolean' ? 'code' : d.type](d);
}

// Fast acceptance test per field, tried before the checker: a value it accepts is one the checker
// accepts; anything else goes to the checker, which builds the message.
const FAST_NONE = 0;
export const FAST_CODE = 1;
const FAST_MONTH = 2;
const FAST_INTEGER = 3;
const FAST_QUARTIER = 4;
const FAST_TEXT = 5;

const isDigit = (c: number) => c >= 48 && c <= 57;

/** INTEGER_RE (^\d{1,9}$) and the bounds, without a regex. */
function integerInRange(v: string, min: number, max: number): boolean {
	const n = v.length;
	if (n === 0 || n > 9) return false;
	let x = 0;
	for (let i = 0; i < n; i++) {
		const c = v.charCodeAt(i);
		if (!isDigit(c)) return false;
		x = x * 10 + (c - 48);
	}
	return x >= min && x <= max;
}

/** A field's codes by length and first character (codes are ASCII). */
export type CodeTable = (string[] | undefined)[];
const SLOT = (length: number, first: number) => length * 128 + first;
function codeTable(codes: readonly string[]): CodeTable {
	const t: CodeTable = [];
	for (const c of codes) (t[SLOT(c.length, c.charCodeAt(0))] ??= []).push(c);
	return t;
}
/** The contract's own string equal to `text` from `start` to `end`, read in place, or undefined. */
export function codeAt(
	table: CodeTable,
	text: string,
	start: number,
	end: number
): string | undefined {
	const first = text.charCodeAt(start);
	if (!(first < 128)) return undefined;
	const same = table[SLOT(end - start, first)];
	if (same === undefined) return undefined;
	const n = end - start;
	for (let k = 0; k < same.length; k++) {
		const c = same[k];
		let p = n - 1;
		while (p > 0 && c.charCodeAt(p) === text.charCodeAt(start + p)) p--;
		if (p === 0) return c;
	}
	return undefined;
}

export interface CompiledKind {
	kind: TabularKind;
	fields: FieldDef[];
	checkers: CellChecker[];
	/** per field (plain arrays, so the hot loop never reads field objects of varied shapes) */
	fast: Uint8Array;
	required: Uint8Array;
	freeText: Uint8Array;
	/** lower and upper bound of integers, longest length of text */
	min: Float64Array;
	max: Float64Array;
	/** accepted codes per field of type code or boolean, each mapped to itself, then the other
	 * spellings met (labels, case, accents), each mapped to its code, up to SPELLINGS_KEPT */
	codeSets: (Map<string, string> | null)[];
	/** per coded or month field, the canonical value of another spelling, or null */
	canon: (((v: string) => string | null) | null)[];
	/** the same codes, to read a cell in place */
	codeTables: (CodeTable | null)[];
	/** the fields the cross-field rules read, by name, for one row */
	ruleRecord: (values: string[]) => Record<string, string>;
}

const fastKind = (d: FieldDef) =>
	d.type === 'code' || d.type === 'boolean'
		? FAST_CODE
		: d.type === 'month'
			? FAST_MONTH
			: d.type === 'integer'
				? FAST_INTEGER
				: d.type === 'quartier'
					? FAST_QUARTIER
					: d.type === 'text'
						? FAST_TEXT
						: FAST_NONE;

const canonOf = (d: FieldDef) => {
	const set = { codes: d.codes ?? [], labels: d.labels };
	return d.type === 'code' || d.type === 'boolean'
		? codeNormalizer(set)
		: d.type === 'codes'
			? codesNormalizer(set)
			: d.type === 'month'
				? normalizeMonth
				: null;
};
const SPELLINGS_KEPT = 256;

const cache = new Map<TabularKind, CompiledKind>();
export function compileKind(kind: TabularKind): CompiledKind {
	let c = cache.get(kind);
	if (!c) {
		const fields = FIELDS[kind];
		c = {
			kind,
			fields,
			checkers: fields.map(compileField),
			fast: Uint8Array.from(fields.map(fastKind)),
			required: Uint8Array.from(fields.map((d) => (d.required === true ? 1 : 0))),
			freeText: Uint8Array.from(fields.map((d) => (d.freeText ? 1 : 0))),
			min: Float64Array.from(fields.map((d) => d.min ?? -Infinity)),
			max: Float64Array.from(
				fields.map((d) => (d.type === 'text' ? d.maxLength : d.max) ?? Infinity)
			),
			codeTables: fields.map((d) => (fastKind(d) === FAST_CODE ? codeTable(d.codes ?? []) : null)),
			codeSets: fields.map((d) =>
				fastKind(d) === FAST_CODE ? new Map((d.codes ?? []).map((c) => [c, c])) : null
			),
			canon: fields.map(canonOf),
			ruleRecord: RULE_RECORDS[kind]
		};
		cache.set(kind, c);
	}
	return c;
}

function acceptedFast(ck: CompiledKind, i: number, v: string): boolean {
	switch (ck.fast[i]) {
		case FAST_CODE:
			return ck.codeSets[i]!.has(v);
		case FAST_MONTH:
			return isMonth(v);
		case FAST_INTEGER:
			return integerInRange(v, ck.min[i], ck.max[i]);
		case FAST_QUARTIER:
			return QUARTIER_RE.test(v);
		case FAST_TEXT:
			return v.length <= ck.max[i];
		default:
			return false;
	}
}

export interface CellError {
	column: string;
	code: string;
	message: string;
}

/**
 * Checks one row (values in field order, trimmed, '' = absent). Returns the errors; invalid
 * enumerated cells and free text are scanned for personal identifiers first. An accepted code, label
 * or month is replaced in `values` by the contract's own string (a code, or a month AAAA-MM).
 */
export function checkRow(
	ck: CompiledKind,
	values: string[],
	out: CellError[],
	known?: Uint8Array
): void {
	const { fields, checkers, required, freeText, fast, codeSets, canon } = ck;
	for (let i = 0; i < fields.length; i++) {
		if (known !== undefined && known[i] === 1) continue;
		const v = values[i];
		if (v === '') {
			if (required[i] === 1) {
				const d = fields[i];
				out.push({ column: d.name, code: 'value.required', message: requiredMessage(d) });
			}
			continue;
		}
		if (freeText[i] === 1) {
			const d = fields[i];
			const found = scanText(v);
			if (found.length) {
				pushPii(out, d.name, found);
				continue;
			}
		}
		if (fast[i] === FAST_CODE) {
			const c = codeSets[i]!.get(v);
			if (c !== undefined) {
				values[i] = c;
				continue;
			}
		} else if (acceptedFast(ck, i, v)) continue;
		const n = canon[i];
		if (n !== null) {
			const c = n(v);
			if (c !== null) {
				values[i] = c;
				const set = codeSets[i];
				if (set !== null && set.size < SPELLINGS_KEPT) set.set(v, c);
				continue;
			}
		}
		const d = fields[i];
		const p = checkers[i](v);
		if (p) {
			if (
				d.type === 'code' ||
				d.type === 'codes' ||
				d.type === 'quartier' ||
				d.type === 'boolean'
			) {
				const found = scanText(v);
				if (found.length) {
					pushPii(out, d.name, found);
					continue;
				}
			}
			out.push({ column: d.name, code: p.code, message: p.message });
		}
	}
	const rules = CROSS_RULES[ck.kind];
	if (rules.length) {
		const record = ck.ruleRecord(values);
		for (const r of rules) {
			const m = r.check(record);
			if (m) out.push({ column: r.column, code: r.code, message: m });
		}
	}
}

function pushPii(out: CellError[], column: string, found: PiiFinding[]) {
	const seen = new Set<string>();
	for (const f of found) {
		if (seen.has(f.code)) continue;
		seen.add(f.code);
		out.push({ column, code: f.code, message: f.message });
	}
}
