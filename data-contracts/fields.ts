// Field definitions of contract v1 (shared/CONTRACT-v1.md): the single source from which the zod
// schemas, the fast row checker, JSON Schema, Table Schema, CSV templates and the /contrat page
// are all derived. Descriptions and examples are French: error messages are built from them.
import {
	ACCORDS,
	EVALUATION_STRATEGIES,
	EVALUATIONS,
	INFORMATION_INTERESSE,
	INSTITUTIONS,
	MOTIFS_INCIDENT,
	OUI_NON,
	PROBLEMATIQUES,
	SENS_INCIDENT,
	SEXES,
	STATUTS,
	STRATEGIES,
	SUITES_INCIDENT,
	TRANCHES_AGE,
	TRANSMISSIONS,
	type TabularKind
} from './codes';

export type FieldType =
	'code' | 'codes' | 'month' | 'date' | 'integer' | 'text' | 'ref' | 'quartier' | 'boolean';

export interface FieldDef {
	name: string;
	/** true, false, or the French condition under which it is required */
	required: boolean | string;
	type: FieldType;
	label: string;
	description: string;
	example: string;
	codes?: readonly string[];
	labels?: Record<string, string>;
	min?: number;
	max?: number;
	maxLength?: number;
	/** free text scanned for personal identifiers */
	freeText?: boolean;
}

const code = (
	name: string,
	label: string,
	description: string,
	set: { codes: readonly string[]; labels: Record<string, string> },
	example: string
): FieldDef => ({
	name,
	required: true,
	type: 'code',
	label,
	description,
	example,
	codes: set.codes,
	labels: set.labels
});

export const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** MONTH_RE.test without a regex (hot path). */
export function isMonth(v: string): boolean {
	if (v.length !== 7 || v.charCodeAt(4) !== 45) return false;
	for (let i = 0; i < 4; i++) {
		const c = v.charCodeAt(i);
		if (c < 48 || c > 57) return false;
	}
	const a = v.charCodeAt(5);
	const b = v.charCodeAt(6);
	return a === 48 ? b >= 49 && b <= 57 : a === 49 && b >= 48 && b <= 50;
}
export const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const INTEGER_RE = /^\d{1,9}$/;
export const REF_RE = /^[A-Z0-9-]{3,20}$/;
/** REF_RE.test without a regex (hot path). */
export function isRef(v: string): boolean {
	if (v.length < 3 || v.length > 20) return false;
	for (let i = 0; i < v.length; i++) {
		const c = v.charCodeAt(i);
		if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45)) return false;
	}
	return true;
}
export const QUARTIER_RE = /^(?:QN\d{3}\d{2}[A-Z]|QP\d{6}|hors_qpv)$/;

export const FIELDS: Record<TabularKind, FieldDef[]> = {
	situations: [
		{
			name: 'ref_situation',
			required: true,
			type: 'ref',
			label: 'Référence de la situation',
			description:
				'code opaque choisi par le groupe, de 3 à 20 caractères parmi A-Z, 0-9 et le tiret ; jamais un nom, des initiales avec une année, ni une date',
			example: 'SIT-0042',
			maxLength: 20
		},
		{
			name: 'date_premier_examen',
			required: true,
			type: 'month',
			label: 'Mois du premier examen',
			description:
				'mois du premier examen de la situation par le groupe, au format AAAA-MM (sans le jour)',
			example: '2025-03'
		},
		code(
			'problematique',
			'Problématique',
			'problématique principale de la situation',
			PROBLEMATIQUES,
			'decrochage_scolaire'
		),
		code(
			'tranche_age',
			"Tranche d'âge",
			"tranche d'âge de la personne concernée (jamais l'âge exact ni la date de naissance)",
			TRANCHES_AGE,
			'14-15'
		),
		code('sexe', 'Sexe', 'sexe de la personne concernée (NR si non renseigné)', SEXES, 'F'),
		{
			name: 'quartier',
			required: false,
			type: 'quartier',
			label: 'Quartier prioritaire',
			description:
				'code du quartier prioritaire de la politique de la ville : géographie 2024 QN + département sur 3 chiffres + numéro sur 2 chiffres + lettre, ou géographie 2015 QP + 6 chiffres, ou hors_qpv',
			example: 'QN09101M'
		},
		code(
			'information_interesse',
			'Information de l’intéressé',
			'information préalable de la personne ou de ses représentants légaux',
			INFORMATION_INTERESSE,
			'informe'
		),
		code('accord', 'Accord', "accord de la personne au partage d'information", ACCORDS, 'obtenu'),
		code(
			'institution_pilote',
			'Institution pilote',
			'institution qui pilote la stratégie',
			INSTITUTIONS,
			'education_nationale'
		),
		code(
			'strategie',
			'Stratégie',
			'stratégie décidée par le groupe',
			STRATEGIES,
			'remobilisation_scolaire'
		),
		{
			name: 'nb_examens',
			required: true,
			type: 'integer',
			label: "Nombre d'examens",
			description: 'nombre de séances où la situation a été examinée, entier de 1 à 99',
			example: '2',
			min: 1,
			max: 99
		},
		code(
			'transmission_hors_groupe',
			'Transmission hors du groupe',
			"transmission d'information hors du groupe",
			TRANSMISSIONS,
			'aucune'
		),
		code('statut', 'Statut', 'statut de la situation à la fin de la période', STATUTS, 'en_cours'),
		code(
			'evaluation',
			'Évaluation',
			'évaluation de la stratégie',
			EVALUATIONS,
			'amelioration_partielle'
		),
		{
			name: 'date_cloture',
			required: 'si statut = cloturee',
			type: 'month',
			label: 'Mois de clôture',
			description:
				'mois de clôture au format AAAA-MM, obligatoire si la situation est clôturée, vide sinon, jamais avant le mois du premier examen',
			example: '2025-06'
		},
		{
			name: 'commentaire',
			required: false,
			type: 'text',
			label: 'Commentaire',
			description:
				'texte libre de 500 caractères au plus, sans nom, date de naissance, adresse, téléphone ni aucun identifiant',
			example: 'Orientation vers le dispositif de réussite éducative.',
			maxLength: 500,
			freeText: true
		}
	],
	seances: [
		{
			name: 'date_seance',
			required: true,
			type: 'date',
			label: 'Date de la séance',
			description: 'date de la séance au format AAAA-MM-JJ',
			example: '2025-03-14'
		},
		{
			name: 'ordre_du_jour_prealable',
			required: true,
			type: 'boolean',
			label: 'Ordre du jour préalable',
			description: 'ordre du jour fixé à l’avance (oui ou non)',
			example: 'oui',
			codes: OUI_NON.codes,
			labels: OUI_NON.labels
		},
		{
			name: 'compte_rendu',
			required: true,
			type: 'boolean',
			label: 'Compte rendu',
			description: 'compte rendu établi (oui ou non)',
			example: 'oui',
			codes: OUI_NON.codes,
			labels: OUI_NON.labels
		},
		{
			name: 'nb_situations_examinees',
			required: true,
			type: 'integer',
			label: 'Situations examinées',
			description: 'nombre de situations examinées pendant la séance, entier positif ou nul',
			example: '6',
			min: 0
		},
		{
			name: 'nb_nouvelles_situations',
			required: true,
			type: 'integer',
			label: 'Nouvelles situations',
			description:
				'nombre de situations examinées pour la première fois, entier positif ou nul, au plus égal au nombre de situations examinées',
			example: '2',
			min: 0
		},
		code(
			'evaluation_strategies_precedentes',
			'Évaluation des stratégies précédentes',
			'évaluation des stratégies décidées lors des séances précédentes',
			EVALUATION_STRATEGIES,
			'oui'
		),
		{
			name: 'institutions_presentes',
			required: true,
			type: 'codes',
			label: 'Institutions présentes',
			description: 'codes des institutions présentes, séparés par une barre verticale |',
			example: 'education_nationale|police_municipale|commune',
			codes: INSTITUTIONS.codes,
			labels: INSTITUTIONS.labels
		}
	],
	incidents: [
		{
			name: 'date_incident',
			required: true,
			type: 'month',
			label: "Mois de l'incident",
			description: "mois de l'incident au format AAAA-MM",
			example: '2025-02'
		},
		code('sens', 'Sens', "sens de l'incident", SENS_INCIDENT, 'institution_vers_groupe'),
		code('motif', 'Motif', "motif de l'incident", MOTIFS_INCIDENT, 'transmission_sans_accord'),
		code('suite', 'Suite', "suite donnée à l'incident", SUITES_INCIDENT, 'resolu'),
		{
			name: 'description',
			required: false,
			type: 'text',
			label: 'Description',
			description:
				'texte libre de 500 caractères au plus, sans nom, date de naissance, adresse, téléphone ni aucun identifiant',
			example:
				"Information transmise à un partenaire sans l'accord du groupe ; rappel du protocole.",
			maxLength: 500,
			freeText: true
		}
	]
};

/** Cross-field rules, shared by the zod schemas and the fast checker. */
export interface CrossRule {
	code: string;
	column: string;
	/** every column `check` reads (the fast checker passes only these) */
	reads: readonly string[];
	/** returns a French message when the row breaks the rule; row values are trimmed, '' = absent */
	check(row: Record<string, string | undefined>): string | null;
}

export const CROSS_RULES: Record<TabularKind, CrossRule[]> = {
	situations: [
		{
			code: 'rule.date_cloture_requise',
			column: 'date_cloture',
			reads: ['statut', 'date_cloture'],
			check: (r) =>
				r.statut === 'cloturee' && !r.date_cloture
					? 'La situation est clôturée : indiquez le mois de clôture au format AAAA-MM (par exemple 2025-06).'
					: null
		},
		{
			code: 'rule.date_cloture_interdite',
			column: 'date_cloture',
			reads: ['statut', 'date_cloture'],
			check: (r) =>
				r.statut === 'en_cours' && r.date_cloture
					? 'La situation est en cours : laissez le mois de clôture vide, ou indiquez le statut cloturee.'
					: null
		},
		{
			code: 'rule.date_cloture_avant_examen',
			column: 'date_cloture',
			reads: ['date_cloture', 'date_premier_examen'],
			check: (r) =>
				r.date_cloture &&
				r.date_premier_examen &&
				isMonth(r.date_cloture) &&
				isMonth(r.date_premier_examen) &&
				r.date_cloture < r.date_premier_examen
					? 'Le mois de clôture est antérieur au mois du premier examen : corrigez l’un des deux mois.'
					: null
		}
	],
	seances: [
		{
			code: 'rule.nouvelles_superieures_examinees',
			column: 'nb_nouvelles_situations',
			reads: ['nb_nouvelles_situations', 'nb_situations_examinees'],
			check: (r) =>
				r.nb_nouvelles_situations &&
				r.nb_situations_examinees &&
				INTEGER_RE.test(r.nb_nouvelles_situations) &&
				INTEGER_RE.test(r.nb_situations_examinees) &&
				Number(r.nb_nouvelles_situations) > Number(r.nb_situations_examinees)
					? 'Le nombre de nouvelles situations dépasse le nombre de situations examinées : il doit être inférieur ou égal.'
					: null
		}
	],
	incidents: []
};

/** The French label of a column ("Tranche d'âge" for tranche_age), or the name itself. */
export function fieldLabel(kind: TabularKind, name: string): string {
	return FIELDS[kind].find((f) => f.name === name)?.label ?? name;
}

/** The French label of a cell's value ("Hors quartier prioritaire" for hors_qpv), for people. */
export function valueLabel(kind: TabularKind, name: string, value: string): string {
	if (value === '') return '(vide)';
	if (name === 'quartier')
		return value === 'hors_qpv' ? 'Hors quartier prioritaire' : `Quartier prioritaire ${value}`;
	const f = FIELDS[kind].find((d) => d.name === name);
	if (f?.labels) {
		if (f.type === 'codes')
			return value
				.split('|')
				.map((v) => f.labels?.[v.trim()] ?? v)
				.join(', ');
		return f.labels[value] ?? value;
	}
	return value;
}
