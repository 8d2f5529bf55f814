// The compte rendu check (protocole de l’Essonne, 2005, §4: « Le compte rendu ne mentionne que la
// solution envisagée et l’institution qui la conduira »). Runs in the coordinator's browser on the
// text extracted from the document, block by block (a paragraph, or a line of a PDF page): every
// personal identifier, by the same detectors as the CSV report, and every passage that describes
// the situation beyond the solution and the pilot institution (lexicon.ts), each with its
// position, its kind and what to write instead. IO-free: usable by a CLI as well.
import { PII_LABELS, scanText, type PiiType } from '../pii/detect';
import { STRATEGIES, INSTITUTIONS } from '../codes';
import { BEYOND_KINDS, BEYOND_LABELS, BEYOND_LEXICON, type BeyondKind } from './lexicon';
import { PROTOCOL_RULE } from './rule';

export { PROTOCOL_RULE };

/** One paragraph (or line) of the document, with where it is, in French (« paragraphe 3 »). */
export interface CrBlock {
	text: string;
	where: string;
}

export interface CrFinding {
	/** index in the blocks */
	block: number;
	/** UTF-16 offsets in the block's text */
	start: number;
	end: number;
	/** `pii.<type>` for an identifier, `cr.<kind>` for a description of the situation */
	code: string;
	/** masked hint for an identifier (never its value); the words found for a description */
	hint: string;
	message: string;
	advice: string;
}

export interface CrReport {
	ok: boolean;
	blocks: number;
	findings: CrFinding[];
	/** complete counts, even when findings are truncated */
	byCode: Record<string, number>;
	/** the French name of each code found (the page shows them without loading the detectors) */
	labels: Record<string, string>;
	total: number;
	truncated: boolean;
}

/** Expands « (x) » optional parts: « cousin(e)(s) » → cousin, cousins, cousine, cousines. */
export function expandForms(entry: string): string[] {
	const m = /\(([^()]*)\)/.exec(entry);
	if (!m) return [entry];
	const before = entry.slice(0, m.index);
	const after = entry.slice(m.index + m[0].length);
	return [...expandForms(before + after), ...expandForms(before + m[1] + after)];
}

/** Lower case, no accents, straight apostrophes, one entry per UTF-16 unit of the result. */
export function fold(text: string): { folded: string; from: number[] } {
	let folded = '';
	const from: number[] = [];
	for (let i = 0; i < text.length;) {
		const cp = text.codePointAt(i) ?? 0;
		const ch = String.fromCodePoint(cp);
		let f = ch;
		if (cp >= 0x80 || (cp >= 65 && cp <= 90)) {
			f = ch
				.normalize('NFD')
				.replace(/\p{M}/gu, '')
				.toLowerCase()
				.replace(/[’ʼ‘`´]/g, "'")
				.replace(/[\u00a0\u202f]/g, ' ');
			if (!f) f = ' ';
		}
		for (let k = 0; k < f.length; k++) from.push(i);
		folded += f;
		i += ch.length;
	}
	return { folded, from };
}

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

function formSource(form: string): string {
	return escapeRe(fold(form).folded)
		.replace(/ /g, '\\s+')
		.replace(/-/g, '[\\s-]?')
		.replace(/'/g, "'\\s*");
}

interface Compiled {
	re: RegExp;
	kinds: Map<string, BeyondKind>;
}

let compiled: Compiled | null = null;
function lexicon(): Compiled {
	if (compiled) return compiled;
	const kinds = new Map<string, BeyondKind>();
	for (const kind of BEYOND_KINDS)
		for (const entry of BEYOND_LEXICON[kind])
			for (const form of expandForms(entry)) kinds.set(fold(form).folded, kind);
	const forms = [...kinds.keys()].sort((a, b) => b.length - a.length);
	const re = new RegExp(
		`(?<![\\p{L}\\p{N}])(?:${forms.map(formSource).join('|')})(?![\\p{L}\\p{N}])`,
		'gu'
	);
	compiled = { re, kinds };
	return compiled;
}

export interface BeyondMatch {
	kind: BeyondKind;
	start: number;
	end: number;
	/** the words as written in the text */
	words: string;
}

/** Passages of `text` that describe a situation beyond its solution and pilot institution. */
export function findBeyond(text: string): BeyondMatch[] {
	const { re, kinds } = lexicon();
	const { folded, from } = fold(text);
	const out: BeyondMatch[] = [];
	for (const m of folded.matchAll(re)) {
		const key = m[0].replace(/\s+/g, ' ').replace(/' /g, "'");
		const kind =
			kinds.get(key) ?? kinds.get(key.replace(/ /g, '-')) ?? kinds.get(key.replace(/ /g, ''));
		const fEnd = m.index + m[0].length;
		const start = from[m.index];
		const end = fEnd < from.length ? from[fEnd] : text.length;
		out.push({ kind: kind ?? kindOf(key), start, end, words: text.slice(start, end) });
	}
	return out;
}

/** The kind of a match whose spacing differs from every listed form (« demi frère »). */
function kindOf(key: string): BeyondKind {
	const { kinds } = lexicon();
	const bare = key.replace(/[\s'-]/g, '');
	for (const [form, kind] of kinds) if (form.replace(/[\s'-]/g, '') === bare) return kind;
	return 'famille';
}

const EXAMPLES: Record<BeyondKind, [string, string]> = {
	famille: ['soutien_parentalite', 'conseil_departemental'],
	sante: ['prise_en_charge_sante', 'sante'],
	infraction: ['mesure_judiciaire', 'pjj'],
	scolarite: ['remobilisation_scolaire', 'education_nationale']
};

export function beyondMessage(kind: BeyondKind, words: string): string {
	return `Ce passage décrit la situation au-delà de la solution et de l’institution pilote : ${BEYOND_LABELS[kind]} (« ${words} »).`;
}

export function beyondAdvice(kind: BeyondKind): string {
	const [strategy, institution] = EXAMPLES[kind];
	const s = (STRATEGIES.labels as Record<string, string>)[strategy];
	const i = (INSTITUTIONS.labels as Record<string, string>)[institution];
	return `${PROTOCOL_RULE} Supprimez ce passage et écrivez seulement, pour la référence de la situation, la solution et l’institution qui la conduit, par exemple « Solution envisagée : ${s} — Institution pilote : ${i} ».`;
}

export function piiAdvice(type: PiiType): string {
	return type === 'name'
		? 'Désignez la situation par sa référence (par exemple « SIT-0042 »), jamais par le nom de la personne.'
		: 'Supprimez-le : la référence de la situation suffit ; aucune donnée permettant d’identifier une personne ne doit figurer dans le compte rendu.';
}

/** The French name of a finding's kind, for the summary and the report. */
export function crCodeLabel(code: string): string {
	if (code.startsWith('pii.'))
		return `Donnée personnelle : ${PII_LABELS[code.slice(4) as PiiType]}`;
	const kind = code.slice(3) as BeyondKind;
	const label = BEYOND_LABELS[kind] ?? 'un détail de la situation';
	return `Au-delà de la solution : ${label}`;
}

export const DEFAULT_MAX_FINDINGS = 500;

/** The check of a whole compte rendu. */
export function checkCompteRendu(blocks: readonly CrBlock[], max = DEFAULT_MAX_FINDINGS): CrReport {
	const findings: CrFinding[] = [];
	const byCode: Record<string, number> = {};
	let total = 0;
	blocks.forEach((b, block) => {
		if (!b.text.trim()) return;
		const here: CrFinding[] = [];
		for (const f of scanText(b.text)) {
			if (f.type === 'column') continue;
			here.push({
				block,
				start: f.start,
				end: f.end,
				code: f.code,
				hint: f.hint,
				message: f.message,
				advice: piiAdvice(f.type)
			});
		}
		for (const m of findBeyond(b.text)) {
			// a word inside an identifier already pointed at (a name that is also a word) is one finding
			if (here.some((f) => m.start < f.end && m.end > f.start)) continue;
			here.push({
				block,
				start: m.start,
				end: m.end,
				code: `cr.${m.kind}`,
				hint: m.words,
				message: beyondMessage(m.kind, m.words),
				advice: beyondAdvice(m.kind)
			});
		}
		here.sort((a, b2) => a.start - b2.start);
		for (const f of here) {
			total++;
			byCode[f.code] = (byCode[f.code] ?? 0) + 1;
			if (findings.length < max) findings.push(f);
		}
	});
	const labels = Object.fromEntries(Object.keys(byCode).map((c) => [c, crCodeLabel(c)]));
	return {
		ok: total === 0,
		blocks: blocks.length,
		findings,
		byCode,
		labels,
		total,
		truncated: total > max
	};
}
