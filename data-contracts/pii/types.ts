// What a finding is: the types of personal identifier, their French labels and messages.
import { maskValue } from './mask';

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

export const finding = (type: PiiType, start: number, end: number, raw: string): PiiFinding => {
	const hint = maskValue(raw, type);
	return { type, code: `pii.${type}`, start, end, hint, message: piiMessage(type, hint) };
};
