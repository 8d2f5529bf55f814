import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { prefixTree, spellings } from './alternation';

const WORDS =
	'famille|jeune|adolescente?|gar[çc]on|fillette|fr[èe]re|s(?:œ|oe)ur|fils|fille|pr[ée]nomm[ée]e?|nomm[ée]e?|chez|[ée]l[èe]ve|dite?|mari|b[ée]b[ée]|b[ée]n[ée]ficiaire';

describe('word alternations as a prefix tree', () => {
	it('expands every spelling', () => {
		expect(spellings('pr[ée]nomm[ée]e?').sort()).toEqual(
			[
				'prenomme',
				'prenommee',
				'prenommé',
				'prenommée',
				'prénomme',
				'prénommee',
				'prénommé',
				'prénommée'
			].sort()
		);
		expect(spellings('s(?:œ|oe)ur|fils|dite?')).toEqual(['sœur', 'soeur', 'fils', 'dite', 'dit']);
	});
	it('shares prefixes', () => {
		expect(prefixTree('fils|fille|fillette')).toBe('(?:fil(?:s|le(?:tte)?))');
		expect(prefixTree('a.b|a+')).toBe('(?:a(?:\\.b|\\+))');
	});
	it('matches where the written alternation matches (property)', () => {
		const flat = new RegExp(`(?:${WORDS})\\s`, 'u');
		const tree = new RegExp(`${prefixTree(WORDS)}\\s`, 'u');
		const piece = fc.constantFrom(
			'famille',
			'jeune',
			'adolescent',
			'adolescente',
			'garçon',
			'garcon',
			'sœur',
			'soeur',
			'sœu',
			'prénommée',
			'prenomme',
			'nomm',
			'élève',
			'eleve',
			'mari',
			'tamari',
			'interdite',
			'dit',
			'bébé',
			'bebe',
			'bénéficiaire',
			'chez',
			'che',
			'fil',
			'fille',
			'fillet',
			'fils',
			'é',
			'x',
			'Fils'
		);
		const space = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u202f', '', '', '');
		fc.assert(
			fc.property(fc.array(fc.tuple(piece, space), { maxLength: 10 }), (parts) => {
				const text = parts.map(([p, s]) => p + s).join('');
				expect(tree.test(text)).toBe(flat.test(text));
			}),
			{ numRuns: 3000 }
		);
	});
});
