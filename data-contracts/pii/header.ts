// Column headers that designate personal data (`pii.column`).
import type { PiiFinding } from './types';

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
