// What a release is, as the browser receives it: linked count tables for one audience and period,
// each cell with its disclosure status. A hidden cell's value is `null` — never the count.
// Shared by the server (builder), the pages (first paint) and the browser (DuckDB queries, exports).
import {
	ACCORDS,
	EVALUATIONS,
	INFORMATION_INTERESSE,
	INSTITUTIONS,
	INSTANCE_TYPES,
	MOTIFS_INCIDENT,
	PROBLEMATIQUES,
	SENS_INCIDENT,
	SEXES,
	STATUTS,
	STRATEGIES,
	SUITES_INCIDENT,
	TRANCHES_AGE,
	TRANSMISSIONS
} from '$contracts/codes';

/** A hidden cell carries no reason: whether it is small itself or hidden to protect another is
 * never said (that would tell an intruder which hidden cells are the small ones). */
export type CellStatus = 'published' | 'hidden';
export type Audience = 'commune' | 'departement';

/** A variable released as a table dimension: its column in the stored rows and its codes. */
export interface Variable {
	name: string;
	label: string;
	measure: 'situations' | 'incidents';
	codes: readonly string[];
	labels: Record<string, string>;
}

const v = (
	name: string,
	label: string,
	measure: Variable['measure'],
	e: { codes: readonly string[]; labels: Record<string, string> }
): Variable => ({ name, label, measure, codes: e.codes, labels: e.labels });

export const VARIABLES: Variable[] = [
	v('problematique', 'Situations par problématique', 'situations', PROBLEMATIQUES),
	v('tranche_age', 'Situations par tranche d’âge', 'situations', TRANCHES_AGE),
	v('sexe', 'Situations par sexe', 'situations', SEXES),
	v('institution_pilote', 'Institutions pilotes', 'situations', INSTITUTIONS),
	v('strategie', 'Stratégies retenues', 'situations', STRATEGIES),
	v('evaluation', 'Évaluation des situations', 'situations', EVALUATIONS),
	v('statut', 'Statut des situations', 'situations', STATUTS),
	v('information_interesse', 'Information des personnes', 'situations', INFORMATION_INTERESSE),
	v('accord', 'Recherche de l’accord', 'situations', ACCORDS),
	v('transmission_hors_groupe', 'Transmissions hors du groupe', 'situations', TRANSMISSIONS),
	v('sens', 'Incidents par sens', 'incidents', SENS_INCIDENT),
	v('motif', 'Incidents par motif', 'incidents', MOTIFS_INCIDENT),
	v('suite', 'Incidents par suite donnée', 'incidents', SUITES_INCIDENT)
];

/**
 * Variables derived from collected fields, in coarse bands (each row falls in one band, or none):
 * where the situation lives (QPV or not, from `quartier`), how many times it was examined
 * (`nb_examens`), and for a closed situation the months from its first examination to its
 * closure (`date_premier_examen` → `date_cloture`: a breakdown of the closed situations).
 */
export const DERIVED_VARIABLES: Variable[] = [
	v('qpv', 'Situations selon le quartier', 'situations', {
		codes: ['qpv', 'hors_qpv', 'non_renseigne'],
		labels: {
			qpv: 'En quartier prioritaire (QPV)',
			hors_qpv: 'Hors quartier prioritaire',
			non_renseigne: 'Quartier non renseigné'
		}
	}),
	v('examens', 'Examens par situation', 'situations', {
		codes: ['1', '2-3', '4+'],
		labels: { '1': '1 examen', '2-3': '2 ou 3 examens', '4+': '4 examens ou plus' }
	}),
	v('delai_cloture', 'Délai du premier examen à la clôture', 'situations', {
		codes: ['0-2', '3-5', '6+'],
		labels: { '0-2': 'Moins de 3 mois', '3-5': 'De 3 à 5 mois', '6+': '6 mois ou plus' }
	})
];

export const VARIABLE_BY_NAME = new Map(
	[...VARIABLES, ...DERIVED_VARIABLES].map((x) => [x.name, x])
);

export const INSTANCE_TYPE_VARIABLE: Variable = v(
	'instance_type',
	'Situations par type d’instance',
	'situations',
	INSTANCE_TYPES
);

/**
 * Code of the category that groups, for one release, the categories of a variable too rare to be
 * published on their own (fewer than k situations in the whole scope), plus the smallest other
 * categories when needed to reach k. `Release.recoded` lists the original codes it holds.
 */
export const OTHER_CODE = '_autres';
export const OTHER_LABEL = 'Autres catégories regroupées';

/** Label of a category code of a variable, the regrouped category included. */
export function codeLabel(variable: Pick<Variable, 'labels'>, code: string): string {
	return code === OTHER_CODE ? OTHER_LABEL : (variable.labels[code] ?? code);
}

/** One distinct cell of the release (a cell shared by several tables appears once). */
export interface ReleaseCell {
	measure: 'situations' | 'incidents';
	/** the unit the row belongs to: a group id (commune audience), a territory, an EPCI, or `*` (all) */
	unit: string;
	/** the level of `unit`: `group`, `territoire`, `epci`, or `total` */
	unitLevel: string;
	/** variable name, or `*` for the unit's total */
	variable: string;
	/** category code, or `*` for the variable's total */
	code: string;
	/** second variable (age band × sex only) */
	variable2: string | null;
	code2: string | null;
	value: number | null;
	status: CellStatus;
}

export interface ReleaseGroup {
	id: string;
	name: string;
	instanceType: string;
	communes: string[];
	/** latest version submitted for the period, by kind */
	versions: Record<string, number>;
	/** not published this year (a period with 1 to k−1 situations): in no figure of the year */
	withheld?: boolean;
}

export interface ReleaseUnit {
	id: string;
	label: string;
	level: 'group' | 'territoire' | 'epci' | 'total';
	parent: string | null;
	population: number | null;
	communes: string[];
}

export interface MeetingFigures {
	unit: string;
	seances: number;
	avecOrdreDuJour: number;
	avecCompteRendu: number;
	evaluationOui: number;
	evaluationNon: number;
	evaluationSansObjet: number;
}

export interface Release {
	audience: Audience;
	/** commune INSEE code, or département code */
	scope: string;
	scopeLabel: string;
	period: string;
	k: number;
	/** identifies the stored data the release was built from (changes with every submission) */
	dataVersion: string;
	generatedAt: string;
	groups: ReleaseGroup[];
	units: ReleaseUnit[];
	cells: ReleaseCell[];
	/**
	 * Variables whose rare categories were regrouped under `OTHER_CODE` in this release: variable
	 * name → original codes regrouped. When every non-empty category of a variable is regrouped
	 * the variable is not broken down at all in this release (no cell carries it).
	 */
	recoded?: Record<string, string[]>;
	/** meetings are not persons: their counts are published as they are */
	meetings: MeetingFigures[];
	stats: { cells: number; hidden: number; buildMs: number };
}

/** The published or hidden cell of a release for (unit, variable, code). */
export function findCell(
	release: Pick<Release, 'cells'>,
	query: {
		measure?: string;
		unit?: string;
		variable?: string;
		code?: string;
		variable2?: string | null;
		code2?: string | null;
	}
): ReleaseCell | undefined {
	return release.cells.find(
		(c) =>
			c.measure === (query.measure ?? 'situations') &&
			c.unit === (query.unit ?? '*') &&
			c.variable === (query.variable ?? '*') &&
			c.code === (query.code ?? '*') &&
			(c.variable2 ?? null) === (query.variable2 ?? null) &&
			(c.code2 ?? null) === (query.code2 ?? null)
	);
}
