// The preview's questions and charts, without DuckDB: the prepared statements the preview runs
// (`previewStatements`) and the charts and protocol indicators drawn from their answers with the
// deployment's threshold k (`previewCharts`). Pure, so it is tested in Node; `preview.ts` runs the
// statements in DuckDB-WASM.
import {
	INSTITUTIONS,
	PROBLEMATIQUES,
	SEXES,
	STRATEGIES,
	TRANCHES_AGE,
	EVALUATIONS,
	SENS_INCIDENT,
	SUITES_INCIDENT,
	type TabularKind
} from '$contracts/codes';
import { groupedBarChart, hbarChart, type ChartSpec } from '$lib/charts/spec';
import { ident, type Row } from '$lib/duckdb/client';

export const TABLE: Record<TabularKind, string> = {
	situations: 'apercu_situations',
	seances: 'apercu_seances',
	incidents: 'apercu_incidents'
};

export interface PreviewStatement {
	sql: string;
	params?: (string | boolean)[];
}

type Labels = Record<string, string>;

/** The codes of `order` found in `rows` (`{ c, n }`), as chart data, in reference order. */
function counts(
	rows: readonly { c: string; n: number }[],
	labels: Labels,
	order: readonly string[]
): { category: string; label: string; value: number; status: 'published' }[] {
	const byCode = new Map(rows.map((r) => [r.c, r.n]));
	return order
		.filter((c) => byCode.has(c))
		.map((c) => ({
			category: c,
			label: labels[c] ?? c,
			value: byCode.get(c)!,
			status: 'published' as const
		}));
}

export interface Indicator {
	key: string;
	label: string;
	/** numerator and denominator; the share is shown only with a denominator */
	num: number;
	den: number;
}

export interface PreviewResult {
	charts: ChartSpec[];
	indicators: Indicator[];
	loaded: TabularKind[];
}

interface Ratio {
	key: string;
	label: string;
	/** SQL conditions counted as numerator and denominator, `?` bound in order from `params` */
	num: string;
	den: string;
	params: (string | boolean)[];
}

/** One statement counting every ratio's numerator and denominator in a single scan. */
function ratiosStatement(table: string, ratios: readonly Ratio[]) {
	return {
		sql: `SELECT ${ratios
			.map(
				(r, i) =>
					`count(*) FILTER (WHERE ${r.num})::INTEGER AS num${i}, count(*) FILTER (WHERE ${r.den})::INTEGER AS den${i}`
			)
			.join(', ')} FROM ${ident(table)}`,
		params: ratios.flatMap((r) => r.params)
	};
}

function indicatorsOf(ratios: readonly Ratio[], row: Row | undefined): Indicator[] {
	return ratios.map((r, i) => ({
		key: r.key,
		label: r.label,
		num: Number(row?.[`num${i}`] ?? 0),
		den: Number(row?.[`den${i}`] ?? 0)
	}));
}

const SITUATION_COUNTS = ['problematique', 'institution_pilote', 'strategie', 'evaluation'];

const SITUATION_RATIOS: Ratio[] = [
	{
		key: 'informees',
		label: 'Personnes (ou représentants légaux) informées',
		num: 'information_interesse IN (?, ?)',
		den: 'true',
		params: ['informe', 'representants_legaux_informes']
	},
	{
		key: 'accord',
		label: 'Accord recherché quand il était nécessaire',
		num: 'accord NOT IN (?, ?)',
		den: 'accord <> ?',
		params: ['non_recherche', 'non_necessaire', 'non_necessaire']
	},
	{
		key: 'transmission_avec',
		label: 'Transmissions hors du groupe avec son accord',
		num: 'transmission_hors_groupe = ?',
		den: 'true',
		params: ['avec_accord_groupe']
	},
	{
		key: 'transmission_sans',
		label: 'Transmissions hors du groupe sans son accord',
		num: 'transmission_hors_groupe = ?',
		den: 'true',
		params: ['sans_accord_groupe']
	}
];

const SEANCE_RATIOS: Ratio[] = [
	{
		key: 'odj',
		label: 'Séances avec un ordre du jour préalable',
		num: 'ordre_du_jour_prealable = ?',
		den: 'true',
		params: [true]
	},
	{
		key: 'cr',
		label: 'Séances avec un compte rendu',
		num: 'compte_rendu = ?',
		den: 'true',
		params: [true]
	},
	{
		key: 'odj_cr',
		label: 'Séances avec ordre du jour et compte rendu',
		num: 'ordre_du_jour_prealable = ? AND compte_rendu = ?',
		den: 'true',
		params: [true, true]
	},
	{
		key: 'evaluation',
		label: 'Séances où les stratégies précédentes ont été évaluées',
		num: 'evaluation_strategies_precedentes = ?',
		den: 'evaluation_strategies_precedentes <> ?',
		params: ['oui', 'sans_objet']
	}
];

/** The preview's prepared statements for the kinds loaded, run in this order on one connection. */
export function previewStatements(loaded: readonly TabularKind[]): PreviewStatement[] {
	const statements: PreviewStatement[] = [];
	if (loaded.includes('situations')) {
		const t = ident(TABLE.situations);
		// Each chart's counts in one statement: `d` names the chart, `c` (and `s`) the category.
		statements.push(
			{
				sql: [
					...SITUATION_COUNTS.map(
						(col) =>
							`SELECT '${col}' AS d, ${ident(col)} AS c, NULL::VARCHAR AS s, count(*)::INTEGER AS n FROM ${t} WHERE ${ident(col)} IS NOT NULL GROUP BY 2`
					),
					`SELECT 'age_sexe' AS d, tranche_age AS c, sexe AS s, count(*)::INTEGER AS n FROM ${t} GROUP BY 2, 3`
				].join(' UNION ALL ')
			},
			ratiosStatement(TABLE.situations, SITUATION_RATIOS)
		);
	}
	if (loaded.includes('seances')) statements.push(ratiosStatement(TABLE.seances, SEANCE_RATIOS));
	if (loaded.includes('incidents'))
		statements.push({
			sql: `SELECT sens, suite, count(*)::INTEGER AS n FROM ${ident(TABLE.incidents)} GROUP BY 1, 2`
		});
	return statements;
}

/** A code list with its labels, as the contracts define them. */
interface Coded<T extends string> {
	codes: readonly T[];
	labels: Record<T, string>;
}

/** Every (category, series) pair of a grouped bar chart, counted by `count` (0 where no row). */
function crossData<C extends string, S extends string>(
	categories: Coded<C>,
	series: Coded<S>,
	count: (category: C, series: S) => number | undefined
) {
	return categories.codes.flatMap((c) =>
		series.codes.map((s) => ({
			category: c,
			label: categories.labels[c],
			series: s,
			value: count(c, s) ?? 0,
			status: 'published' as const
		}))
	);
}

/** The series of a grouped bar chart, one per code. */
function seriesOf<S extends string>(series: Coded<S>) {
	return series.codes.map((s) => ({ key: s, label: series.labels[s] }));
}

type SituationCount = { d: string; c: string; s: string | null; n: number };

/** The situations' charts, from the rows of the counting statement (`d` names the chart). */
function situationCharts(all: readonly SituationCount[], k: number): ChartSpec[] {
	const of = (d: string) => all.filter((r) => r.d === d);
	const age = of('age_sexe');
	const hbar = (
		id: string,
		title: string,
		d: string,
		codes: Coded<string>,
		categoryLabel: string
	) =>
		hbarChart({
			id,
			title,
			k,
			data: counts(of(d), codes.labels, codes.codes),
			valueLabel: 'Situations',
			categoryLabel
		});
	return [
		hbar(
			'apercu-problematiques',
			'Situations par problématique',
			'problematique',
			PROBLEMATIQUES,
			'Problématique'
		),
		groupedBarChart({
			id: 'apercu-age-sexe',
			title: 'Situations par tranche d’âge et sexe',
			k,
			valueLabel: 'Situations',
			categoryLabel: 'Tranche d’âge',
			seriesLabel: 'Sexe',
			series: seriesOf(SEXES),
			data: crossData(TRANCHES_AGE, SEXES, (a, s) => age.find((r) => r.c === a && r.s === s)?.n)
		}),
		hbar(
			'apercu-institutions',
			'Institutions pilotes',
			'institution_pilote',
			INSTITUTIONS,
			'Institution'
		),
		hbar('apercu-strategies', 'Stratégies décidées', 'strategie', STRATEGIES, 'Stratégie'),
		hbar('apercu-evaluations', 'Résultats des stratégies', 'evaluation', EVALUATIONS, 'Évaluation')
	];
}

/** The incidents' chart, by direction and follow-up. */
function incidentsChart(rows: readonly { sens: string; suite: string; n: number }[], k: number) {
	return groupedBarChart({
		id: 'apercu-incidents',
		title: 'Incidents par sens et suite donnée',
		k,
		valueLabel: 'Incidents',
		categoryLabel: 'Sens',
		seriesLabel: 'Suite',
		series: seriesOf(SUITES_INCIDENT),
		data: crossData(
			SENS_INCIDENT,
			SUITES_INCIDENT,
			(d, s) => rows.find((r) => r.sens === d && r.suite === s)?.n
		)
	});
}

/** The protocol indicators' chart: the share of each indicator that has a denominator. */
function indicatorsChart(indicators: readonly Indicator[], k: number) {
	return hbarChart({
		id: 'apercu-indicateurs',
		title: 'Indicateurs du protocole',
		k,
		valueKind: 'percent',
		valueLabel: 'Part',
		categoryLabel: 'Indicateur',
		data: indicators
			.filter((i) => i.den > 0)
			.map((i) => ({
				category: i.key,
				label: i.label,
				value: i.num / i.den,
				status: 'published' as const
			}))
	});
}

/**
 * Charts and protocol indicators of the kinds loaded, from the rows `previewStatements` returned
 * (same order), drawn with the deployment's threshold `k` (the admin's setting).
 */
export function previewCharts(
	loaded: readonly TabularKind[],
	answers: readonly Row[][],
	k: number
): PreviewResult {
	const results = [...answers];
	const charts: ChartSpec[] = [];
	const indicators: Indicator[] = [];
	if (loaded.includes('situations')) {
		charts.push(...situationCharts(results.shift() as SituationCount[], k));
		indicators.push(...indicatorsOf(SITUATION_RATIOS, results.shift()?.[0]));
	}
	if (loaded.includes('seances'))
		indicators.push(...indicatorsOf(SEANCE_RATIOS, results.shift()?.[0]));
	if (loaded.includes('incidents'))
		charts.push(
			incidentsChart((results.shift() ?? []) as { sens: string; suite: string; n: number }[], k)
		);
	if (indicators.length) charts.push(indicatorsChart(indicators, k));
	return { charts, indicators, loaded: [...loaded] };
}
