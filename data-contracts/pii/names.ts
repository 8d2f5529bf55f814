// Names in free text: capitalised words that are listed first names or surnames, in a context
// that makes them a person (civility, kin word, « famille »), never a place or an institution.
import { AMBIGUOUS, FIRST_NAMES, NEVER_NAMES, PLACES, SURNAMES, normWord } from './lexicon';
import { prefixTree } from './alternation';
import {
	LETTER,
	OTHER,
	type Tok,
	UPPER,
	bmpClass,
	classAt,
	classify,
	letterRunEnd,
	tokenize,
	widthAt
} from './tokenize';
import {
	ARTICLES,
	CIVILITY,
	CONTEXT,
	FACILITY,
	FACILITY_ADJ,
	FAMILY_HEADS,
	PARTICLES,
	TITLES
} from './name-words';
import { type PiiFinding, finding } from './types';

const isNameWord = (n: string) => FIRST_NAMES.has(n) || SURNAMES.has(n);
const hyphenParts = (n: string) => n.split('-');
function nameInfo(tok: Tok) {
	const n = tok.n;
	const parts = n.includes('-') ? hyphenParts(n) : [n];
	const never =
		NEVER_NAMES.has(n) || parts.some((p) => NEVER_NAMES.has(p)) || /^saint|^sainte/.test(n);
	const place = PLACES.has(n);
	const listed =
		isNameWord(n) ||
		(parts.length > 1 && parts.every((p) => FIRST_NAMES.has(p) || SURNAMES.has(p)));
	const amb = AMBIGUOUS.has(n);
	return { never, place, listed, amb, first: FIRST_NAMES.has(n) };
}

/** A word in lower case that is a listed surname and never anything else. */
function lowerSurname(t: Tok): boolean {
	if (!t.word || t.title || t.upper || t.initial || !SURNAMES.has(t.n)) return false;
	const info = nameInfo(t);
	return !info.never && !info.place;
}

/**
 * Exactly a first name then a surname, one of them also an institutional or place word
 * ("Yvette Henry", "René Paris"), the other not.
 */
function firstThenSurname(run: Tok[], infos: ReturnType<typeof nameInfo>[]): boolean {
	if (run.length !== 2 || run.some((x) => x.upper || x.initial)) return false;
	const [a, b] = infos;
	if (!FIRST_NAMES.has(run[0].n) || !SURNAMES.has(run[1].n)) return false;
	return a.never ? !b.never && !b.place && !a.place : b.never && !a.place;
}

/** Upper-case words of three letters that are listed names and nothing else ("ROY", "LEO"). */
let SHORT_NAMES: Set<string> | null = null;
const shortNames = () =>
	(SHORT_NAMES ??= new Set(
		[...SURNAMES, ...FIRST_NAMES].filter(
			(n) => n.length === 3 && !NEVER_NAMES.has(n) && !AMBIGUOUS.has(n) && !PLACES.has(n)
		)
	));

function capital(t: Tok) {
	if (!t.word || t.initial || t.t.length < 2) return false;
	if (t.title) return true;
	// a shorter upper-case word is an acronym ("PJJ", "CAF") unless it is a listed name
	return t.upper && (t.t.length >= 4 || (t.t.length === 3 && shortNames().has(t.n)));
}

/** Family and care words that introduce a person, as regex alternatives. */
const KIN_WORDS =
	'familles?|jeune|enfant|adolescente?|mineure?|gar[çc]on|fillette|fr[èe]re|s(?:œ|oe)ur|fils|fille|m[èe]re|p[èe]re|pr[ée]nomm[ée]e?|nomm[ée]e?|chez|[ée]l[èe]ve|cousine?|oncle|tante|neveu|ni[èe]ce|nourrisson|coll[ée]gienn?e?|lyc[ée]enn?e?';
/** The same and words that only introduce a capitalised name. */
const CONTEXT_WORDS = `${KIN_WORDS}|alias|dite?|[ée]poux|[ée]pouse|conjointe?|compagnon|compagne|mari|patiente?|b[ée]b[ée]|usag[èe]re|usager|b[ée]n[ée]ficiaire|monsieur|madame`;
const CONTEXT_CAP_RE = new RegExp(`(?:${CONTEXT_WORDS})\\s+(?:de\\s+|d['’]|les\\s+)?\\p{Lu}`, 'u');
/** CONTEXT_CAP_RE's words (CONTEXT_LOWER_RE's and more) before a space: needed by both. */
const CONTEXT_WORD_RE = new RegExp(`${prefixTree(CONTEXT_WORDS)}\\s`, 'u');
const CONTEXT_LOWER_RE = new RegExp(
	`(?:${KIN_WORDS})\\s+(?:de\\s+|d['’])?([\\p{Ll}][\\p{L}\\p{M}-]*)`,
	'gu'
);

/**
 * First names, surnames and civilities in one set (lexicon sets are fixed once loaded). A
 * capitalised particle ("Le", "Da"), even one that is also a surname, is not looked up: scanNames
 * drops particles from a run, so one only matters before a listed surname in lower case
 * ("Aloïse Da silva"), which surnameFollows checks.
 */
let CAP_NAMES: Set<string> | null = null;
const capNames = () => (CAP_NAMES ??= new Set([...FIRST_NAMES, ...SURNAMES, ...CIVILITY]));

/** Whether the next word from `i` on, whatever stands before it, is a listed surname or compound. */
function surnameFollows(text: string, i: number): boolean {
	while (i < text.length && classAt(text, i) === OTHER) i += widthAt(text, i);
	const end = letterRunEnd(text, i);
	if (end === i) return false;
	const c = text.charCodeAt(end);
	if (c === 45 || c === 39 || c === 0x2019) return true; // compound: checked in full
	return SURNAMES.has(normWord(text.slice(i, end)));
}

/** Cheap pre-check: is there any capitalised word that could start a name finding? */
function nameCandidates(text: string): boolean {
	// each capitalised word: a \p{Lu} not preceded by a letter or mark, then letters and marks
	const len = text.length;
	let prevLetter = false;
	let i = 0;
	while (i < len) {
		let c = text.charCodeAt(i);
		// most characters: a-z (a letter, never upper case) and spaces
		if (c >= 97 && c <= 122) {
			prevLetter = true;
			i++;
			continue;
		}
		if (c === 32) {
			prevLetter = false;
			i++;
			continue;
		}
		let w = 1;
		let k: number;
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				c = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
				w = 2;
			}
		}
		if (c < 128) k = c >= 65 && c <= 90 ? UPPER : c >= 97 && c <= 122 ? LETTER : OTHER;
		else k = w === 2 ? classify(c) : bmpClass(c);
		if (k !== UPPER || prevLetter) {
			prevLetter = k !== OTHER;
			i += w;
			continue;
		}
		const start = i;
		i += w;
		while (i < len) {
			let e = text.charCodeAt(i);
			let ew = 1;
			if (e >= 0xd800 && e <= 0xdbff && i + 1 < len) {
				const d = text.charCodeAt(i + 1);
				if (d >= 0xdc00 && d <= 0xdfff) {
					e = (e - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
					ew = 2;
				}
			}
			const ek =
				e < 128
					? (e >= 65 && e <= 90) || (e >= 97 && e <= 122)
						? LETTER
						: OTHER
					: ew === 2
						? classify(e)
						: bmpClass(e);
			if (ek === OTHER) break;
			i += ew;
		}
		prevLetter = true;
		if (i - start === 1) return true;
		if (text.charCodeAt(i) === 45) return true; // hyphenated: checked in full
		const word = normWord(text.slice(start, i));
		if (PARTICLES.has(word)) {
			if (surnameFollows(text, i)) return true;
		} else if (capNames().has(word) || CONTEXT.has(word)) return true;
	}
	// both context patterns start with a context word then a space: most texts have none
	if (!CONTEXT_WORD_RE.test(text)) return false;
	if (CONTEXT_CAP_RE.test(text)) return true;
	for (const m of text.matchAll(CONTEXT_LOWER_RE)) if (FIRST_NAMES.has(normWord(m[1]))) return true;
	return false;
}
/** A text being scanned for names: its tokens, and the tokens already part of a finding. */
interface NameScan {
	text: string;
	toks: Tok[];
	flagged: Set<number>;
	out: PiiFinding[];
}

/** Records tokens from..to as one name, unless one of them already is part of a finding. */
function flag(scan: NameScan, from: number, to: number) {
	const { toks, flagged } = scan;
	for (let k = from; k <= to; k++) if (flagged.has(k)) return;
	for (let k = from; k <= to; k++) flagged.add(k);
	const s = toks[from].start;
	const e = toks[to].end;
	scan.out.push(finding('name', s, e, scan.text.slice(s, e)));
}

/** The next word after i (skipping full stops), or -1. */
function nextWord(toks: Tok[], i: number): number {
	let j = i + 1;
	while (j < toks.length && !toks[j].word && toks[j].t === '.') j++;
	return j < toks.length && toks[j].word ? j : -1;
}

/** Extent of a run of capitalised words starting at i (particles allowed inside). */
function runEnd(toks: Tok[], i: number): number {
	let j = i;
	while (j + 1 < toks.length) {
		const nx = toks[j + 1];
		if (
			// "Le roux", "Da silva": a capitalised particle then a listed surname in lower case
			nx.word &&
			nx.title &&
			PARTICLES.has(nx.n) &&
			j + 2 < toks.length &&
			lowerSurname(toks[j + 2])
		)
			j += 2;
		else if (capital(nx) || nx.initial) j++;
		else if (
			nx.word &&
			PARTICLES.has(nx.n) &&
			j + 2 < toks.length &&
			capital(toks[j + 2]) &&
			!nameInfo(toks[j + 2]).never
		)
			j += 2;
		else break;
	}
	return j;
}

export function scanNames(text: string, out: PiiFinding[]) {
	if (!nameCandidates(text)) return;
	const toks = tokenize(text);
	const scan: NameScan = { text, toks, flagged: new Set<number>(), out };
	for (let i = 0; i < toks.length; i++) {
		const t = toks[i];
		if (!t.word || scan.flagged.has(i)) continue;
		const resume = contextName(scan, i);
		if (resume !== null) {
			i = resume;
			continue;
		}
		if (!capital(t) && !t.initial) continue;
		// an unlisted word opening a sentence before a particle ("Orientation de Kevin M.") is not
		// part of the name that may follow
		if (
			t.sentStart &&
			i + 1 < toks.length &&
			toks[i + 1].word &&
			!capital(toks[i + 1]) &&
			PARTICLES.has(toks[i + 1].n) &&
			!nameInfo(t).listed
		)
			continue;
		// 2. runs of capitalised words
		const e = runEnd(toks, i);
		const run = toks.slice(i, e + 1).filter((x) => x.word && !PARTICLES.has(x.n));
		if (!namesFacility(scan, i) && runIsName(run)) flag(scan, i, e);
		i = e;
	}
}

/**
 * 1. A civility or family context word at i followed by a capitalised word or an initial: the
 * index to resume after when it decided (a name flagged or not), null to go on with rule 2.
 */
function contextName(scan: NameScan, i: number): number | null {
	const { text, toks } = scan;
	const t = toks[i];
	// 1. civility / family context followed by a capitalised word or an initial
	const civ =
		CIVILITY.has(t.n) &&
		(t.title || t.upper || t.n === 'm') &&
		(t.n !== 'm' || text[t.end - 1] === '.' || text[t.end] === '.');
	if (!civ && !CONTEXT.has(t.n)) return null;
	let j = nextWord(toks, i);
	if (j > 0 && (toks[j].n === 'de' || toks[j].n === "d'")) j = nextWord(toks, j);
	// "chez les Dupont": a family, when the word is a listed surname
	let family = false;
	if (j > 0 && t.n === 'chez' && toks[j].n === 'les') {
		j = nextWord(toks, j);
		family = true;
	}
	if (j > 0) {
		const nt = toks[j];
		const info = nameInfo(nt);
		const after = PARTICLES.has(nt.n) ? nextWord(toks, j) : -1;
		const title = TITLES.has(nt.n) || (after > 0 && TITLES.has(toks[after].n));
		// after a civility any capitalised word but a title is a name ("Mme Noël", "M.
		// Paris"); after "famille" a place too, or a listed surname standing alone that is
		// also a common word ("la famille Noël", not "la famille Paris Habitat"); after other context
		// words, not an institution or a place. A capitalised context word inside a sentence
		// names something ("avec Familles Rurales"): only a listed name follows it.
		const allowed = civ
			? !title
			: family || (t.title && !t.sentStart)
				? info.listed && !info.never
				: FAMILY_HEADS.has(t.n)
					? !title && (!info.never || (info.listed && runEnd(toks, j) === j))
					: !info.never && !info.place;
		if ((capital(nt) || nt.initial) && allowed) {
			const e = runEnd(toks, j);
			flag(scan, civ ? i : j, e);
			return e;
		}
		if (!civ && nt.word && !capital(nt) && FIRST_NAMES.has(nt.n) && !AMBIGUOUS.has(nt.n)) {
			flag(scan, j, j);
			return i;
		}
	}
	return null;
}

/** Whether a facility word stands before i and names what follows ("collège Jean Moulin"). */
function namesFacility(scan: NameScan, i: number): boolean {
	const { text, toks } = scan;
	let p = i - 1;
	while (p >= 0 && toks[p].word && ARTICLES.has(toks[p].n) && i - p <= 3) p--;
	// an adjective between the facility and its name ("centre social Pablo Picasso")
	if (p >= 1 && toks[p].word && FACILITY_ADJ.has(toks[p].n) && FACILITY.has(toks[p - 1].n)) p--;
	const prev = p >= 0 ? toks[p] : null;
	// a facility word names what follows ("collège Jean Moulin"), not across a full stop
	return prev !== null && prev.word && FACILITY.has(prev.n) && text.charCodeAt(prev.end - 1) !== 46;
}

/** Whether a run of capitalised words (particles left out) reads as a person's name. */
function runIsName(run: Tok[]): boolean {
	const infos = run.map(nameInfo);
	if (infos.some((x) => x.never)) {
		const strongElsewhere = run.some(
			(x, k) => !infos[k].never && !x.initial && infos[k].listed && !infos[k].amb && !infos[k].place
		);
		if ((!strongElsewhere || run.length < 2) && !firstThenSurname(run, infos)) return false;
	}
	const caps = run.filter((x) => !x.initial);
	const initials = run.filter((x) => x.initial);
	const strong = run.map(
		(x, k) => !x.initial && infos[k].listed && !infos[k].amb && !infos[k].place
	);
	const weak = run.map((x, k) => !x.initial && infos[k].listed && !strong[k]);
	const nStrong = strong.filter(Boolean).length;
	const nWeak = weak.filter(Boolean).length;
	const unknown = run.map(
		(x, k) => !x.initial && !infos[k].listed && !infos[k].place && !AMBIGUOUS.has(x.n)
	);
	let hit = false;
	if (caps.length >= 2) {
		hit = nStrong >= 1 || nWeak >= 2 || (nWeak >= 1 && unknown.some(Boolean));
		if (hit && nStrong === 0 && caps.every((x) => x.sentStart || x.upper) && caps.length < 2)
			hit = false;
	} else if (caps.length === 1 && initials.length >= 1) {
		const k = run.indexOf(caps[0]);
		hit = infos[k].listed || unknown[k];
	} else if (caps.length === 1) {
		const c = caps[0];
		const k = run.indexOf(c);
		if (c.upper) hit = strong[k] && c.t.length >= 3;
		else if (c.sentStart) hit = strong[k];
		else hit = strong[k] || (weak[k] && !infos[k].place && infos[k].first);
	}
	return hit;
}
