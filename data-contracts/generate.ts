// Deterministic generator of contract-valid rows: the one source of synthetic data for the
// demo department, the test fixtures, the benchmarks and `npm run gen`. Seeded, IO-free.
import {
	INSTITUTIONS,
	MOTIFS_INCIDENT,
	PROBLEMATIQUES,
	SENS_INCIDENT,
	STRATEGIES,
	type Institution,
	type Problematique,
	type TabularKind
} from './codes';
import { parsePeriod } from './period';
import { FIELDS } from './fields';
import { ROW_BUILDERS } from './generated/row-builders';
import type { ValidRow } from './validate';

export type Row = Record<string, string>;

/** mulberry32: small, fast, good enough for synthetic data; same seed, same rows everywhere. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export type Random = () => number;

export function pick<T>(r: Random, items: readonly T[]): T {
	return items[Math.floor(r() * items.length)];
}

export function weighted<T extends string>(r: Random, weights: Partial<Record<T, number>>): T {
	const entries = Object.entries(weights) as [T, number][];
	let total = 0;
	for (const [, w] of entries) total += w;
	let x = r() * total;
	for (const [k, w] of entries) {
		x -= w;
		if (x < 0) return k;
	}
	return entries[entries.length - 1][0];
}

export function hashSeed(...parts: (string | number)[]): number {
	let h = 2166136261;
	for (const ch of parts.join('|')) {
		h ^= ch.charCodeAt(0);
		h = Math.imul(h, 16777619);
	}
	return h >>> 0;
}

const CONSONANTS = 'BCDFGHJKLMNPQRSTVWXZ';

/** Opaque situation reference: consonants only, so it can never spell a name, initials+year or a date. */
export function situationRef(index: number, prefix = 'S'): string {
	let n = index;
	let s = '';
	for (let i = 0; i < 6; i++) {
		s = CONSONANTS[n % 20] + s;
		n = Math.floor(n / 20);
	}
	return `${prefix}-${s}`;
}

const COMMENTS = [
	'Orientation vers le programme de réussite éducative, point d’étape au prochain trimestre.',
	'Accompagnement éducatif engagé par la prévention spécialisée avec l’accord des représentants légaux.',
	'Situation suivie par l’Éducation nationale ; remobilisation scolaire en cours.',
	'Médiation proposée par le bailleur après des troubles de voisinage dans la résidence.',
	'Prise en charge par la mission locale, inscription en formation qualifiante.',
	'Le groupe a décidé de réexaminer la situation après les vacances scolaires.',
	'Mesure judiciaire en cours, la PJJ informe le groupe de l’évolution générale.',
	'Soutien à la parentalité mis en place avec le CCAS et la maison des solidarités.',
	'Absentéisme en baisse depuis la reprise du suivi par l’établissement.',
	'Orientation vers la consultation jeunes consommateurs du centre hospitalier.',
	'Pas d’évolution notable, la stratégie sera réévaluée à la prochaine séance.',
	'Le pilote de l’action rend compte d’une amélioration partielle.'
];

const DESCRIPTIONS = [
	'Courrier adressé à l’institution après la transmission d’une information hors du groupe.',
	'Désaccord exprimé par écrit sur la stratégie retenue, examiné en séance.',
	'Question soulevée hors du champ de compétence du groupe, réorientée vers le droit commun.',
	'Rappel des règles du protocole fait à l’ensemble des membres.'
];

export const KIND_COLUMNS: Record<TabularKind, readonly string[]> = {
	situations: [
		'ref_situation',
		'date_premier_examen',
		'problematique',
		'tranche_age',
		'sexe',
		'quartier',
		'information_interesse',
		'accord',
		'institution_pilote',
		'strategie',
		'nb_examens',
		'transmission_hors_groupe',
		'statut',
		'evaluation',
		'date_cloture',
		'commentaire'
	],
	seances: [
		'date_seance',
		'ordre_du_jour_prealable',
		'compte_rendu',
		'nb_situations_examinees',
		'nb_nouvelles_situations',
		'evaluation_strategies_precedentes',
		'institutions_presentes'
	],
	incidents: ['date_incident', 'sens', 'motif', 'suite', 'description']
};

export interface GenOptions {
	seed?: number;
	rows: number;
	/** period code (`2025`, `2025-S1`, `2025-T3`); months and days are drawn inside it */
	period?: string;
	/** share of situation rows with a comment (incident rows with a description) */
	commentShare?: number;
	/** weights of problématiques (the group's profile); uniform otherwise */
	problematiques?: Partial<Record<Problematique, number>>;
	/** QPV codes of the group's commune(s); `hors_qpv` and empty are added */
	quartiers?: readonly string[];
	/** institutions sitting in the group */
	institutions?: readonly Institution[];
	/** index of the first situation reference (to keep refs unique across files) */
	refOffset?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthIn(r: Random, year: number, from: number, to: number): string {
	const m = from + Math.floor(r() * (to - from + 1));
	return `${year}-${pad(m)}`;
}

const AGE_WEIGHTS = {
	'0-5': 3,
	'6-10': 10,
	'11-13': 18,
	'14-15': 20,
	'16-17': 18,
	'18-21': 12,
	'22-25': 6,
	'26+': 5,
	famille: 8
} as const;

function situationRow(
	r: Random,
	i: number,
	o: Required<GenOptions>,
	year: number,
	from: number,
	to: number
): Row {
	const first = monthIn(r, year, from, to);
	const statut = r() < 0.45 ? 'cloturee' : 'en_cours';
	const firstMonth = Number(first.slice(5));
	const age = weighted(r, AGE_WEIGHTS);
	const minor = age !== '18-21' && age !== '22-25' && age !== '26+';
	const info = weighted(r, {
		informe: minor ? 2 : 7,
		representants_legaux_informes: minor ? 7 : 0.2,
		impossible: 0.6,
		non_informe: 0.4
	});
	const evaluation =
		statut === 'cloturee'
			? weighted(r, {
					amelioration: 5,
					amelioration_partielle: 3,
					sans_evolution: 1.5,
					degradation: 0.8
				})
			: weighted(r, {
					amelioration_partielle: 3,
					sans_evolution: 2,
					non_evaluee: 3,
					degradation: 0.5,
					amelioration: 1
				});
	const row: Row = {
		ref_situation: situationRef(o.refOffset + i),
		date_premier_examen: first,
		problematique: weighted(r, o.problematiques),
		tranche_age: age,
		sexe: weighted(r, { F: 45, M: 50, NR: 5 }),
		quartier: r() < 0.15 ? '' : pick(r, o.quartiers),
		information_interesse: info,
		accord: weighted(r, { non_necessaire: 4, obtenu: 5, refuse: 0.5, non_recherche: 0.5 }),
		institution_pilote: pick(r, o.institutions),
		strategie: pick(r, STRATEGIES.codes),
		nb_examens: String(1 + Math.floor(r() * r() * 8)),
		transmission_hors_groupe: weighted(r, {
			aucune: 85,
			avec_accord_groupe: 13,
			sans_accord_groupe: 2
		}),
		statut,
		evaluation,
		date_cloture:
			statut === 'cloturee'
				? `${year}-${pad(firstMonth + Math.floor(r() * (to - firstMonth + 1)))}`
				: '',
		commentaire: r() < o.commentShare ? pick(r, COMMENTS) : ''
	};
	return row;
}

function seanceRow(
	r: Random,
	o: Required<GenOptions>,
	year: number,
	from: number,
	to: number
): Row {
	const month = from + Math.floor(r() * (to - from + 1));
	const day = 1 + Math.floor(r() * 28);
	const examined = Math.floor(r() * 14);
	const present = o.institutions.filter(() => r() < 0.75);
	if (present.length === 0) present.push(o.institutions[0]);
	return {
		date_seance: `${year}-${pad(month)}-${pad(day)}`,
		ordre_du_jour_prealable: r() < 0.88 ? 'oui' : 'non',
		compte_rendu: r() < 0.8 ? 'oui' : 'non',
		nb_situations_examinees: String(examined),
		nb_nouvelles_situations: String(Math.floor(r() * (examined + 1) * 0.6)),
		evaluation_strategies_precedentes: weighted(r, { oui: 7, non: 2, sans_objet: 1 }),
		institutions_presentes: present.join('|')
	};
}

function incidentRow(
	r: Random,
	o: Required<GenOptions>,
	year: number,
	from: number,
	to: number
): Row {
	return {
		date_incident: monthIn(r, year, from, to),
		sens: pick(r, SENS_INCIDENT.codes),
		motif: pick(r, MOTIFS_INCIDENT.codes),
		suite: weighted(r, { resolu: 5, en_cours: 2, sans_suite: 1 }),
		description: r() < o.commentShare ? pick(r, DESCRIPTIONS) : ''
	};
}

const DEFAULT_QUARTIERS = ['QN09101M', 'QN09104A', 'QP091001', 'hors_qpv', 'hors_qpv'];

/** Yields `rows` valid rows of `kind`, keyed by canonical column name (empty string = absent). */
export function* generateRows(kind: TabularKind, options: GenOptions): Generator<Row> {
	const period = parsePeriod(options.period ?? '2025');
	if (!period) throw new Error(`période invalide : ${options.period}`);
	const o: Required<GenOptions> = {
		seed: options.seed ?? 1,
		rows: options.rows,
		period: period.code,
		commentShare: options.commentShare ?? 0.3,
		problematiques:
			options.problematiques ?? Object.fromEntries(PROBLEMATIQUES.codes.map((c) => [c, 1])),
		quartiers: options.quartiers?.length ? [...options.quartiers, 'hors_qpv'] : DEFAULT_QUARTIERS,
		institutions: options.institutions?.length ? options.institutions : INSTITUTIONS.codes,
		refOffset: options.refOffset ?? 0
	};
	const r = rng(hashSeed(o.seed, kind, period.code));
	for (let i = 0; i < o.rows; i++) {
		if (kind === 'situations') yield situationRow(r, i, o, period.year, period.from, period.to);
		else if (kind === 'seances') yield seanceRow(r, o, period.year, period.from, period.to);
		else yield incidentRow(r, o, period.year, period.from, period.to);
	}
}

function csvCell(value: string, delimiter: string): string {
	return /["\r\n]/.test(value) || value.includes(delimiter)
		? `"${value.replaceAll('"', '""')}"`
		: value;
}

/** Serialises rows to CSV lines (header first), as a spreadsheet in French locale would. */
export function* rowsToCsv(
	kind: TabularKind,
	rows: Iterable<Row>,
	{ delimiter = ';', eol = '\r\n' }: { delimiter?: ';' | ','; eol?: string } = {}
): Generator<string> {
	const columns = KIND_COLUMNS[kind];
	yield columns.join(delimiter) + eol;
	for (const row of rows) {
		yield columns.map((c) => csvCell(row[c] ?? '', delimiter)).join(delimiter) + eol;
	}
}

/**
 * Generated rows as the validator emits them from their `rowsToCsv` file: normalized by the
 * contract's own row builders, each with its line (the header is line 1, then one line per row).
 */
export function* validRows(kind: TabularKind, rows: Iterable<Row>): Generator<ValidRow> {
	const names = FIELDS[kind].map((f) => f.name);
	let line = 1;
	for (const row of rows)
		yield { line: ++line, row: ROW_BUILDERS[kind](names.map((n) => row[n] ?? '')) };
}

/** A qualitative bilan text as a group would write it (no identifier). */
export function generateBilanText(
	seed: number,
	institution: Institution,
	groupLabel: string
): string {
	const r = rng(hashSeed(seed, 'bilan'));
	const faits = pick(r, [
		`Le ${groupLabel} s’est réuni régulièrement ; la participation de l’Éducation nationale s’est renforcée.`,
		`Hausse des situations de décrochage scolaire au second trimestre, traitées avec les établissements.`,
		`Mise en place d’une fiche de liaison commune entre les partenaires, validée en séance plénière.`
	]);
	const diff = pick(r, [
		'Le délai de retour des institutions pilotes reste long pour certaines situations.',
		'La présence de la santé mentale aux séances est irrégulière.',
		'Les comptes rendus ne sont pas toujours diffusés avant la séance suivante.'
	]);
	const bonnes = pick(r, [
		'Évaluation systématique de la stratégie précédente en début de séance.',
		'Information préalable des représentants légaux formalisée par un courrier type.',
		'Ordre du jour transmis une semaine avant chaque séance.'
	]);
	const persp = pick(r, [
		'Élargir le groupe à la mission locale et au bailleur social.',
		'Former les nouveaux membres au protocole départemental d’échange d’information.',
		'Renforcer le suivi des situations closes six mois après la clôture.'
	]);
	return [
		`Institution du membre désigné : ${institution}`,
		'',
		'## Faits marquants',
		faits,
		'',
		'## Difficultés',
		diff,
		'',
		'## Bonnes pratiques',
		bonnes,
		'',
		'## Perspectives',
		persp,
		''
	].join('\n');
}
