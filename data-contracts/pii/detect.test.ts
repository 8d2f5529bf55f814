import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fakerFR } from '@faker-js/faker';
import { scanHeader, scanRef, scanText, tokenSpans } from './detect';
import { FIRST_NAMES, SURNAMES } from './lexicon';
import { nirKeyOk, ibanPrefix, luhnOk } from './ids';
import { maskValue } from './mask';
import { plantIdentifier, plantValue, PLANTED_TYPES } from './plant';
import { cleanCorpus, PLANTED } from './corpus.test-data';
import { generateRows, rng } from '../generate';

const codes = (t: string) => scanText(t).map((f) => f.code);

/** Each text has no finding (the text names the failure). */
function expectQuiet(texts: string[]) {
	for (const t of texts) expect(scanText(t), t).toEqual([]);
}

/** Each text is read as holding a name. */
function expectName(texts: string[]) {
	for (const t of texts) expect(codes(t), t).toContain('pii.name');
}

describe('checksums', () => {
	it('accepts the stdnum NIR vectors and refuses a wrong key', () => {
		expect(nirKeyOk('295109912611193')).toBe(true);
		expect(nirKeyOk('253072B07300470')).toBe(true);
		expect(nirKeyOk('253072A07300443')).toBe(true);
		expect(nirKeyOk('295109912611199')).toBe(false);
		expect(codes('2 95 10 99 126 111 99')).not.toContain('pii.nir');
		expect(codes('253072C07300443')).not.toContain('pii.nir');
	});
	it('validates IBAN and Luhn', () => {
		expect(ibanPrefix('FR14 2004 1010 0505 0001 3M02 606')).toBe('FR1420041010050500013M02606');
		expect(ibanPrefix('FR14 2004 1010 0505 0001 3M02 607')).toBeNull();
		expect(luhnOk('732829320')).toBe(true);
		expect(luhnOk('732829321')).toBe(false);
	});
});

describe('planted identifiers', () => {
	it.each(PLANTED)('finds %s in %j', (type, text) => {
		expect(codes(text)).toContain(`pii.${type}`);
	});
	it('reports SIRET only with a personal context', () => {
		expect(codes('auto-entrepreneur, SIRET 732 829 320 00074')).toContain('pii.siret');
		expect(codes('Subvention versée à l’association, SIRET 732 829 320 00074')).not.toContain(
			'pii.siret'
		);
	});
	it('never echoes the value in the message', () => {
		for (const [, text] of PLANTED)
			for (const f of scanText(text)) {
				const v = text.slice(f.start, f.end);
				expect(f.message.includes(v) && v.length > 3).toBe(false);
			}
		expect(maskValue('k.dupont@gmail.com', 'email')).toBe('k…@…com');
		expect(maskValue('06 12 34 56 78', 'phone')).toBe('06 … 78');
	});
	it('finds faker names, phones and e-mails', () => {
		fakerFR.seed(42);
		let missed = 0;
		const total = 300;
		for (let i = 0; i < total; i++) {
			const name = `${fakerFR.person.firstName()} ${fakerFR.person.lastName()}`;
			const phone = fakerFR.phone.number();
			const mail = fakerFR.internet.email();
			if (!codes(`Situation suivie avec ${name} depuis janvier.`).includes('pii.name')) missed++;
			expect(codes(`Rappeler au ${phone}`)).toContain('pii.phone');
			expect(codes(`Écrire à ${mail}`)).toContain('pii.email');
		}
		expect(missed / total).toBeLessThan(0.03);
	});
	it('finds faker full names wherever they stand in a sentence (≤ 1 % missed)', () => {
		fakerFR.seed(7);
		const templates = [
			(n: string) => `Rencontre avec ${n}, orienté vers la mission locale.`,
			(n: string) => `${n} a été reçu par le CCAS.`,
			(n: string) => `Le groupe a entendu ${n} au sujet de l’absentéisme.`,
			(n: string) => `Orientation de ${n} vers le programme de réussite éducative.`
		];
		const total = 2000;
		const missed: string[] = [];
		for (let i = 0; i < total; i++) {
			const text = templates[i % templates.length](fakerFR.person.fullName());
			if (!codes(text).includes('pii.name')) missed.push(text);
		}
		expect(missed.length / total, missed.slice(0, 5).join('\n')).toBeLessThanOrEqual(0.01);
	});
	it('reads "Le roux" after a first name, and first names that are also places', () => {
		for (const text of [
			'Rencontre avec Almine Le roux, orientée vers la mission locale.',
			'Néhémie Da silva a été reçue par le CCAS.',
			'Entretien avec Yvette Henry le mois dernier.',
			'Rencontre avec René Paris, orienté vers la mission locale.',
			'Marianne Fournier sera reçue en mars.'
		])
			expect(codes(text), text).toContain('pii.name');
		for (const text of [
			'Les partenaires de France Travail et de la Croix Rouge ont participé.',
			'Le Grand Paris et la vallée de l’Yvette accueillent le forum.',
			'Le bateau Marianne Seine part du quai.',
			'Séance à Paris Le mardi, puis à Évry Le lendemain.'
		])
			expect(codes(text), text).not.toContain('pii.name');
	});
	it('plants detectable identifiers of every type (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 2 ** 31 }),
				fc.constantFrom(...PLANTED_TYPES),
				(seed, type) => {
					const r = rng(seed);
					const [row] = generateRows('situations', { seed, rows: 1, commentShare: 0.5 });
					const p = plantIdentifier(row, 'situations', r, type);
					expect(codes(p.row[p.column])).toContain(`pii.${type}`);
				}
			),
			{ numRuns: 300 }
		);
		expect(plantValue('iban', rng(1))).toMatch(/^FR/);
	});
});

describe('clean prose', () => {
	it('stays quiet on institutional sentences (≤ 0.5 % flagged)', () => {
		const corpus = cleanCorpus();
		expect(corpus.length).toBeGreaterThanOrEqual(200);
		const flagged = corpus.filter((s) => scanText(s).length > 0);
		expect(flagged, flagged.slice(0, 5).join('\n')).toHaveLength(0);
	});
	it('ignores months, counts, legal references and month-year dates', () => {
		expectQuiet([
			'12 situations examinées en mars 2025',
			'Article L. 121-1 du code',
			'la loi du 5 mars 2007',
			'Séance du 14 mars 2025 à Évry-Courcouronnes',
			'Les 3 places disponibles et 2 cours de soutien',
			'Marie est absente'
		]);
	});
});

describe('birth months, phones in words, singling out, facilities', () => {
	it('reads a month and year as a birth date only after a birth context', () => {
		expect(codes('Yanis, né en mars 2011, est suivi.')).toContain('pii.birthdate');
		expect(codes('DDN : 03/2011')).toContain('pii.birthdate');
		expectQuiet([
			'Le dispositif, lancé en mars 2011, est reconduit.',
			'Le CLSPD de mars 2011 a adopté la charte.',
			'Le contrat de ville est né en 2015.'
		]);
	});
	it('reads a phone number in words, and leaves counts in words alone', () => {
		const f = scanText('Contact : zéro six douze trente-quatre cinquante-six.');
		expect(f.map((x) => x.code)).toEqual(['pii.phone']);
		expect(f[0].message).not.toContain('douze');
		expectQuiet([
			'Zéro situation en janvier, six en février, douze en mars.',
			'Trois séances, douze situations, vingt-deux orientations.'
		]);
	});
	it('refuses descriptions that single a person out, not counts or institutions', () => {
		expect(codes('l’unique élève de 3e B du collège Paul Éluard')).toEqual([
			'pii.singling',
			'pii.singling'
		]);
		expect(codes('le seul enfant de la famille à être scolarisé')).toContain('pii.singling');
		expect(codes('une élève de CM2 A')).toContain('pii.singling');
		expectQuiet([
			'La seule instance réunie en août a été la cellule de veille.',
			'Un seul enfant de moins de 11 ans a été orienté.',
			'Les élèves de 3e ont participé au forum des métiers.',
			'Il reste 2 places en CM2 A partir de mars.',
			'La 3e édition du forum a réuni 12 partenaires.',
			'Le seul dispositif mobilisé reste la PRE.'
		]);
	});
	it('reads a name after a facility word as the place it names', () => {
		expectQuiet([
			'Atelier au centre social Pablo Picasso.',
			'Forum au collège Paul Éluard et à l’école Jules Ferry.',
			'Tournoi au gymnase Marcel Cerdan, lecture à la médiathèque Albert Camus.',
			'Permanence rue Victor Hugo et avenue Jean Jaurès, près du lycée Georges Brassens.'
		]);
		expect(codes('Rencontre avec Pablo Picasso au centre social.')).toContain('pii.name');
	});
});

describe('context words', () => {
	it('reads an unlisted capitalised word after any context word as a name, whatever its case', () => {
		expectName([
			'Famille Xyzzy suivie par le CCAS.',
			'Jeune Xyzzy orienté vers la mission locale',
			'le lycéen Xyzzy est absent',
			'la collégienne Xyzzy',
			'un nourrisson Xyzzy',
			'les familles Xyzzy et Zork',
			'usagère Xyzzy reçue',
			'madame Xyzzy a appelé',
			'le lycéen kevin est absent'
		]);
	});
	it('stays quiet when no name follows', () => {
		expectQuiet([
			'Monsieur le Préfet a signé la convention.',
			'les lycéens de Corbeil-Essonnes',
			'collégiens Évry',
			'madame la maire',
			'Famille suivie par le CCAS.'
		]);
	});
});

describe('civilities, families and initials', () => {
	it('reads a capitalised word after a civility as a name even when it is also a place or a holiday', () => {
		expectName([
			'Situation suivie avec Mme Noel depuis janvier.',
			'M. Paris a été reçu par le CCAS.',
			'RAS pour Mlle Paris, à revoir en séance.',
			'Le groupe a entendu M. et Mme Noel.',
			'Orientation de Madame Marianne Gaillard vers la PRE.',
			'RAS pour Monsieur Le roux, à revoir.',
			'Situation suivie avec la famille Francois depuis janvier.',
			'RAS pour la famille Noel, à revoir en séance.',
			'Point fait : la famille Le gall',
			'Accueil chez les Dupont le 3 mars.',
			'Orientation de Alexanne O. vers la PRE.',
			'Point fait : C. Francois',
			'RAS pour Aude D., à revoir en séance.',
			'Point fait : Ascelin ROY',
			'Le groupe a entendu REY Gondebaud.',
			'Réunion du groupe. ROY Florian était absent.'
		]);
	});
	it('leaves titles, institutions and associations alone', () => {
		expectQuiet([
			'Monsieur le Maire a présidé la séance.',
			'Monsieur Le Maire de Corbeil-Essonnes.',
			'Madame la Préfète a signé la convention.',
			'M. le Procureur de la République était représenté.',
			'Orientation chez France Travail.',
			'Partenariat avec Familles Rurales.',
			'Accueil chez les Compagnons du Devoir.',
			'La famille d’accueil a été sollicitée.',
			'Orientation de Grigny vers le contrat de ville.',
			'Réunion de Paris Habitat.',
			'Relogement de la famille Paris Habitat.',
			'La PJJ Essonne informe le groupe.',
			'Réunion CAF Corbeil-Essonnes.',
			'Visite du collège Jean Moulin.'
		]);
	});
});

describe('particles', () => {
	it('reads a capitalised particle as a name only before a listed surname', () => {
		// "Le" is also a surname: alone at the start of a sentence it is an article
		expect(scanText('Le pilote de l’action rend compte d’une amélioration partielle.')).toEqual([]);
		expect(scanText('La mission locale et Da capo, Le groupe')).toEqual([]);
		expect(codes('Situation suivie avec Aloïse Da silva depuis janvier.')).toContain('pii.name');
		expect(codes('Orientation de Kévin Le Goff vers la mission locale.')).toContain('pii.name');
	});
});

describe('headers and references', () => {
	it('flags personal columns', () => {
		for (const h of [
			'Nom',
			'prénom',
			'Date de naissance',
			'Adresse',
			'e-mail',
			'Tél',
			'NIR',
			'N° sécurité sociale',
			'INE',
			'IBAN'
		])
			expect(scanHeader(h)?.code, h).toBe('pii.column');
		for (const h of ['nb_examens', 'commentaire', 'nombre', 'denomination_structure'])
			expect(scanHeader(h), h).toBeNull();
	});
	it('refuses references that designate a person', () => {
		expect(scanRef('DUPONT-01')?.code).toBe('pii.name');
		expect(scanRef('JD2009')?.code).toBe('pii.name');
		expect(scanRef('J-D-2009')?.code).toBe('pii.name');
		expect(scanRef('20090303')?.code).toBe('pii.birthdate');
		expect(scanRef('SIT-0042')).toBeNull();
		expect(scanRef('CV-2024-001')).toBeNull();
		expect(scanRef('S-BCDFGH')).toBeNull();
	});
	it('reads a plain upper-case reference as its padded form (property)', () => {
		// ' ' + ref is not plain: trimmed, upper-cased and looked up in lower case
		const names = [...FIRST_NAMES, ...SURNAMES].filter((n) => /^[a-z]+$/.test(n));
		const part = fc.oneof(
			fc.constantFrom(...names).map((n) => n.toUpperCase()),
			fc.stringMatching(/^[A-Z]{1,6}$/),
			fc.stringMatching(/^[0-9]{1,4}$/)
		);
		fc.assert(
			fc.property(fc.array(part, { minLength: 1, maxLength: 3 }), (parts) => {
				const ref = parts.join('-').slice(0, 20);
				expect(scanRef(ref)?.code ?? null).toBe(scanRef(` ${ref}`)?.code ?? null);
			}),
			{ numRuns: 3000 }
		);
		expect(scanRef('SIT-MARTIN')?.code).toBe('pii.name');
	});
});

describe('tokenizer', () => {
	it('cuts the tokens of its reference regex (property)', () => {
		const TOKEN_RE = /[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*\.?|\d+|[.!?;:\n()«»"“”,]/gu;
		const piece = fc.constantFrom(
			...['a', 'Z', 'é', 'É', 'ß', '\u0301', '𝒜', '😀', '\ud800', '\udc00', '٣', '1', '42'],
			...['-', "'", '’', '.', '!', '?', ';', ':', '\n', '(', ')', '«', '»', '"', '“', '”', ','],
			...[' ', '\u00a0', '\t', '/', '@', "l'", 'Jean-Marie', 'M.', 'qu’il']
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
				const text = parts.join('');
				const expected = [...text.matchAll(TOKEN_RE)].map((m) => [m.index, m.index + m[0].length]);
				expect(tokenSpans(text)).toEqual(expected);
			}),
			{ numRuns: 5000 }
		);
	});
});
