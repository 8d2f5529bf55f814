// Personal-identifier detection in headers and free-text cells (contract v1, "What a personal
// identifier is"). Checksummed identifiers are refused outright; formats and names use French
// context words, and stay quiet on places, institutions, legal references, months and counts.
import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { ibanExact, ibanPrefix, luhnOk, nirKeyOk, nirStructureOk } from './ids';
import { AMBIGUOUS, FIRST_NAMES, NEVER_NAMES, PLACES, SURNAMES, normWord } from './lexicon';
import { maskValue } from './mask';
import { prefixTree } from './alternation';

export const PII_TYPES = [
	'email',
	'phone',
	'nir',
	'iban',
	'siret',
	'ine',
	'plate',
	'birthdate',
	'address',
	'name',
	'singling',
	'column'
] as const;
export type PiiType = (typeof PII_TYPES)[number];

export interface PiiFinding {
	type: PiiType;
	code: string;
	start: number;
	end: number;
	/** masked hint, never the value */
	hint: string;
	message: string;
}

export const PII_LABELS: Record<PiiType, string> = {
	email: 'une adresse e-mail',
	phone: 'un numéro de téléphone',
	nir: 'un numéro de sécurité sociale (NIR)',
	iban: 'un IBAN (coordonnées bancaires)',
	siret: "un numéro SIREN/SIRET d'entrepreneur individuel",
	ine: 'un identifiant national élève (INE)',
	plate: "une plaque d'immatriculation",
	birthdate: 'une date précise au jour près (date de naissance possible)',
	address: 'une adresse postale',
	name: "le nom ou le prénom d'une personne",
	singling: 'une description qui désigne une seule personne (classe, « le seul… », « l’unique… »)',
	column: 'une colonne de données personnelles'
};

export function piiMessage(type: PiiType, hint: string): string {
	const what = PII_LABELS[type];
	const fix =
		type === 'birthdate'
			? 'supprimez-la ou remplacez-la par le mois (AAAA-MM) si elle ne désigne pas une personne'
			: type === 'name'
				? "supprimez-le ou remplacez-le par un terme neutre (« l'enfant », « la famille », « le jeune »)"
				: type === 'singling'
					? 'décrivez la situation sans ce qui permet de reconnaître la personne (classe, établissement, « le seul », « l’unique »)'
					: 'supprimez-le : aucune donnée permettant d’identifier une personne ne doit figurer dans le fichier';
	return `Donnée personnelle détectée : ${what} (${hint}). ${fix.charAt(0).toUpperCase()}${fix.slice(1)}.`;
}

const finding = (type: PiiType, start: number, end: number, raw: string): PiiFinding => {
	const hint = maskValue(raw, type);
	return { type, code: `pii.${type}`, start, end, hint, message: piiMessage(type, hint) };
};

// ---------- formats ----------

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

function scanFormats(text: string, out: PiiFinding[]) {
	const { digits, at } = textShape(text);
	if (at) {
		for (const m of text.matchAll(EMAIL_RE)) {
			if (!m[0].includes('@') && !/[([]\s?at|arobase/i.test(m[0]) && !BARE_AT_EMAIL.test(m[0]))
				continue;
			out.push(finding('email', m.index, m.index + m[0].length, m[0]));
		}
	}
	if (/domicili|demeurant|r[ée]sidant|habit/iu.test(text))
		for (const m of text.matchAll(DOMICILE_RE))
			out.push(finding('address', m.index, m.index + m[0].length, m[0]));
	if (/z[ée]ro/i.test(text))
		for (const m of text.matchAll(PHONE_WORDS_RE))
			out.push(finding('phone', m.index, m.index + m[0].length, m[0]));
	if (/uniq|seul/i.test(text))
		for (const m of text.matchAll(ONLY_ONE_RE))
			out.push(finding('singling', m.index, m.index + m[0].length, m[0]));
	if (digits === 0) return;
	for (const m of text.matchAll(CLASS_RE)) {
		// "2nde 3", "3e 2": a digit after the level only names a class after a school word
		if (
			/\d$/.test(m[0]) &&
			!/(?:classe|[ée]l[èe]ve|coll[èe]ge|lyc[ée]e)[^.;]{0,30}$/iu.test(text.slice(0, m.index))
		)
			continue;
		out.push(finding('singling', m.index, m.index + m[0].length, m[0]));
	}
	if (digits >= 9 && hasDigitRun(text, 4)) {
		for (const m of text.matchAll(PHONE_FR_RE))
			out.push(finding('phone', m.index, m.index + m[0].length, m[0]));
		for (const m of text.matchAll(PHONE_PAIRS_RE))
			out.push(finding('phone', m.index, m.index + m[0].length, m[0]));
		if (/\+\s?\d/.test(text) || /\b00\s?[1-9]/.test(text)) {
			for (const p of findPhoneNumbersInText(text, { defaultCountry: 'FR' }))
				out.push(finding('phone', p.startsAt, p.endsAt, text.slice(p.startsAt, p.endsAt)));
		}
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
		for (const m of text.matchAll(INE_RE))
			out.push(finding('ine', m.index, m.index + m[0].length, m[0]));
		if (SIRET_CONTEXT.test(text) || /\bsire[nt]\b/i.test(text)) {
			const personal = SIRET_CONTEXT.test(text);
			for (const m of text.matchAll(SIRET_RE)) {
				const d = m[0].replace(/\s/g, '');
				if (personal && luhnOk(d)) out.push(finding('siret', m.index, m.index + m[0].length, m[0]));
			}
		}
	}
	if (digits >= 3) {
		for (const m of text.matchAll(PLATE_SIV_RE))
			out.push(finding('plate', m.index, m.index + m[0].length, m[0]));
		for (const m of text.matchAll(PLATE_SIV_LOWER_RE))
			out.push(finding('plate', m.index, m.index + m[0].length, m[0]));
		for (const m of text.matchAll(PLATE_FNI_RE)) {
			const letters = m[0].replace(/[^A-Z]/g, '');
			if (/^(?:QN|QP|RN|RD|CM|CE|CP|BP|TGI|TJ|EN|ZUS|ZEP|REP|QPV)$/.test(letters)) continue;
			out.push(finding('plate', m.index, m.index + m[0].length, m[0]));
		}
	}
	if (digits >= 1) scanDates(text, out);
	if (digits >= 1) {
		for (const m of text.matchAll(ADDRESS_RE)) {
			const way = m[2];
			const name = m[3].replace(
				/^(?:de la|de l['’]|du|des|de|d['’]|l['’]|la|le|les|aux|au)\s*/i,
				''
			);
			if (AMBIGUOUS_WAYS.test(way) && !/^\p{Lu}/u.test(name)) continue;
			if (/^(?:rue|avenue|boulevard|place|route|chemin)s$/i.test(way)) continue;
			out.push(finding('address', m.index, m.index + m[0].length, m[0]));
		}
	}
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

// ---------- names ----------

interface Tok {
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

const ELISION_RE = /^(l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu)['’](.+)$/i;
const CIVILITY = new Set([
	'm',
	'mr',
	'mme',
	'mmes',
	'mlle',
	'mlles',
	'melle',
	'monsieur',
	'madame',
	'mademoiselle',
	'mm'
]);
const CONTEXT = new Set([
	'famille',
	'familles',
	'jeune',
	'enfant',
	'adolescent',
	'adolescente',
	'mineur',
	'mineure',
	'garcon',
	'fillette',
	'frere',
	'soeur',
	'fils',
	'fille',
	'mere',
	'pere',
	'prenomme',
	'prenommee',
	'nomme',
	'nommee',
	'denomme',
	'denommee',
	'surnomme',
	'surnommee',
	'alias',
	'chez',
	'eleve',
	'cousin',
	'cousine',
	'oncle',
	'tante',
	'neveu',
	'niece',
	'grand-mere',
	'grand-pere',
	'epoux',
	'epouse',
	'conjoint',
	'conjointe',
	'compagnon',
	'compagne',
	'mari',
	'dit',
	'dite',
	'patient',
	'patiente',
	'beau-pere',
	'belle-mere',
	'demi-frere',
	'demi-soeur',
	'petit-fils',
	'petite-fille',
	'bebe',
	'nourrisson',
	'collegien',
	'collegienne',
	'lyceen',
	'lyceenne',
	'usager',
	'usagere',
	'beneficiaire',
	'monsieur',
	'madame',
	'mr',
	'mme',
	'mlle'
]);
/** Context words after which a capitalised word is a surname even if it names a place. */
const FAMILY_HEADS = new Set(['famille', 'familles']);
/** Titles that follow a civility without being a name ("Monsieur Préfet", "Madame Maire"). */
const TITLES = new Set([
	'maire',
	'prefet',
	'prefete',
	'procureur',
	'procureure',
	'juge',
	'president',
	'presidente',
	'ministre',
	'delegue',
	'deleguee',
	'commissaire'
]);

const FACILITY = new Set([
	'college',
	'lycee',
	'ecole',
	'ecoles',
	'groupe',
	'rue',
	'avenue',
	'boulevard',
	'bd',
	'place',
	'allee',
	'impasse',
	'chemin',
	'quai',
	'square',
	'residence',
	'cite',
	'centre',
	'gymnase',
	'stade',
	'salle',
	'espace',
	'maison',
	'parc',
	'mediatheque',
	'bibliotheque',
	'hopital',
	'clinique',
	'institut',
	'fondation',
	'association',
	'theatre',
	'cinema',
	'piscine',
	'complexe',
	'foyer',
	'pavillon',
	'saint',
	'sainte',
	'st',
	'ste',
	'quartier',
	'square',
	'route',
	'cours',
	'passage',
	'villa',
	'mail',
	'esplanade',
	'parvis',
	'pont',
	'gare',
	'station',
	'lycees',
	'colleges',
	'campus',
	'universite',
	'iut',
	'dojo',
	'halle',
	'marche',
	'prix',
	'loi',
	'plan',
	'rapport',
	'circulaire',
	'dispositif',
	'methode',
	'programme',
	'operation',
	'secteur',
	'zone',
	'ilot',
	'tour',
	'tours',
	'batiment',
	'bat',
	'immeuble',
	'hameau',
	'lotissement',
	'domaine',
	'ferme',
	'chateau',
	'moulin',
	'bois',
	'foret',
	'vallee',
	'val',
	'mont',
	'plateau',
	'ville',
	'commune',
	'communes',
	'ligne',
	'bus',
	'rer',
	'tram',
	'tramway',
	'metro'
]);
/** Adjectives of a facility word ("centre social", "espace culturel", "complexe sportif"). */
const FACILITY_ADJ = new Set([
	'social',
	'sociale',
	'socioculturel',
	'socio-culturel',
	'culturel',
	'culturelle',
	'sportif',
	'sportive',
	'omnisports',
	'municipal',
	'municipale',
	'communal',
	'communale',
	'intercommunal',
	'intercommunale',
	'associatif',
	'associative',
	'polyvalent',
	'polyvalente',
	'educatif',
	'educative',
	'jeunesse'
]);
const ARTICLES = new Set([
	'de',
	'du',
	'des',
	'la',
	'le',
	'les',
	"l'",
	"d'",
	'aux',
	'au',
	'sur',
	'sous',
	'en'
]);
const PARTICLES = new Set([
	'de',
	'du',
	'des',
	'van',
	'von',
	'ben',
	'el',
	'da',
	'dos',
	'di',
	'le',
	'la',
	'bin'
]);

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
const OTHER = 1;
const LETTER = 2;
const UPPER = 3;
const LU_RE = /^\p{Lu}$/u;
const LM_RE = /^[\p{L}\p{M}]$/u;
const BMP_CLASS = new Uint8Array(0x10000);
const classify = (cp: number) => {
	const ch = String.fromCodePoint(cp);
	return LU_RE.test(ch) ? UPPER : LM_RE.test(ch) ? LETTER : OTHER;
};
function bmpClass(c: number): number {
	let k = BMP_CLASS[c];
	if (k === 0) BMP_CLASS[c] = k = classify(c);
	return k;
}
/** Letter class (OTHER, LETTER or UPPER) of the code point starting at `i`. */
function classAt(s: string, i: number): number {
	const c = s.charCodeAt(i);
	if (c < 128) return c >= 65 && c <= 90 ? UPPER : c >= 97 && c <= 122 ? LETTER : OTHER;
	if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
		const d = s.charCodeAt(i + 1);
		if (d >= 0xdc00 && d <= 0xdfff) return classify((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
	}
	return bmpClass(c);
}

/** Code units of the code point starting at `i`. */
function widthAt(s: string, i: number): number {
	const c = s.charCodeAt(i);
	if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return 1;
	const d = s.charCodeAt(i + 1);
	return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

function letterRunEnd(s: string, i: number): number {
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

function tokenize(text: string): Tok[] {
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
function scanNames(text: string, out: PiiFinding[]) {
	if (!nameCandidates(text)) return;
	const toks = tokenize(text);
	const flagged = new Set<number>();
	const flag = (from: number, to: number) => {
		for (let k = from; k <= to; k++) if (flagged.has(k)) return;
		for (let k = from; k <= to; k++) flagged.add(k);
		const s = toks[from].start;
		const e = toks[to].end;
		out.push(finding('name', s, e, text.slice(s, e)));
	};
	const nextWord = (i: number) => {
		let j = i + 1;
		while (j < toks.length && !toks[j].word && toks[j].t === '.') j++;
		return j < toks.length && toks[j].word ? j : -1;
	};
	// extent of a run of capitalised words starting at i (particles allowed inside)
	const runEnd = (i: number) => {
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
	};

	for (let i = 0; i < toks.length; i++) {
		const t = toks[i];
		if (!t.word || flagged.has(i)) continue;
		// 1. civility / family context followed by a capitalised word or an initial
		const civ =
			CIVILITY.has(t.n) &&
			(t.title || t.upper || t.n === 'm') &&
			(t.n !== 'm' || text[t.end - 1] === '.' || text[t.end] === '.');
		if (civ || CONTEXT.has(t.n)) {
			let j = nextWord(i);
			if (j > 0 && (toks[j].n === 'de' || toks[j].n === "d'")) j = nextWord(j);
			// "chez les Dupont": a family, when the word is a listed surname
			let family = false;
			if (j > 0 && t.n === 'chez' && toks[j].n === 'les') {
				j = nextWord(j);
				family = true;
			}
			if (j > 0) {
				const nt = toks[j];
				const info = nameInfo(nt);
				const after = PARTICLES.has(nt.n) ? nextWord(j) : -1;
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
							? !title && (!info.never || (info.listed && runEnd(j) === j))
							: !info.never && !info.place;
				if ((capital(nt) || nt.initial) && allowed) {
					const e = runEnd(j);
					flag(civ ? i : j, e);
					i = e;
					continue;
				}
				if (!civ && nt.word && !capital(nt) && FIRST_NAMES.has(nt.n) && !AMBIGUOUS.has(nt.n)) {
					flag(j, j);
					continue;
				}
			}
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
		let p = i - 1;
		while (p >= 0 && toks[p].word && ARTICLES.has(toks[p].n) && i - p <= 3) p--;
		// an adjective between the facility and its name ("centre social Pablo Picasso")
		if (p >= 1 && toks[p].word && FACILITY_ADJ.has(toks[p].n) && FACILITY.has(toks[p - 1].n)) p--;
		const prev = p >= 0 ? toks[p] : null;
		const e = runEnd(i);
		const run = toks.slice(i, e + 1).filter((x) => x.word && !PARTICLES.has(x.n));
		// a facility word names what follows ("collège Jean Moulin"), not across a full stop
		const facility =
			prev !== null && prev.word && FACILITY.has(prev.n) && text.charCodeAt(prev.end - 1) !== 46;
		const afterFacility = facility && !capital(prev);
		const prevFacilityCap = facility && capital(prev);
		if (afterFacility || prevFacilityCap) {
			i = e;
			continue;
		}
		const infos = run.map(nameInfo);
		if (infos.some((x) => x.never)) {
			const strongElsewhere = run.some(
				(x, k) =>
					!infos[k].never && !x.initial && infos[k].listed && !infos[k].amb && !infos[k].place
			);
			if ((!strongElsewhere || run.length < 2) && !firstThenSurname(run, infos)) {
				i = e;
				continue;
			}
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
		if (hit) flag(i, e);
		i = e;
	}
}

/** All personal identifiers found in a free-text value, in order of position. */
export function scanText(text: string): PiiFinding[] {
	const out: PiiFinding[] = [];
	if (!text) return out;
	scanFormats(text, out);
	scanNames(text, out);
	if (out.length <= 1) return out;
	out.sort((a, b) => a.start - b.start || b.end - a.end);
	// drop findings nested in an earlier one
	const kept: PiiFinding[] = [];
	for (const f of out) {
		const last = kept[kept.length - 1];
		if (last && f.start >= last.start && f.end <= last.end) continue;
		kept.push(f);
	}
	return kept;
}

const HEADER_PII: [RegExp, string][] = [
	[
		/(^|_)(nom|noms|nom_de_famille|nom_usage|nom_naissance|patronyme|surname|lastname|last_name|name|fullname)(_|$)/,
		'un nom'
	],
	[/prenom|firstname|first_name/, 'un prénom'],
	[/naissance|(^|_)(ddn|dob|birth|birthdate|date_nais|age_exact)(_|$)/, 'une date de naissance'],
	[/adresse|(^|_)(rue|domicile|address|code_postal|cp|voie)(_|$)/, 'une adresse'],
	[/mail|courriel/, 'une adresse e-mail'],
	[/(^|_)(tel|telephone|portable|mobile|phone|fixe|gsm)(_|$)|telephone/, 'un numéro de téléphone'],
	[
		/(^|_)(nir|secu|securite_sociale|num_ss|nss|insee|numero_ss)(_|$)|securite_sociale/,
		'un numéro de sécurité sociale'
	],
	[/(^|_)(ine|identifiant_eleve|id_eleve|numero_eleve)(_|$)/, 'un identifiant élève (INE)'],
	[/(^|_)(iban|rib|bic)(_|$)/, 'des coordonnées bancaires'],
	[/immatriculation|(^|_)plaque(_|$)/, "une plaque d'immatriculation"],
	[
		/(^|_)(photo|signature|caf_allocataire|numero_allocataire|num_allocataire|passeport|cni|carte_identite)(_|$)/,
		'un identifiant personnel'
	]
];

export const normHeader = (h: string) =>
	h
		.replace(/^\uFEFF/, '')
		.trim()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[\s\-'’.]+/g, '_')
		.replace(/_+/g, '_')
		.replace(/^_|_$/g, '');

/** A header that designates personal data (`pii.column`), or null. */
export function scanHeader(header: string): PiiFinding | null {
	const h = normHeader(header);
	for (const [re, what] of HEADER_PII)
		if (re.test(h))
			return {
				type: 'column',
				code: 'pii.column',
				start: 0,
				end: header.length,
				hint: header.trim().slice(0, 40),
				message: `La colonne « ${header.trim().slice(0, 40)} » contient ${what} : les données personnelles sont interdites. Supprimez cette colonne du fichier avant de le déposer.`
			};
	return null;
}

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
