import { describe, expect, it } from 'vitest';
import { INSTITUTIONS, STRATEGIES } from '../codes';
import { FIELDS } from '../fields';
import { checkCompteRendu, expandForms, findBeyond, fold, type CrBlock } from './check';
import { BEYOND_KINDS, BEYOND_LEXICON } from './lexicon';

const blocks = (...texts: string[]): CrBlock[] =>
	texts.map((text, i) => ({ text, where: `paragraphe ${i + 1}` }));

describe('compte rendu lexicon', () => {
	it('expands optional parts', () => {
		expect(expandForms('cousin(e)(s)').sort()).toEqual(
			['cousin', 'cousine', 'cousines', 'cousins'].sort()
		);
		expect(expandForms('garde à vue')).toEqual(['garde à vue']);
	});

	it('folds case, accents and apostrophes, keeping offsets into the original', () => {
		const { folded, from } = fold('Sa MÈRE l’a dit');
		expect(folded).toBe("sa mere l'a dit");
		expect(from[3]).toBe(3);
		expect(from.length).toBe(folded.length);
	});

	it('finds each kind, whatever the case and accents, at its exact place', () => {
		const text = 'Sa MERE est hospitalisee ; garde à vue le mois dernier ; REDOUBLEMENT prévu.';
		const found = findBeyond(text);
		expect(found.map((f) => [f.kind, f.words])).toEqual([
			['famille', 'Sa MERE'],
			['sante', 'hospitalisee'],
			['infraction', 'garde à vue'],
			['scolarite', 'REDOUBLEMENT']
		]);
		for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.words);
	});

	it('takes whole words only', () => {
		expect(findBeyond('Un volontaire, un envol, des volets, la Maremma, un notebook')).toEqual([]);
		expect(findBeyond('les parentalités, la fraternité, une mairie')).toEqual([]);
		expect(findBeyond('Les vols ont cessé').map((f) => f.words)).toEqual(['vols']);
	});

	it('reads hyphens, spaces and apostrophes as written in Word', () => {
		expect(findBeyond('son demi frère').map((f) => f.kind)).toEqual(['famille']);
		expect(findBeyond('son demi-frère').map((f) => f.words)).toEqual(['demi-frère']);
		expect(findBeyond('un port d’arme prohibé').map((f) => f.words)).toEqual(['port d’arme']);
		expect(findBeyond('en garde\u00a0à vue').map((f) => f.kind)).toEqual(['infraction']);
	});

	it('prefers the longest phrase', () => {
		expect(findBeyond('sa mère').map((f) => f.words)).toEqual(['sa mère']);
	});

	it('matches every listed form', () => {
		for (const kind of BEYOND_KINDS)
			for (const entry of BEYOND_LEXICON[kind])
				for (const form of expandForms(entry)) {
					const found = findBeyond(`Noté : ${form}.`);
					expect(found.length, form).toBeGreaterThan(0);
				}
	});

	it('never flags what a compte rendu should say: the strategies and institutions', () => {
		const institution = FIELDS.situations.find((f) => f.name === 'institution_pilote');
		const labels = [
			...Object.values(STRATEGIES.labels),
			...Object.values(INSTITUTIONS.labels),
			...Object.values(institution?.labels ?? {}),
			'Référence de la situation',
			'Solution envisagée',
			'Institution pilote',
			'Le compte rendu ne mentionne que la solution envisagée et l’institution qui la conduira.'
		];
		for (const l of labels) expect(findBeyond(l), l).toEqual([]);
	});
});

describe('checkCompteRendu', () => {
	it('accepts a compte rendu that says only the solution and the pilot institution', () => {
		const r = checkCompteRendu(
			blocks(
				'Compte rendu de la séance',
				'SIT-0042 : solution envisagée : soutien à la parentalité. Institution pilote : Conseil départemental.',
				'SIT-0043 : remobilisation scolaire, pilotée par l’Éducation nationale.'
			)
		);
		expect(r).toMatchObject({ ok: true, total: 0, findings: [] });
	});

	it('points at a name and a family detail in their paragraph, with what to write instead', () => {
		const r = checkCompteRendu(
			blocks('Situation SIT-0042', 'Kevin Durand : sa mère est hospitalisée depuis mars.')
		);
		expect(r.ok).toBe(false);
		const codes = r.findings.map((f) => f.code);
		expect(codes).toEqual(['pii.name', 'cr.famille', 'cr.sante']);
		for (const f of r.findings) expect(f.block).toBe(1);
		const name = r.findings[0];
		expect(name.hint).not.toContain('Kevin');
		expect(name.message).toContain('nom');
		const family = r.findings[1];
		expect('Kevin Durand : sa mère est hospitalisée'.slice(family.start, family.end)).toBe(
			'sa mère'
		);
		expect(family.advice).toContain('ne mentionne que la solution envisagée');
		expect(family.advice).toContain('Soutien à la parentalité');
		expect(r.byCode).toEqual({ 'pii.name': 1, 'cr.famille': 1, 'cr.sante': 1 });
		expect(r.labels).toEqual({
			'pii.name': 'Donnée personnelle : le nom ou le prénom d’une personne'.replace('’', "'"),
			'cr.famille': 'Au-delà de la solution : un détail sur la famille',
			'cr.sante': 'Au-delà de la solution : un diagnostic ou un élément de santé'
		});
	});

	it('points at phone numbers, e-mails and NIR as the CSV report does', () => {
		const r = checkCompteRendu(
			blocks('Joindre au 06 12 34 56 78 ou jeanne.martin@exemple.fr', 'NIR 2 95 10 99 126 111 93')
		);
		expect(r.findings.map((f) => [f.block, f.code])).toEqual([
			[0, 'pii.phone'],
			[0, 'pii.email'],
			[1, 'pii.nir']
		]);
		expect(r.findings.every((f) => !f.hint.includes('12 34 56'))).toBe(true);
	});

	it('caps the findings but keeps complete counts', () => {
		const r = checkCompteRendu(
			blocks(...Array.from({ length: 20 }, () => 'Exclusion et redoublement.')),
			10
		);
		expect(r.findings).toHaveLength(10);
		expect(r.total).toBe(40);
		expect(r.truncated).toBe(true);
		expect(r.byCode['cr.scolarite']).toBe(40);
	});
});
