// Identifiers recognised by their shape: e-mails, phones, NIR, IBAN, INE, SIRET, plates, dates,
// addresses, school classes, « the only one ». Checksummed ones are refused outright.
import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { ibanExact, ibanPrefix, luhnOk, nirKeyOk, nirStructureOk } from './ids';
import { type PiiFinding, type PiiType, finding } from './types';

/** '.' or a disguised one: "[dot]", "(point)" */
const EMAIL_DOT = '(?:\\.|\\s?[([]\\s?(?:dot|point)\\s?[)\\]]\\s?)';
const EMAIL_RE = new RegExp(
	`[\\p{L}\\p{N}._%+'-]+(?:@|\\s?[([]\\s?(?:at|arobase)\\s?[)\\]]\\s?|\\s+(?:arobase|at)\\s+)[\\p{L}\\p{N}-]+(?:${EMAIL_DOT}[\\p{L}\\p{N}-]+)*${EMAIL_DOT}\\p{L}{2,}`,
	'giu'
);
/** A bare " at " only counts before a usual top-level domain. */
const BARE_AT_EMAIL = /\sat\s.*\.(?:fr|com|net|org|eu|info|be|ch|io)$/i;
const PHONE_FR_RE =
	/(?<![\d+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|\(?0\)?)\s?[1-9](?:[\s.\-/]{0,2}\d){8}(?!\d)/g;
/** Pairs of digits with the same wider separator throughout ("06 - 12 - 34 - 56 - 78"). */
const PHONE_PAIRS_RE = /(?<![\d+])0[1-9]( ?[.\-/] ?)\d{2}(?:\1\d{2}){3}(?!\d)/g;
const NIR_RE =
	/(?<![\p{L}\d])[1-478][\s.]?\d{2}[\s.]?\d{2}[\s.]?(?:\d{2}|2[ABab])[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?![\p{L}\d])/gu;
const IBAN_RE = /(?<![\p{L}\d])[A-Z]{2}\d{2}(?:[\s-]?[A-Z0-9]){10,32}/gu;
/** A French IBAN typed in lower case (checked whole: lower-case prose must not pass mod 97). */
const IBAN_FR_LOWER_RE = /(?<![\p{L}\d])fr\d{2}(?:[\s-]?[0-9a-z]){23}(?![\p{L}\d])/gu;
const INE_RE =
	/(?<![\p{L}\d])(?:\d{9}[A-Za-z]{2}|\d{10}[A-Za-z]|\d{4}A\d{5}[A-Za-z]|\d{9}\s[A-Z]{2}|\d{10}\s[A-Z])(?![\p{L}\d])/gu;
const SIRET_RE = /(?<![\p{L}\d])\d{3}\s?\d{3}\s?\d{3}(?:\s?\d{5})?(?![\p{L}\d])/gu;
const PLATE_SIV_RE = /(?<![\p{L}\d-])[A-Z]{2}[- ]?\d{3}[- ]?[A-Z]{2}(?![\p{L}\d])/gu;
/** The same in lower case, with its hyphens ("ab-123-cd"). */
const PLATE_SIV_LOWER_RE = /(?<![\p{L}\d-])[a-z]{2}-\d{3}-[a-z]{2}(?![\p{L}\d])/gu;
const PLATE_FNI_RE =
	/(?<![\p{L}\d])\d{1,4}[ -]?[A-Z]{2,3}[ -]?(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])(?![\p{L}\d])/gu;
const SIRET_CONTEXT =
	/auto[- ]?entrepreneu|micro[- ]?entrepr|entrepr\w* individuel|entreprise individuelle|\bEI\b|ind[ée]pendant|artisan|commer[çc]ant|profession lib[ée]rale|g[ée]rant/i;

const MONTHS =
	'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|janv\\.?|f[ée]vr?\\.?|avr\\.?|juil\\.?|sept\\.?|oct\\.?|nov\\.?|d[ée]c\\.?';
const DATE_NUM_RE =
	/(?<![\d/.-])(?:(0?[1-9]|[12]\d|3[01])\s?[/.-]\s?(0?[1-9]|1[0-2])\s?[/.-]\s?((?:19|20)\d{2}|\d{2})|((?:19|20)\d{2})[/.-](0?[1-9]|1[0-2])[/.-](0?[1-9]|[12]\d|3[01]))(?![\d/])/g;
/** Days of the month in words ("douze", "vingt-et-un", "premier"). */
const DAY_WORDS =
	'premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix-sept|dix-huit|dix-neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt[- ]et[- ]un|vingt-(?:deux|trois|quatre|cinq|six|sept|huit|neuf)|vingt|trente[- ]et[- ]un|trente';
const DATE_WORD_RE = new RegExp(
	`(?<![\\p{L}\\d])(1er|0?[1-9]|[12]\\d|3[01]|${DAY_WORDS})\\s+(${MONTHS})(?:\\s+((?:19|20)\\d{2}))?(?![\\p{L}\\d])`,
	'giu'
);
/** A month and a year ("mars 2011", "03/2011"): a birth date only after a birth context. */
const MONTH_YEAR_RE = new RegExp(
	`(?<![\\p{L}\\d/.-])(?:(${MONTHS})\\s+|(0?[1-9]|1[0-2])[/.-])((?:19|20)\\d{2})(?![\\p{L}\\d/])`,
	'giu'
);
/** Day, month and year separated by spaces: a date only after a birth context. */
const DATE_SPACED_RE =
	/(?<![\d/.-])(0?[1-9]|[12]\d|3[01]) (0?[1-9]|1[0-2]) ((?:19|20)\d{2})(?![\d/])/g;
const BIRTH_CONTEXT =
	/(?:\bn[ée]e?s?(?![\p{L}\d])|\bnaissance|\bDDN\b|\bd\.?d\.?n\b|\bn[ée]e? le\b|anniversaire|\b[âa]g[ée]e? de)/iu;
const LEGAL_BEFORE =
	/(?:\b(?:loi|d[ée]cret|arr[êe]t[ée]?|circulaire|ordonnance|protocole|convention|charte|d[ée]lib[ée]ration|jugement|d[ée]cision|instruction|note|texte|r[èe]glement|accord|avenant|contrat|plan)\b[^.;]{0,25})$/iu;
const EVENT_CONTEXT =
	/\b(?:s[ée]ances?|r[ée]unions?|r[ée]uni|comit[ée]s?|pl[ée]ni[èe]res?|assembl[ée]es?|rencontres?|forums?|journ[ée]es?|sessions?|commissions?|depuis|jusqu|[ée]ch[ée]ance|signature|sign[ée]|lancement|lanc[ée]|ouverture|inaugur|cellules?|groupes?|ateliers?|formations?|vacances|rentr[ée]e|avant le|apr[èe]s le|[àa] partir du|au|du|programm[ée]e?s?|pr[ée]vue?s?|organis[ée]e?s?|tenue?s?|audience|conseil)\b/iu;

const WAY =
	'rue|r\\.|avenue|av\\.?|bd\\.?|boulevard|all[ée]e|impasse|imp\\.|chemin|ch\\.|place|pl\\.|route|rte|quai|cours|square|sq\\.|r[ée]sidence|r[ée]s\\.|cit[ée]|villa|voie|sentier|passage|hameau|lotissement|parvis|promenade|rond-point|faubourg|fg|mail|esplanade|clos|domaine|chauss[ée]e|ruelle|venelle|traverse|mont[ée]e|carrefour|sente|cour|bis|ter';
const ADDRESS_RE = new RegExp(
	`(?<![\\p{L}\\d])(\\d{1,4})\\s?(?:bis|ter|quater|[a-dA-D](?![\\p{L}]))?\\s*,?\\s+(${WAY.replace('|bis|ter', '')})\\s+((?:(?:de la|de l['’]|du|des|de|d['’]|l['’]|la|le|les|aux|au)\\s*)?[\\p{L}][\\p{L}'’-]*)`,
	'giu'
);
const AMBIGUOUS_WAYS =
	/^(?:cours|place|pl\.?|mail|route|rte|voie|passage|domaine|clos|villa|cour|sente|promenade|traverse|mont[ée]e|carrefour|square|sq\.)$/i;
const DOMICILE_RE = new RegExp(
	`\\b(?:domicili[ée]e?s?|demeurant|r[ée]sidant|habit(?:e|ant|ent))\\s+(?:au|à|a|aux|en|dans la|dans le|le|la)?\\s*(?:\\d{1,4}\\s*(?:bis|ter)?,?\\s*)?(?:${WAY.replace('|bis|ter', '')})\\s+[\\p{L}]`,
	'giu'
);

/** Number words of a phone number read aloud ("zéro six douze trente-quatre…"). */
const NUMBER_WORDS =
	'z[ée]ro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cent|et';
/** "zéro" and a digit word, then at least three more number words: a phone number in words. */
const PHONE_WORDS_RE = new RegExp(
	`(?<![\\p{L}])z[ée]ro[\\s,.-]+(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf)(?:[\\s,.-]+(?:${NUMBER_WORDS})(?![\\p{L}])){3,}`,
	'giu'
);

/** Words for a person that "the only one" turns into a designation. */
const PERSON_WORDS =
	'[ée]l[èe]ves?|enfants?|jeunes?|filles?|gar[çc]ons?|adolescente?s?|mineure?s?|coll[ée]gienn?e?s?|lyc[ée]enn?e?s?|[ée]colier|[ée]coli[èe]re|habitante?s?|r[ée]sidente?s?|locataires?|personnes?|familles?|m[èe]res?|p[èe]res?|femmes?|hommes?|usag[èe]re?s?|b[ée]n[ée]ficiaires?|fr[èe]res?|s(?:œ|oe)urs?|b[ée]b[ée]s?|nourrissons?';
/** « l’unique élève », « le seul enfant », « la seule fille »: a description of one person. */
const ONLY_ONE_RE = new RegExp(
	`(?<![\\p{L}])(?:l['’]\\s?unique|(?:le|la|les)\\s+seule?s?)\\s+(?:${PERSON_WORDS})(?![\\p{L}])`,
	'giu'
);
/** A class of a school ("3e B", "CM2 A", "4ème C", "2nde 3"): a few dozen pupils at most. */
const CLASS_RE =
	/(?<![\p{L}\d])(?:[3-6](?:e|è|ème|eme)|2(?:nde|de)|1(?:re|ère)|CM[12]|CE[12]|CP|Tle|[Tt]erminale|[Ss]econde|[Pp]remi[èe]re)\s+(?:[A-H]|\d)(?![\p{L}\d])(?!\s+(?:partir|compter|titre|savoir|noter)\b)/gu;

function hasDigitRun(s: string, n: number): boolean {
	let run = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			if (++run >= n) return true;
		} else if (c !== 32 && c !== 46 && c !== 45 && c !== 47) run = 0;
	}
	return false;
}

/**
 * One pass over a text: its number of ASCII digits, and whether it holds what an e-mail needs
 * ('@', or 'at)', 'at]', ' at ' or 'arobase' for a disguised one).
 */
function textShape(s: string): { digits: number; at: boolean } {
	let digits = 0;
	let at = false;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 48 && c <= 57) digits++;
		else if (c === 64) at = true;
		else if ((c === 41 || c === 93) && i >= 2) {
			if (s.charCodeAt(i - 1) === 116 && s.charCodeAt(i - 2) === 97) at = true;
		} else if (c === 98 && i >= 3 && !at && s.startsWith('arobase', i - 3)) at = true;
		else if (c === 116 && i >= 2 && s.charCodeAt(i - 1) === 97 && s.charCodeAt(i - 2) === 32)
			at ||= s.charCodeAt(i + 1) === 32; // " at "
	}
	return { digits, at };
}

/** Every match of `re` in `text`, as a finding of `type`. */
function pushMatches(out: PiiFinding[], type: PiiType, text: string, re: RegExp) {
	for (const m of text.matchAll(re)) out.push(finding(type, m.index, m.index + m[0].length, m[0]));
}

function scanEmails(text: string, out: PiiFinding[]) {
	for (const m of text.matchAll(EMAIL_RE)) {
		if (!m[0].includes('@') && !/[([]\s?at|arobase/i.test(m[0]) && !BARE_AT_EMAIL.test(m[0]))
			continue;
		out.push(finding('email', m.index, m.index + m[0].length, m[0]));
	}
}

/** A class named with its number: "2nde 3", "3e 2" only after a school word. */
function scanClasses(text: string, out: PiiFinding[]) {
	for (const m of text.matchAll(CLASS_RE)) {
		// "2nde 3", "3e 2": a digit after the level only names a class after a school word
		if (
			/\d$/.test(m[0]) &&
			!/(?:classe|[ée]l[èe]ve|coll[èe]ge|lyc[ée]e)[^.;]{0,30}$/iu.test(text.slice(0, m.index))
		)
			continue;
		out.push(finding('singling', m.index, m.index + m[0].length, m[0]));
	}
}

function scanPhones(text: string, out: PiiFinding[]) {
	pushMatches(out, 'phone', text, PHONE_FR_RE);
	pushMatches(out, 'phone', text, PHONE_PAIRS_RE);
	if (/\+\s?\d/.test(text) || /\b00\s?[1-9]/.test(text)) {
		for (const p of findPhoneNumbersInText(text, { defaultCountry: 'FR' }))
			out.push(finding('phone', p.startsAt, p.endsAt, text.slice(p.startsAt, p.endsAt)));
	}
}

/** Social security numbers, IBANs, INE and personal SIRETs: long numbers checked by their key. */
function scanKeyedNumbers(text: string, out: PiiFinding[]) {
	for (const m of text.matchAll(NIR_RE)) {
		const c = m[0].replace(/[\s.]/g, '');
		if (!nirStructureOk(c)) continue;
		if (c.length === 15 ? nirKeyOk(c) : true)
			out.push(finding('nir', m.index, m.index + m[0].length, m[0]));
	}
	for (const m of text.matchAll(IBAN_RE)) {
		const iban = ibanPrefix(m[0]);
		if (iban) out.push(finding('iban', m.index, m.index + m[0].length, iban));
	}
	for (const m of text.matchAll(IBAN_FR_LOWER_RE)) {
		const iban = ibanExact(m[0]);
		if (iban) out.push(finding('iban', m.index, m.index + m[0].length, iban));
	}
	pushMatches(out, 'ine', text, INE_RE);
	if (SIRET_CONTEXT.test(text) || /\bsire[nt]\b/i.test(text)) {
		const personal = SIRET_CONTEXT.test(text);
		for (const m of text.matchAll(SIRET_RE)) {
			const d = m[0].replace(/\s/g, '');
			if (personal && luhnOk(d)) out.push(finding('siret', m.index, m.index + m[0].length, m[0]));
		}
	}
}

function scanPlates(text: string, out: PiiFinding[]) {
	pushMatches(out, 'plate', text, PLATE_SIV_RE);
	pushMatches(out, 'plate', text, PLATE_SIV_LOWER_RE);
	for (const m of text.matchAll(PLATE_FNI_RE)) {
		const letters = m[0].replace(/[^A-Z]/g, '');
		if (/^(?:QN|QP|RN|RD|CM|CE|CP|BP|TGI|TJ|EN|ZUS|ZEP|REP|QPV)$/.test(letters)) continue;
		out.push(finding('plate', m.index, m.index + m[0].length, m[0]));
	}
}

function scanAddresses(text: string, out: PiiFinding[]) {
	for (const m of text.matchAll(ADDRESS_RE)) {
		const way = m[2];
		const name = m[3].replace(/^(?:de la|de l['’]|du|des|de|d['’]|l['’]|la|le|les|aux|au)\s*/i, '');
		if (AMBIGUOUS_WAYS.test(way) && !/^\p{Lu}/u.test(name)) continue;
		if (/^(?:rue|avenue|boulevard|place|route|chemin)s$/i.test(way)) continue;
		out.push(finding('address', m.index, m.index + m[0].length, m[0]));
	}
}

/**
 * Identifiers recognised by their shape. Each family is skipped at once when the text's shape
 * (digits, « @ ») or a cheap word test rules it out: the gates stay here, the scans are apart.
 */
export function scanFormats(text: string, out: PiiFinding[]) {
	const { digits, at } = textShape(text);
	if (at) scanEmails(text, out);
	if (/domicili|demeurant|r[ée]sidant|habit/iu.test(text))
		pushMatches(out, 'address', text, DOMICILE_RE);
	if (/z[ée]ro/i.test(text)) pushMatches(out, 'phone', text, PHONE_WORDS_RE);
	if (/uniq|seul/i.test(text)) pushMatches(out, 'singling', text, ONLY_ONE_RE);
	if (digits === 0) return;
	scanClasses(text, out);
	if (digits >= 9 && hasDigitRun(text, 4)) {
		scanPhones(text, out);
		scanKeyedNumbers(text, out);
	}
	if (digits >= 3) scanPlates(text, out);
	scanDates(text, out);
	scanAddresses(text, out);
}

function scanDates(text: string, out: PiiFinding[]) {
	const thisYear = new Date().getFullYear();
	/** A birth context ("né le", "DDN") just before `start`. */
	const bornBefore = (start: number) =>
		BIRTH_CONTEXT.test(text.slice(Math.max(0, start - 30), start));
	const consider = (start: number, end: number, year: number | null, hasDay: boolean) => {
		const before = text.slice(Math.max(0, start - 40), start);
		const sentenceStart = Math.max(
			text.lastIndexOf('.', start - 1),
			text.lastIndexOf('\n', start - 1),
			text.lastIndexOf(';', start - 1)
		);
		const sentence = text.slice(sentenceStart + 1, Math.min(text.length, end + 60));
		if (bornBefore(start)) {
			out.push(finding('birthdate', start, end, text.slice(start, end)));
			return;
		}
		if (!hasDay || year === null) return;
		if (year > thisYear || year < 1900) return;
		if (LEGAL_BEFORE.test(before)) return;
		if (year >= thisYear - 3 && EVENT_CONTEXT.test(sentence.replace(text.slice(start, end), '')))
			return;
		out.push(finding('birthdate', start, end, text.slice(start, end)));
	};
	for (const m of text.matchAll(DATE_NUM_RE)) {
		let year: number;
		if (m[4]) year = Number(m[4]);
		else {
			const y = m[3];
			year = y.length === 4 ? Number(y) : Number(y) + (Number(y) > thisYear % 100 ? 1900 : 2000);
		}
		consider(m.index, m.index + m[0].length, year, true);
	}
	for (const m of text.matchAll(DATE_WORD_RE)) {
		const year = m[3] ? Number(m[3]) : null;
		if (year === null) {
			consider(m.index, m.index + m[0].length, null, true);
			continue;
		}
		consider(m.index, m.index + m[0].length, year, true);
	}
	if (!BIRTH_CONTEXT.test(text)) return;
	for (const m of text.matchAll(DATE_SPACED_RE))
		if (bornBefore(m.index)) out.push(finding('birthdate', m.index, m.index + m[0].length, m[0]));
	for (const m of text.matchAll(MONTH_YEAR_RE))
		if (bornBefore(m.index)) out.push(finding('birthdate', m.index, m.index + m[0].length, m[0]));
}
