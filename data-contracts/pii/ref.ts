// The situation reference check: a reference names no one (no surname, initials with a year, date).
import { AMBIGUOUS, FIRST_NAMES, NEVER_NAMES, SURNAMES } from './lexicon';
import { maskValue } from './mask';
import type { PiiFinding } from './types';

/** `ref_situation` must be opaque: no surname, no initials with a year, no date. */
export function scanRef(ref: string): PiiFinding | null {
	let len = ref.length;
	let digits = 0;
	let plain = true; // only A-Z, 0-9 and '-': trimming and upper-casing change nothing
	for (let i = 0; i < len; i++) {
		const c = ref.charCodeAt(i);
		if (c >= 48 && c <= 57) digits++;
		else if (c !== 45 && (c < 65 || c > 90)) {
			plain = false;
			break;
		}
	}
	let r = ref;
	if (!plain) {
		r = ref.trim().toUpperCase();
		len = r.length;
		digits = 0;
		for (let i = 0; i < len; i++) {
			const c = r.charCodeAt(i);
			if (c >= 48 && c <= 57) digits++;
		}
	}
	// both date patterns hold 8 digits, initials with a year exactly 4
	const dateLike =
		digits >= 8 &&
		(/(?:19|20)\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])(?!\d)/.test(r) ||
			/(?<!\d)(?:0[1-9]|[12]\d|3[01])-?(?:0[1-9]|1[0-2])-?(?:19|20)\d{2}/.test(r));
	if (dateLike)
		return {
			type: 'birthdate',
			code: 'pii.birthdate',
			start: 0,
			end: ref.length,
			hint: maskValue(ref, 'birthdate'),
			message:
				'La référence contient une date au jour près : choisissez un code opaque sans date (par exemple SIT-0042).'
		};
	if (digits === 4) {
		const compact = r.replace(/[-.]/g, '');
		if (
			/^[A-Z]{2,3}(?:19[3-9]\d|20[0-4]\d)$/.test(compact) ||
			/^(?:19[3-9]\d|20[0-4]\d)[A-Z]{2,3}$/.test(compact)
		)
			return initials(ref);
	}
	// the parts between runs of digits and hyphens; a plain part is looked up upper-cased as it
	// is, and skipped when it has no vowel (no listed name lacks one)
	const names = refNames();
	let start = 0;
	let vowel = false;
	for (let i = 0; i <= len; i++) {
		const c = i < len ? r.charCodeAt(i) : 45;
		if (c !== 45 && (c < 48 || c > 57)) {
			if (VOWEL[c] === 1) vowel = true;
			continue;
		}
		if (i - start >= 3 && (!plain || vowel || names.upperNoVowel)) {
			const part = r.slice(start, i);
			if (plain ? names.upper.has(part) : names.lower.has(part.toLowerCase()))
				return {
					type: 'name',
					code: 'pii.name',
					start: 0,
					end: ref.length,
					hint: maskValue(ref, 'name'),
					message:
						'La référence semble contenir un nom ou un prénom : choisissez un code opaque qui ne désigne personne (par exemple SIT-0042).'
				};
		}
		start = i + 1;
		vowel = false;
	}
	return null;
}

const VOWEL = new Uint8Array(128);
for (const v of 'AEIOUY') VOWEL[v.charCodeAt(0)] = 1;

/** Names refused in a reference: listed, and neither ambiguous, institutional nor a prefix. */
let REF_NAMES: { lower: Set<string>; upper: Set<string>; upperNoVowel: boolean } | null = null;
function refNames() {
	if (REF_NAMES) return REF_NAMES;
	const lower = new Set(
		[...SURNAMES, ...FIRST_NAMES].filter(
			(n) => !AMBIGUOUS.has(n) && !NEVER_NAMES.has(n) && !REF_PREFIXES.has(n)
		)
	);
	// the upper-case forms of the names made of a-z only: the only ones a plain part can equal
	const upper = new Set([...lower].filter((n) => /^[a-z]+$/.test(n)).map((n) => n.toUpperCase()));
	const upperNoVowel = [...upper].some((n) => !/[AEIOUY]/.test(n));
	return (REF_NAMES = { lower, upper, upperNoVowel });
}

const REF_PREFIXES = new Set([
	'sit',
	'situ',
	'ref',
	'cve',
	'cvs',
	'cls',
	'clspd',
	'dos',
	'cas',
	'ccas',
	'pre',
	'dre',
	'fiche',
	'gfa',
	'cgc',
	'cel',
	'grp',
	'cv',
	'num',
	'id'
]);

const initials = (ref: string): PiiFinding => ({
	type: 'name',
	code: 'pii.name',
	start: 0,
	end: ref.length,
	hint: maskValue(ref, 'name'),
	message:
		"La référence ressemble à des initiales suivies d'une année : choisissez un code opaque qui ne désigne personne (par exemple SIT-0042)."
});
