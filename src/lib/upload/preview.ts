// The preview of a group's bilan before it is sent: the valid rows (Arrow IPC chunks from the
// validation worker) and the group's other current files of the period go into DuckDB-WASM, and
// the charts of the bilan are computed there with prepared statements. Browser only.
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
import { normalizedColumns } from '$contracts/validate';
import { groupedBarChart, hbarChart, type ChartSpec } from '$lib/charts/spec';
import {
	exec,
	ident,
	insertRows,
	query,
	withConnection,
	type ColumnType
} from '$lib/duckdb/client';

export const TABLE: Record<TabularKind, string> = {
	situations: 'apercu_situations',
	seances: 'apercu_seances',
	incidents: 'apercu_incidents'
};

/** Loads the worker's Arrow IPC chunks as the kind's table (replacing it). */
export async function loadChunks(kind: TabularKind, chunks: Uint8Array[]): Promise<void> {
	const name = TABLE[kind];
	await withConnection(async (conn) => {
		await conn.query(`DROP TABLE IF EXISTS ${ident(name)}`);
		let first = true;
		for (const ipc of chunks) {
			await conn.insertArrowFromIPCStream(ipc, { name, create: first });
			first = false;
		}
		if (first) await conn.query(createSql(kind));
	});
}

function columnType(t: string): ColumnType {
	return t === 'INTEGER' ? 'integer' : t === 'BOOLEAN' ? 'boolean' : 'varchar';
}

function createSql(kind: TabularKind): string {
	return `CREATE TABLE ${ident(TABLE[kind])} (${normalizedColumns(kind)
		.map((c) => `${ident(c.name)} ${c.type === 'DATE' ? 'VARCHAR' : c.type}`)
		.join(', ')})`;
}

/** The group's current rows of another kind, as sent by the server (row arrays). */
export async function loadServerRows(
	kind: TabularKind,
	rows: (string | number | boolean | null)[][]
): Promise<void> {
	const columns = normalizedColumns(kind).map((c) => ({ name: c.name, type: columnType(c.type) }));
	await insertRows(TABLE[kind], columns, rows);
}

export async function dropTable(kind: TabularKind): Promise<void> {
	await exec(`DROP TABLE IF EXISTS ${ident(TABLE[kind])}`);
}

type Labels = Record<string, string>;
const K = 5;

async function counts(
	table: string,
	column: string,
	labels: Labels,
	order: readonly string[]
): Promise<{ category: string; label: string; value: number; status: 'published' }[]> {
	const rows = await query<{ c: string; n: number }>(
		`SELECT ${ident(column)} AS c, count(*)::INTEGER AS n FROM ${ident(table)} WHERE ${ident(column)} IS NOT NULL GROUP BY 1`
	);
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

async function ratio(
	table: string,
	numSql: string,
	denSql: string,
	params: (string | boolean)[]
): Promise<{ num: number; den: number }> {
	const [r] = await query<{ num: number; den: number }>(
		`SELECT count(*) FILTER (WHERE ${numSql})::INTEGER AS num, count(*) FILTER (WHERE ${denSql})::INTEGER AS den FROM ${ident(table)}`,
		params
	);
	return { num: r?.num ?? 0, den: r?.den ?? 0 };
}

/** Charts and protocol indicators of the kinds loaded. */
export async function buildPreview(loaded: TabularKind[]): Promise<PreviewResult> {
	const charts: ChartSpec[] = [];
	const indicators: Indicator[] = [];
	if (loaded.includes('situations')) {
		const t = TABLE.situations;
		const [prob, age, inst, strat, evalu] = await Promise.all([
			counts(t, 'problematique', PROBLEMATIQUES.labels, PROBLEMATIQUES.codes),
			query<{ a: string; s: string; n: number }>(
				`SELECT tranche_age AS a, sexe AS s, count(*)::INTEGER AS n FROM ${ident(t)} GROUP BY 1, 2`
			),
			counts(t, 'institution_pilote', INSTITUTIONS.labels, INSTITUTIONS.codes),
			counts(t, 'strategie', STRATEGIES.labels, STRATEGIES.codes),
			counts(t, 'evaluation', EVALUATIONS.labels, EVALUATIONS.codes)
		]);
		charts.push(
			hbarChart({
				id: 'apercu-problematiques',
				title: 'Situations par problématique',
				k: K,
				data: prob,
				valueLabel: 'Situations',
				categoryLabel: 'Problématique'
			}),
			groupedBarChart({
				id: 'apercu-age-sexe',
				title: 'Situations par tranche d’âge et sexe',
				k: K,
				valueLabel: 'Situations',
				categoryLabel: 'Tranche d’âge',
				seriesLabel: 'Sexe',
				series: SEXES.codes.map((s) => ({ key: s, label: SEXES.labels[s] })),
				data: TRANCHES_AGE.codes.flatMap((a) =>
					SEXES.codes.map((s) => ({
						category: a,
						label: TRANCHES_AGE.labels[a],
						series: s,
						value: age.find((r) => r.a === a && r.s === s)?.n ?? 0,
						status: 'published' as const
					}))
				)
			}),
			hbarChart({
				id: 'apercu-institutions',
				title: 'Institutions pilotes',
				k: K,
				data: inst,
				valueLabel: 'Situations',
				categoryLabel: 'Institution'
			}),
			hbarChart({
				id: 'apercu-strategies',
				title: 'Stratégies décidées',
				k: K,
				data: strat,
				valueLabel: 'Situations',
				categoryLabel: 'Stratégie'
			}),
			hbarChart({
				id: 'apercu-evaluations',
				title: 'Résultats des stratégies',
				k: K,
				data: evalu,
				valueLabel: 'Situations',
				categoryLabel: 'Évaluation'
			})
		);
		const [informed, consent, withAccord, withoutAccord] = await Promise.all([
			ratio(t, 'information_interesse IN (?, ?)', 'true', [
				'informe',
				'representants_legaux_informes'
			]),
			ratio(t, 'accord NOT IN (?, ?)', 'accord <> ?', [
				'non_recherche',
				'non_necessaire',
				'non_necessaire'
			]),
			ratio(t, 'transmission_hors_groupe = ?', 'true', ['avec_accord_groupe']),
			ratio(t, 'transmission_hors_groupe = ?', 'true', ['sans_accord_groupe'])
		]);
		indicators.push(
			{ key: 'informees', label: 'Personnes (ou représentants légaux) informées', ...informed },
			{ key: 'accord', label: 'Accord recherché quand il était nécessaire', ...consent },
			{
				key: 'transmission_avec',
				label: 'Transmissions hors du groupe avec son accord',
				...withAccord
			},
			{
				key: 'transmission_sans',
				label: 'Transmissions hors du groupe sans son accord',
				...withoutAccord
			}
		);
	}
	if (loaded.includes('seances')) {
		const t = TABLE.seances;
		const [odj, cr, both, evalStrat] = await Promise.all([
			ratio(t, 'ordre_du_jour_prealable = ?', 'true', [true]),
			ratio(t, 'compte_rendu = ?', 'true', [true]),
			ratio(t, 'ordre_du_jour_prealable = ? AND compte_rendu = ?', 'true', [true, true]),
			ratio(t, 'evaluation_strategies_precedentes = ?', 'evaluation_strategies_precedentes <> ?', [
				'oui',
				'sans_objet'
			])
		]);
		indicators.push(
			{ key: 'odj', label: 'Séances avec un ordre du jour préalable', ...odj },
			{ key: 'cr', label: 'Séances avec un compte rendu', ...cr },
			{ key: 'odj_cr', label: 'Séances avec ordre du jour et compte rendu', ...both },
			{
				key: 'evaluation',
				label: 'Séances où les stratégies précédentes ont été évaluées',
				...evalStrat
			}
		);
	}
	if (loaded.includes('incidents')) {
		const t = TABLE.incidents;
		const rows = await query<{ sens: string; suite: string; n: number }>(
			`SELECT sens, suite, count(*)::INTEGER AS n FROM ${ident(t)} GROUP BY 1, 2`
		);
		charts.push(
			groupedBarChart({
				id: 'apercu-incidents',
				title: 'Incidents par sens et suite donnée',
				k: K,
				valueLabel: 'Incidents',
				categoryLabel: 'Sens',
				seriesLabel: 'Suite',
				series: SUITES_INCIDENT.codes.map((s) => ({ key: s, label: SUITES_INCIDENT.labels[s] })),
				data: SENS_INCIDENT.codes.flatMap((d) =>
					SUITES_INCIDENT.codes.map((s) => ({
						category: d,
						label: SENS_INCIDENT.labels[d],
						series: s,
						value: rows.find((r) => r.sens === d && r.suite === s)?.n ?? 0,
						status: 'published' as const
					}))
				)
			})
		);
	}
	if (indicators.length)
		charts.push(
			hbarChart({
				id: 'apercu-indicateurs',
				title: 'Indicateurs du protocole',
				k: K,
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
			})
		);
	return { charts, indicators, loaded };
}
