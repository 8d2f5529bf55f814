// The qualitative bilan (§5): four free-text sections plus the institution of the designated
// member, validated from the form or from a UTF-8 text file. File format (documented on /contrat):
//   Institution : <institution code>
//   ## Faits marquants
//   ...
//   ## Difficultés / ## Bonnes pratiques / ## Perspectives
// Headings are level 2, matched ignoring case and accents; the institution line may also be a
// section "## Institution du membre désigné" whose text is the code.
import { BILAN_SECTIONS, INSTITUTIONS, type BilanSection, type Institution } from './codes';
import { scanLines } from './free-text';
import { scanText } from './pii/detect';
import { decodeText } from './reader/decode';
import { ErrorCollector, DEFAULT_MAX_ERRORS, type Report, type ReportError } from './report';
import { closest, normalizeName } from './text-utils';

export const BILAN_MAX_SECTION = 5000;

export type BilanForm = Record<BilanSection, string> & { institution: string };
export interface BilanData {
	sections: Record<BilanSection, string>;
	institution: Institution;
}

const SECTION_BY_NAME = new Map<string, BilanSection>();
for (const s of BILAN_SECTIONS.codes) {
	SECTION_BY_NAME.set(normalizeName(s), s);
	SECTION_BY_NAME.set(normalizeName(BILAN_SECTIONS.labels[s]), s);
}
const INSTITUTION_HEADINGS = new Set(
	[
		'institution',
		'institution du membre designe',
		'institution du membre désigné',
		'membre designe'
	].map(normalizeName)
);
const INSTITUTION_LINE = /^\s*institution(?:\s+du\s+membre\s+d[ée]sign[ée])?\s*:\s*(.*)$/i;

/** Where the bilan comes from: the form (a drop-down list) or a text file (a line to write). */
type BilanSource = 'form' | 'file';

function checkInstitution(value: string, row: number, out: ReportError[], source: BilanSource) {
	const v = value.trim();
	if (!v) {
		out.push({
			row,
			column: 'institution',
			code: 'bilan.institution_missing',
			message:
				source === 'form'
					? 'Institution du membre désigné absente : choisissez-la dans la liste.'
					: 'Institution du membre désigné absente : ajoutez une ligne « Institution : <code> » (par exemple « Institution : education_nationale »).'
		});
		return;
	}
	if ((INSTITUTIONS.codes as readonly string[]).includes(v)) return;
	const pii = scanText(v);
	if (pii.length) {
		out.push({
			row,
			column: 'institution',
			code: pii[0].code,
			message: `${pii[0].message} Indiquez le code de l'institution, jamais le nom d'une personne.`
		});
		return;
	}
	if (source === 'form') {
		out.push({
			row,
			column: 'institution',
			code: 'value.code',
			message:
				'Institution non reconnue : choisissez l’institution du membre désigné dans la liste.'
		});
		return;
	}
	const s = closest(v, INSTITUTIONS.codes);
	out.push({
		row,
		column: 'institution',
		code: 'value.code',
		message: `Code d'institution non reconnu : indiquez l'institution du membre désigné par son code (${INSTITUTIONS.codes.join(', ')})${s ? ` — vouliez-vous dire « ${s} » ?` : ''}.`
	});
}

function checkSection(section: BilanSection, text: string, firstLine: number, out: ReportError[]) {
	const label = BILAN_SECTIONS.labels[section];
	if (!text.trim()) {
		out.push({
			row: firstLine,
			column: section,
			code: 'value.required',
			message: `La section « ${label} » est vide : rédigez quelques lignes (ou « Néant »).`
		});
		return;
	}
	if (text.length > BILAN_MAX_SECTION)
		out.push({
			row: firstLine,
			column: section,
			code: 'value.too_long',
			message: `La section « ${label} » dépasse ${BILAN_MAX_SECTION} caractères (${text.length}) : raccourcissez-la.`
		});
	out.push(...scanLines(text, section, firstLine));
}

function finish(errs: ReportError[], maxErrors: number): Report {
	const c = new ErrorCollector(maxErrors);
	for (const e of errs) c.add(e);
	const list = c.list();
	return {
		ok: c.total === 0,
		kind: 'bilan',
		rows: 1,
		errors: list,
		errorCount: c.total,
		errorsByCode: c.byCode,
		truncated: c.total > list.length,
		warnings: []
	};
}

/** Validates the bilan entered in the form; `row` is the line within each section. */
export function validateBilanForm(
	form: Partial<BilanForm>,
	maxErrors = DEFAULT_MAX_ERRORS
): Report {
	const out: ReportError[] = [];
	checkInstitution(form.institution ?? '', 1, out, 'form');
	for (const s of BILAN_SECTIONS.codes) checkSection(s, form[s] ?? '', 1, out);
	return finish(out, maxErrors);
}

/** Parses a bilan text into its form fields (no validation). */
export function parseBilanText(text: string): {
	form: Partial<BilanForm>;
	starts: Partial<Record<BilanSection, number>>;
	problems: ReportError[];
	institutionLine: number;
} {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	const form: Partial<BilanForm> = {};
	const starts: Partial<Record<BilanSection, number>> = {};
	const problems: ReportError[] = [];
	const buf: Partial<Record<BilanSection, string[]>> = {};
	let current: BilanSection | 'institution' | 'preamble' = 'preamble';
	let institutionLine = 1;
	lines.forEach((line, i) => {
		const row = i + 1;
		const h = /^\s*##(?!#)\s*(.*?)\s*#*\s*$/.exec(line);
		if (h) {
			const n = normalizeName(h[1]).replace(/_+$/, '');
			const s = SECTION_BY_NAME.get(n);
			if (s) {
				if (buf[s]) {
					problems.push({
						row,
						column: s,
						code: 'bilan.section_duplicate',
						message: `La section « ${BILAN_SECTIONS.labels[s]} » apparaît deux fois : regroupez son texte sous un seul titre.`
					});
				} else {
					buf[s] = [];
					starts[s] = row + 1;
				}
				current = s;
				return;
			}
			if (INSTITUTION_HEADINGS.has(n)) {
				current = 'institution';
				institutionLine = row + 1;
				return;
			}
			const sug = closest(
				h[1],
				BILAN_SECTIONS.codes.map((c) => BILAN_SECTIONS.labels[c])
			);
			problems.push({
				row,
				column: current === 'preamble' || current === 'institution' ? 'institution' : current,
				code: 'bilan.section_unknown',
				message: `Titre de section inconnu : utilisez exactement les titres ${BILAN_SECTIONS.codes.map((c) => `« ## ${BILAN_SECTIONS.labels[c]} »`).join(', ')}${sug ? ` (vouliez-vous dire « ${sug} » ?)` : ''}.`
			});
			return;
		}
		const inst = INSTITUTION_LINE.exec(line);
		if (
			inst &&
			(current === 'preamble' || current === 'institution') &&
			form.institution === undefined
		) {
			form.institution = inst[1].trim();
			institutionLine = row;
			return;
		}
		if (current === 'institution') {
			if (line.trim() && form.institution === undefined) {
				form.institution = line.trim();
				institutionLine = row;
			}
			return;
		}
		if (current === 'preamble') {
			if (line.trim() && !/^\s*#(?!#)/.test(line))
				for (const f of scanText(line))
					problems.push({ row, column: 'institution', code: f.code, message: f.message });
			return;
		}
		buf[current]!.push(line);
	});
	for (const s of BILAN_SECTIONS.codes)
		if (buf[s]) form[s] = buf[s]!.join('\n').trim() === '' ? '' : buf[s]!.join('\n');
	return { form, starts, problems, institutionLine };
}

export function validateBilanText(bytes: Uint8Array, maxErrors = DEFAULT_MAX_ERRORS): Report {
	const dec = decodeText(bytes);
	if (!dec.ok)
		return finish(
			[{ row: 1, column: '', code: dec.problem.code, message: dec.problem.message }],
			maxErrors
		);
	if (!dec.text.trim())
		return finish(
			[
				{
					row: 1,
					column: '',
					code: 'file.empty',
					message:
						'Le fichier est vide : rédigez le bilan avec ses quatre sections (## Faits marquants, ## Difficultés, ## Bonnes pratiques, ## Perspectives).'
				}
			],
			maxErrors
		);
	const { form, starts, problems, institutionLine } = parseBilanText(dec.text);
	const out = [...problems];
	checkInstitution(form.institution ?? '', institutionLine, out, 'file');
	const total = dec.text.split(/\r\n|\r|\n/).length;
	for (const s of BILAN_SECTIONS.codes) {
		if (form[s] === undefined) {
			out.push({
				row: total,
				column: s,
				code: 'bilan.section_missing',
				message: `Section absente : ajoutez un titre « ## ${BILAN_SECTIONS.labels[s]} » suivi de son texte.`
			});
			continue;
		}
		// the first line of a section's text is the line after its heading
		const text = form[s]!;
		checkSection(s, text, starts[s] ?? 1, out);
	}
	out.sort((a, b) => a.row - b.row);
	return finish(out, maxErrors);
}
