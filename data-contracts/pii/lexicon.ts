// Word lists for name detection: French first names and surnames (zxcvbn-ts, whose lists are
// published under swapped names), the subset that are also ordinary words, place tokens.
import surnameList from '@zxcvbn-ts/language-fr/dist/firstnames.json.mjs';
import firstNameList from '@zxcvbn-ts/language-fr/dist/lastnames.json.mjs';
import { AMBIGUOUS_NAMES, PLACE_TOKENS } from './lexicon-data';

const normCache = new Map<string, string>();
export function normWord(s: string): string {
	if (/^[a-z]+$/.test(s)) return s;
	let n = normCache.get(s);
	if (n === undefined) {
		n = s
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/’/g, "'")
			.toLowerCase();
		if (normCache.size > 50000) normCache.clear();
		normCache.set(s, n);
	}
	return n;
}

const build = (a: string[]) => {
	const s = new Set<string>();
	for (const w of a) if (w.length >= 2 && !w.includes(' ')) s.add(normWord(w));
	return s;
};

export const FIRST_NAMES = build(firstNameList);
export const SURNAMES = build(surnameList);
for (const extra of ['dupont', 'durand', 'lefebvre', 'lefevre', 'moreau', 'fournier', 'girard'])
	SURNAMES.add(extra);
export const AMBIGUOUS = build(AMBIGUOUS_NAMES);
export const PLACES = new Set(PLACE_TOKENS);

/** Words that are capitalised in institutional prose and must never be read as names. */
export const NEVER_NAMES = new Set(
	[
		// institutions, bodies, titles
		'police', 'nationale', 'municipale', 'gendarmerie', 'justice', 'education', 'mission', 'locale',
		'conseil', 'departemental', 'departementale', 'prefecture', 'prefet', 'prefete', 'maire', 'mairie',
		'ville', 'commune', 'etat', 'republique', 'tribunal', 'parquet', 'procureur', 'procureure', 'juge',
		'cour', 'protection', 'judiciaire', 'jeunesse', 'aide', 'sociale', 'enfance', 'caf', 'cpam',
		'france', 'travail', 'services', 'service', 'maison', 'solidarites', 'solidarite', 'centre',
		'communal', 'action', 'prevention', 'specialisee', 'sante', 'hopital', 'college', 'lycee',
		'ecole', 'academie', 'rectorat', 'inspection', 'direction', 'president', 'presidente', 'madame',
		'monsieur', 'ministere', 'ministre', 'delegue', 'deleguee', 'commissaire', 'commissariat',
		'brigade', 'cellule', 'veille', 'commission', 'groupe', 'comite', 'plan', 'contrat', 'protocole',
		'loi', 'decret', 'article', 'code', 'circulaire', 'arrete', 'ordonnance', 'convention', 'charte',
		'bailleur', 'office', 'habitat', 'logement', 'transport', 'transports', 'bus', 'rer', 'sncf',
		'ratp', 'reseau', 'programme', 'reussite', 'educative', 'educatif', 'cite', 'cites', 'quartier',
		'quartiers', 'politique', 'fiche', 'assemblee', 'pleniere', 'seance', 'bilan', 'rapport',
		'defenseur', 'droits', 'ars', 'agence', 'regionale', 'departement', 'region', 'territoire',
		'territorial', 'territoriale', 'intercommunal', 'intercommunale', 'agglomeration', 'communaute',
		'grand', 'grande', 'paris', 'sud', 'nord', 'est', 'ouest', 'ile', 'essonne', 'seine', 'orge',
		'yvette', 'juine', 'bievre', 'remarde', 'saint', 'sainte', 'notre', 'dame', 'jour', 'nuit',
		'noel', 'toussaint', 'paques', 'pentecote', 'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin',
		'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre', 'lundi', 'mardi', 'mercredi',
		'jeudi', 'vendredi', 'samedi', 'dimanche', 'covid', 'internet', 'facebook', 'snapchat',
		'instagram', 'tiktok', 'whatsapp', 'google', 'emmaus', 'unicef', 'secours', 'populaire',
		'catholique', 'croix', 'rouge', 'restos', 'coeur', 'apprentis', 'auteuil', 'clspd', 'cls',
		'qpv', 'pjj', 'ase', 'ccas', 'spip', 'cmp', 'cmpp', 'pmi', 'mds', 'mdph', 'rsa', 'ulis',
		'segpa', 'rep', 'aemo', 'mjie', 'ime', 'itep', 'cio', 'bep', 'cap', 'bts', 'cfa', 'epide',
		'e2c', 'uniformes', 'vigipirate', 'marianne', 'europe', 'europeen', 'europeenne', 'union',
		'olympiques', 'jeux', 'euro', 'euros', 'dispositif', 'projet', 'atelier', 'ateliers', 'forum',
		'semaine', 'journee', 'campagne', 'operation', 'vacances', 'ete', 'hiver', 'printemps',
		'automne', 'iban', 'siret', 'siren', 'nir', 'ine', 'ddn', 'tel', 'rib', 'bic', 'insee', 'ramadan', 'rentree', 'brevet', 'bac', 'baccalaureat', 'parcoursup', 'cnil', 'rgpd'
	]
);
