import { describe, it, expect } from 'vitest';
import { codeKeys, codeNormalizer, monthOfDay, normalizeMonth, suggest } from './normalize';
import { compileKind, checkRow, type CellError } from './checks';
import { rowSchema, toRecord } from './schema';
import { FIELDS } from './fields';
import { generateRows, rowsToCsv } from './generate';
import { validateBytes, type ValidRow } from './validate';
import { TABULAR_KINDS, type TabularKind } from './codes';

const enc = (s: string) => new TextEncoder().encode(s);

/** One row of `kind` with `cells` changed, checked by the fast checker and by the zod schema. */
function check(kind: TabularKind, cells: Record<string, string>) {
	const [row] = generateRows(kind, { seed: 7, rows: 1, commentShare: 0 });
	const source = { ...row, ...cells };
	if (kind === 'situations' && !('statut' in cells)) {
		source.statut = 'en_cours';
		source.date_cloture = '';
	}
	const values = FIELDS[kind].map((f) => (source[f.name] ?? '').trim());
	const errors: CellError[] = [];
	checkRow(compileKind(kind), values, errors);
	const fast = Object.fromEntries(FIELDS[kind].map((f, i) => [f.name, values[i]]));
	const zod = rowSchema(kind).safeParse(toRecord(source));
	return { errors, fast, zod: zod.success ? zod.data : null };
}

function expectAccepted(kind: TabularKind, column: string, written: string, code: string) {
	const r = check(kind, { [column]: written });
	expect(r.errors, `${column} = ${written}`).toEqual([]);
	expect(r.fast[column]).toBe(code);
	expect(r.zod?.[column]).toBe(code);
}

describe('codes written as French labels', () => {
	it.each([
		['situations', 'problematique', 'Délinquance', 'delinquance'],
		['situations', 'problematique', 'delinquance', 'delinquance'],
		['situations', 'problematique', 'DÉLINQUANCE', 'delinquance'],
		['situations', 'problematique', 'violences intra-familiales', 'violences_intrafamiliales'],
		['situations', 'problematique', 'Violences intrafamiliales', 'violences_intrafamiliales'],
		['situations', 'tranche_age', '14-15', '14-15'],
		['situations', 'tranche_age', '14 - 15', '14-15'],
		['situations', 'tranche_age', '14 à 15 ans', '14-15'],
		['situations', 'institution_pilote', 'Éducation nationale', 'education_nationale'],
		['situations', 'institution_pilote', 'education nationale', 'education_nationale'],
		['situations', 'sexe', 'femme', 'F'],
		['situations', 'sexe', 'f', 'F'],
		['situations', 'transmission_hors_groupe', 'Avec l’accord du groupe', 'avec_accord_groupe'],
		['seances', 'ordre_du_jour_prealable', 'Oui', 'oui'],
		['seances', 'evaluation_strategies_precedentes', 'Sans objet', 'sans_objet'],
		[
			'seances',
			'institutions_presentes',
			'Éducation nationale | police municipale|COMMUNE',
			'education_nationale|police_municipale|commune'
		],
		['incidents', 'suite', 'Résolu', 'resolu']
	] as const)('%s.%s « %s » is stored as %s', (kind, column, written, code) =>
		expectAccepted(kind, column, written, code)
	);

	it('closes a situation written « Clôturée » with a month « juin 2025 »', () => {
		const r = check('situations', {
			date_premier_examen: '03/2025',
			statut: 'Clôturée',
			date_cloture: 'juin 2025'
		});
		expect(r.errors).toEqual([]);
		expect([r.fast.statut, r.fast.date_cloture, r.fast.date_premier_examen]).toEqual([
			'cloturee',
			'2025-06',
			'2025-03'
		]);
		expect(r.zod).toMatchObject({ statut: 'cloturee', date_cloture: '2025-06' });
		// the cross-field rules read the normalized months
		const early = check('situations', {
			date_premier_examen: 'juin 2025',
			statut: 'cloturee',
			date_cloture: '3/2025'
		});
		expect(early.errors.map((e) => e.code)).toEqual(['rule.date_cloture_avant_examen']);
		expect(early.zod).toBeNull();
	});

	it('maps every code and label of every column to exactly one code, its own', () => {
		for (const kind of TABULAR_KINDS)
			for (const f of FIELDS[kind]) {
				if (!f.codes) continue;
				const canon = codeNormalizer({ codes: f.codes, labels: f.labels });
				for (const c of f.codes) {
					expect(canon(c), `${kind}.${f.name} ${c}`).toBe(c);
					expect(canon(f.labels![c]), `${kind}.${f.name} ${f.labels![c]}`).toBe(c);
				}
				// no spelling of one value is a spelling of another
				expect(codeKeys({ codes: f.codes, labels: f.labels }).size).toBeGreaterThanOrEqual(
					f.codes.length
				);
			}
	});

	it('refuses to build a column where a label is the code of another value', () => {
		expect(() => codeKeys({ codes: ['oui', 'non'], labels: { oui: 'Non', non: 'Non' } })).toThrow(
			/désigne à la fois oui et non/
		);
		expect(() =>
			codeKeys({ codes: ['en_cours', 'fini'], labels: { en_cours: 'En cours', fini: 'en-cours' } })
		).toThrow();
	});
});

describe('suggestions for refused codes', () => {
	it('suggests the label and the code of a near miss', () => {
		const r = check('situations', { problematique: 'délinqance' });
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0]).toMatchObject({ column: 'problematique', code: 'value.code' });
		expect(r.errors[0].message).toContain('vouliez-vous dire « Délinquance (delinquance) » ?');
		expect(check('situations', { problematique: 'delinquence' }).errors[0].message).toContain(
			'« Délinquance (delinquance) »'
		);
	});
	it('suggests in every coded column, from labels as well as codes', () => {
		expect(
			check('situations', { institution_pilote: 'Educaton nationale' }).errors[0].message
		).toContain('« Éducation nationale (education_nationale) »');
		expect(check('situations', { accord: 'acord obtenu' }).errors[0].message).toContain(
			'« Accord obtenu (obtenu) »'
		);
		expect(check('incidents', { suite: 'resolue' }).errors[0].message).toContain(
			'« Résolu (resolu) »'
		);
		expect(
			check('seances', { institutions_presentes: 'commune|polise municipale' }).errors[0].message
		).toContain('« Police municipale (police_municipale) »');
	});
	it('lists every value a beginning fits, and guesses nothing far away', () => {
		const pilote = FIELDS.situations.find((f) => f.name === 'institution_pilote')!;
		expect(
			suggest('police', { codes: pilote.codes!, labels: pilote.labels })
				.map((s) => s.code)
				.sort()
		).toEqual(['police_municipale', 'police_nationale']);
		const far = check('seances', { institutions_presentes: 'mairie' }).errors[0].message;
		expect(far).not.toContain('vouliez-vous');
		expect(far).toContain('education_nationale, justice');
	});
});

describe('months', () => {
	it.each([
		['2026-03', '2026-03'],
		['03/2026', '2026-03'],
		['3/2026', '2026-03'],
		['mars 2026', '2026-03'],
		['Mars 2026', '2026-03'],
		['févr.-26', '2026-02'],
		['août 2025', '2025-08'],
		['2026/3', '2026-03']
	])('« %s » is the month %s', (written, month) => {
		expect(normalizeMonth(written)).toBe(month);
		expectAccepted('incidents', 'date_incident', written, month);
	});
	it.each(['2026-13', '13/2026', 'mars', '2026', 'marz 2026', '0/2026'])(
		'« %s » is not a month',
		(written) => {
			expect(normalizeMonth(written)).toBeNull();
			const r = check('incidents', { date_incident: written });
			expect(r.errors).toMatchObject([{ column: 'date_incident', code: 'value.month' }]);
			expect(r.errors[0].message).toMatch(/^Mois invalide/);
			expect(r.zod).toBeNull();
		}
	);
	it.each([
		['2026-03-14', '2026-03'],
		['14/03/2026', '2026-03'],
		['14 mars 2026', '2026-03'],
		['1er février 2026', '2026-02'],
		['01/03/2026 00:00', '2026-03']
	])('refuses the day-precise date « %s », naming the month %s', (written, month) => {
		expect(normalizeMonth(written)).toBeNull();
		expect(monthOfDay(written)).toBe(month);
		const r = check('situations', { date_premier_examen: written });
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0]).toMatchObject({ column: 'date_premier_examen', code: 'value.month' });
		expect(r.errors[0].message).toBe(
			`Date au jour près refusée : indiquez seulement le mois, ici ${month} (format AAAA-MM, sans le jour).`
		);
		expect(r.zod).toBeNull();
	});
	it('reports the refusal at the cell: file line and column', () => {
		const [row] = generateRows('incidents', { seed: 3, rows: 1, commentShare: 0 });
		const csv = [...rowsToCsv('incidents', [row, { ...row, date_incident: '14/03/2026' }])].join(
			''
		);
		const r = validateBytes('incidents', enc(csv));
		expect(r.ok).toBe(false);
		expect(r.errors).toMatchObject([{ row: 3, column: 'date_incident', code: 'value.month' }]);
		expect(r.errors[0].message).toContain('ici 2026-03');
	});
});

describe('a file written with labels and French months', () => {
	const MOIS = [
		'janvier',
		'Février',
		'mars',
		'AVRIL',
		'mai',
		'juin',
		'juillet',
		'août',
		'sept.',
		'octobre',
		'novembre',
		'décembre'
	];
	/** The same row as a referent might type it: labels in varied case, months in words or m/yyyy. */
	const asTyped = (kind: TabularKind, row: Record<string, string>, n: number) =>
		Object.fromEntries(
			FIELDS[kind].map((f) => {
				const v = row[f.name] ?? '';
				if (v === '') return [f.name, v];
				if (f.type === 'month') {
					const [y, m] = v.split('-');
					return [f.name, n % 2 ? `${MOIS[Number(m) - 1]} ${y}` : `${Number(m)}/${y}`];
				}
				const label = (c: string) => {
					const l = f.labels![c];
					return n % 3 === 0 ? l.toUpperCase() : n % 3 === 1 ? l : l.toLowerCase();
				};
				if (f.type === 'codes') return [f.name, v.split('|').map(label).join(' | ')];
				if (f.codes) return [f.name, label(v)];
				return [f.name, v];
			})
		);

	it.each(TABULAR_KINDS)('%s: gives the same normalized rows as the file with codes', (kind) => {
		const source = [...generateRows(kind, { seed: 5, rows: 200, commentShare: 0.3 })];
		const typed = source.map((r, i) => asTyped(kind, r, i));
		// the typed file really differs from the codes in every coded and month column
		for (const f of FIELDS[kind])
			if (f.codes || f.type === 'month')
				expect(
					typed.some((t, i) => t[f.name] !== source[i][f.name]),
					f.name
				).toBe(true);
		const read = (rows: Record<string, string>[]) => {
			const out: ValidRow[] = [];
			const csv = [...rowsToCsv(kind, rows)].join('');
			const report = validateBytes(kind, enc(csv), { onRow: (r) => out.push(r) });
			return { report, out };
		};
		const codes = read(source);
		const labels = read(typed);
		expect(codes.report.ok).toBe(true);
		expect(labels.report.errors).toEqual([]);
		expect(labels.report.ok).toBe(true);
		expect(labels.out).toHaveLength(source.length);
		expect(labels.out).toEqual(codes.out);
		expect(labels.report.risk).toEqual(codes.report.risk);
	});
});
