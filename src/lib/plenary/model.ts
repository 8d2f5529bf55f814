// The plenary bilan's figures, tables and chart specs, computed from release cells only. Pure and
// client-safe: the server builds the first paint from the release, the browser builds the same
// specs from DuckDB-WASM's answers (filters, period range). Combining several units (a type of
// instance, several periods) adds published values only: if any part is hidden the result is
// hidden too, so nothing here can ever reveal or approximate a hidden count.
import { EVALUATION_STRATEGIES, INSTANCE_TYPES, SEXES, TRANCHES_AGE } from '$contracts/codes';
import { periodLabel, periodRange } from '$contracts/period';
import { hbarChart, groupedBarChart, trendChart, type ChartSpec } from '$lib/charts/spec';
import { isHidden } from '$lib/format';
import {
	VARIABLE_BY_NAME,
	codeLabel,
	type CellStatus,
	type MeetingFigures,
	type ReleaseCell
} from '$lib/release';

/** A release cell as the browser's DuckDB returns it (plus its period). */
export interface CellRow extends Omit<ReleaseCell, 'measure' | 'unitLevel'> {
	period: string;
	measure: string;
}

export interface Figure {
	value: number | null;
	status: CellStatus;
}

/** A figure the release does not carry (not broken down, or regrouped): unknown, not zero. */
const UNKNOWN: Figure = { value: null, status: 'published' };

export function categoryLabel(variable: string, code: string): string {
	const v = VARIABLE_BY_NAME.get(variable);
	return v ? codeLabel(v, code) : code;
}

const keyOf = (
	period: string,
	measure: string,
	unit: string,
	variable: string,
	code: string,
	variable2: string | null,
	code2: string | null
) => `${period}|${measure}|${unit}|${variable}|${code}|${variable2 ?? ''}|${code2 ?? ''}`;

export interface CellQuery {
	measure?: string;
	variable?: string;
	code?: string;
	variable2?: string | null;
	code2?: string | null;
}

/** Release cells of one or several periods, looked up by coordinates. */
export class CellIndex {
	private map = new Map<string, Figure>();
	constructor(cells: Iterable<CellRow>) {
		for (const c of cells)
			this.map.set(keyOf(c.period, c.measure, c.unit, c.variable, c.code, c.variable2, c.code2), {
				value: isHidden(c.status) ? null : c.value,
				status: c.status
			});
	}

	get(period: string, unit: string, q: CellQuery = {}): Figure | undefined {
		return this.map.get(
			keyOf(
				period,
				q.measure ?? 'situations',
				unit,
				q.variable ?? '*',
				q.code ?? '*',
				q.variable2 ?? null,
				q.code2 ?? null
			)
		);
	}

	/**
	 * The cell summed over units: hidden as soon as one part is hidden; unknown (null) when a part
	 * is not in the release (a category regrouped or not broken down is not a zero).
	 */
	sum(period: string, units: readonly string[], q: CellQuery = {}): Figure {
		let value = 0;
		let hidden: CellStatus | null = null;
		let missing = units.length === 0;
		for (const u of units) {
			const c = this.get(period, u, q);
			if (!c) missing = true;
			else if (isHidden(c.status)) hidden ??= c.status;
			else value += c.value ?? 0;
		}
		if (hidden) return { value: null, status: hidden };
		return missing ? { value: null, status: 'published' } : { value, status: 'published' };
	}

	/**
	 * Category codes of a variable in the release for the period, in the contract's order, then
	 * codes the release added (the regrouped category). Codes regrouped away are absent.
	 */
	codes(period: string, variable: string, measure = 'situations'): string[] {
		const seen = new Set<string>();
		const prefix = `${period}|${measure}|`;
		for (const key of this.map.keys()) {
			if (!key.startsWith(prefix)) continue;
			const [, , , v, code, v2] = key.split('|');
			if (v === variable && code !== '*' && v2 === '') seen.add(code);
		}
		const order = VARIABLE_BY_NAME.get(variable)?.codes ?? [];
		return [
			...order.filter((c) => seen.has(c)),
			...[...seen].filter((c) => !order.includes(c)).sort()
		];
	}

	hasPeriod(period: string): boolean {
		return this.get(period, '*') !== undefined;
	}
}

/** Adds figures: hidden if any part is hidden. */
export function addFigures(...parts: Figure[]): Figure {
	let value = 0;
	for (const p of parts) {
		if (isHidden(p.status)) return { value: null, status: p.status };
		if (p.value === null) return { value: null, status: 'published' };
		value += p.value;
	}
	return { value, status: 'published' };
}

// ---------------------------------------------------------------------------------------------
// Selection (filters): which release units a group / instance type filter reads.

/** A group of the commune and the release unit its figures are in, for the filters. */
export interface GroupUnit {
	id: string;
	name: string;
	instanceType: string;
	/** the release unit the group's rows are in: its own id, or `autres` (merged below k) */
	unit: string;
}

export interface Filters {
	group: string;
	type: string;
	from: string;
	to: string;
}

export interface Selection {
	units: string[];
	label: string;
	/** French note when the selection could not be isolated exactly */
	note: string | null;
}

export function selectUnits(groups: GroupUnit[], filters: Filters, k: number): Selection {
	if (!filters.group && !filters.type)
		return { units: ['*'], label: 'ensemble des groupes', note: null };
	const chosen = groups.filter(
		(g) =>
			(!filters.group || g.id === filters.group) &&
			(!filters.type || g.instanceType === filters.type)
	);
	const typeLabel = filters.type
		? ((INSTANCE_TYPES.labels as Record<string, string>)[filters.type] ?? filters.type)
		: '';
	const label = filters.group
		? (chosen[0]?.name ?? 'groupe inconnu')
		: `${typeLabel.toLowerCase() || 'sélection'}`;
	if (!chosen.length)
		return { units: [], label, note: 'Aucun groupe ne correspond à ces filtres.' };
	const merged = chosen.filter((g) => g.unit === 'autres');
	const own = chosen.filter((g) => g.unit !== 'autres').map((g) => g.id);
	const residual = groups.filter((g) => g.unit === 'autres');
	const residualNote = `Les groupes trop petits pour être publiés seuls (moins de ${k} situations, ou dont le détail permettrait de recalculer une case masquée) sont regroupés dans « Autres groupes » pour protéger l’anonymat`;
	if (!merged.length) return { units: own, label, note: null };
	// The residual unit holds exactly the chosen merged groups: it can stand for them.
	if (residual.every((g) => merged.includes(g)))
		return {
			units: [...own, 'autres'],
			label,
			note: `${residualNote} : les chiffres incluent ce regroupement.`
		};
	return {
		units: own,
		label,
		note: `${residualNote} ; ${merged.length > 1 ? 'ces groupes ne peuvent' : 'ce groupe ne peut'} pas être isolé${merged.length > 1 ? 's' : ''}.`
	};
}

// ---------------------------------------------------------------------------------------------
// Charts

/** Variables drawn as breakdown charts (they follow the filters). */
export const BREAKDOWNS = [
	{ variable: 'problematique', title: 'Situations par problématique', category: 'Problématique' },
	{
		variable: 'institution_pilote',
		title: 'Institutions pilotes des situations',
		category: 'Institution pilote'
	},
	{ variable: 'strategie', title: 'Stratégies retenues', category: 'Stratégie' },
	{
		variable: 'evaluation',
		title: 'Évolution des situations (évaluation)',
		category: 'Évaluation'
	}
] as const;

export interface ChartOptionsLite {
	k: number;
	print?: boolean;
	/** provisional periods, marked on the trend */
	provisional?: string[];
	/** id prefix, unique on the page */
	prefix?: string;
}

export function breakdownChart(
	index: CellIndex,
	period: string,
	units: readonly string[],
	variable: string,
	title: string,
	category: string,
	o: ChartOptionsLite
): ChartSpec {
	const v = VARIABLE_BY_NAME.get(variable);
	if (!v) throw new Error(`unknown variable ${variable}`);
	return hbarChart({
		id: `${o.prefix ?? ''}${variable}`,
		title,
		k: o.k,
		print: o.print,
		valueLabel: 'Situations',
		categoryLabel: category,
		data: index.codes(period, variable).map((code) => {
			const c = index.sum(period, units, { variable, code });
			return {
				category: code,
				label: categoryLabel(variable, code),
				value: c.value,
				status: c.status
			};
		})
	});
}

export function ageSexChart(index: CellIndex, period: string, o: ChartOptionsLite): ChartSpec {
	const ages = new Set(index.codes(period, 'tranche_age'));
	const data = TRANCHES_AGE.codes
		.filter((a) => ages.has(a))
		.flatMap((age) =>
			SEXES.codes.map((sexe) => {
				const c =
					index.get(period, '*', {
						variable: 'tranche_age',
						code: age,
						variable2: 'sexe',
						code2: sexe
					}) ?? UNKNOWN;
				return {
					category: age,
					label: (TRANCHES_AGE.labels as Record<string, string>)[age] ?? age,
					series: sexe,
					value: c.value,
					status: c.status
				};
			})
		);
	return groupedBarChart({
		id: `${o.prefix ?? ''}age-sexe`,
		title: 'Situations par tranche d’âge et sexe',
		k: o.k,
		print: o.print,
		valueLabel: 'Situations',
		categoryLabel: 'Tranche d’âge',
		seriesLabel: 'Sexe',
		series: SEXES.codes.map((key) => ({ key, label: SEXES.labels[key] })),
		data
	});
}

export const TREND_FACETS = [
	{ key: 'situations', label: 'Situations examinées', q: {} },
	{ key: 'cloturees', label: 'Situations clôturées', q: { variable: 'statut', code: 'cloturee' } },
	{
		key: 'sans-accord',
		label: 'Transmissions sans l’accord du groupe',
		q: { variable: 'transmission_hors_groupe', code: 'sans_accord_groupe' }
	}
] as const;

export function trendSpec(
	index: CellIndex,
	periods: readonly string[],
	units: readonly string[],
	o: ChartOptionsLite
): ChartSpec {
	return trendChart({
		id: `${o.prefix ?? ''}tendance`,
		title: 'Évolution sur les périodes',
		k: o.k,
		print: o.print,
		valueLabel: 'Situations',
		categoryLabel: 'Indicateur',
		columns: 3,
		provisional: o.provisional,
		periods: [...periods],
		facets: TREND_FACETS.map((f) => ({ key: f.key, label: f.label })),
		data: TREND_FACETS.flatMap((f) =>
			periods.map((p) => {
				const c = index.sum(p, units, f.q);
				return { facet: f.key, period: p, value: c.value, status: c.status };
			})
		)
	});
}

export interface FilteredCharts {
	selection: Selection;
	breakdowns: ChartSpec[];
	trend: ChartSpec;
}

/** The charts that follow the filters: breakdowns for the period, trend over the range. */
export function filteredCharts(
	index: CellIndex,
	groups: GroupUnit[],
	period: string,
	periods: readonly string[],
	filters: Filters,
	o: ChartOptionsLite
): FilteredCharts {
	const selection = selectUnits(groups, filters, o.k);
	return {
		selection,
		breakdowns: BREAKDOWNS.map((b) =>
			breakdownChart(index, period, selection.units, b.variable, b.title, b.category, o)
		),
		trend: trendSpec(index, periodRange(periods, filters.from, filters.to), selection.units, o)
	};
}

// ---------------------------------------------------------------------------------------------
// Key figures and protocol indicators (whole commune)

export interface KeyFigure {
	key: string;
	label: string;
	current: Figure;
	/** 'percent' figures are ratios 0–1 */
	kind: 'count' | 'percent';
	/** change from the previous period; null when not computable */
	change: number | null;
	/** why there is no change (French), when `change` is null */
	changeNote: string | null;
	/** what the change is computed on, when not the whole commune (French) */
	changeScope: string | null;
}

function meetingsOf(meetings: MeetingFigures[] | null): MeetingFigures | null {
	return meetings?.find((m) => m.unit === '*') ?? null;
}

/**
 * Meetings of some units added up (the whole commune: unit `*`); unknown when a unit has no
 * meeting at all: its groups sent no `seances` file, which is not « 0 séance ».
 */
function meetingsOver(meetings: MeetingFigures[] | null, units: readonly string[]): Figure {
	let value = 0;
	for (const u of units) {
		const m = meetings?.find((x) => x.unit === u);
		if (!m) return UNKNOWN;
		value += m.seances;
	}
	return { value, status: 'published' };
}

function figuresOf(
	index: CellIndex,
	period: string,
	meetings: MeetingFigures[] | null,
	units: readonly string[] = ['*']
) {
	const sum = (q: CellQuery = {}) => index.sum(period, units, q);
	const total = sum();
	const informed = addFigures(
		sum({ variable: 'information_interesse', code: 'informe' }),
		sum({ variable: 'information_interesse', code: 'representants_legaux_informes' })
	);
	let share: Figure;
	if (isHidden(informed.status)) share = { value: null, status: informed.status };
	else if (isHidden(total.status)) share = { value: null, status: total.status };
	else if (!total.value || informed.value === null) share = { value: null, status: 'published' };
	else share = { value: informed.value / total.value, status: 'published' };
	return {
		situations: total,
		cloturees: sum({ variable: 'statut', code: 'cloturee' }),
		encours: sum({ variable: 'statut', code: 'en_cours' }),
		seances: meetingsOver(meetings, units),
		informes: share,
		sansAccord: sum({ variable: 'transmission_hors_groupe', code: 'sans_accord_groupe' })
	};
}

/**
 * What a change from the previous period can be computed on: the whole commune when the same
 * groups transmitted for both periods; else only the groups present in both, when each has its own
 * unit in both releases (a group merged in « Autres groupes » cannot be isolated); else nothing,
 * with the reason. A group missing from one period is never read as a fall.
 */
export type Comparable = { units: string[]; scope: string | null } | { units: null; note: string };

export function comparableUnits(
	index: CellIndex,
	current: { period: string; groups: readonly string[] },
	previous: { period: string; groups: readonly string[] }
): Comparable {
	const prev = new Set(previous.groups);
	const common = current.groups.filter((g) => prev.has(g));
	if (common.length === current.groups.length && common.length === previous.groups.length)
		return { units: ['*'], scope: null };
	if (!common.length)
		return { units: null, note: 'aucun groupe n’a transmis pour les deux périodes' };
	const isolated = common.every(
		(g) => index.get(current.period, g) && index.get(previous.period, g)
	);
	if (!isolated)
		return {
			units: null,
			note: 'évolution non affichée : les groupes ayant transmis diffèrent d’une période à l’autre'
		};
	const n = common.length;
	return {
		units: common,
		scope: `sur ${n > 1 ? `les ${n} groupes présents` : 'le seul groupe présent'} aux deux périodes`
	};
}

const FIGURE_LABELS: [keyof ReturnType<typeof figuresOf>, string, KeyFigure['kind']][] = [
	['situations', 'Situations examinées', 'count'],
	['encours', 'Situations en cours', 'count'],
	['cloturees', 'Situations clôturées', 'count'],
	['seances', 'Séances tenues', 'count'],
	['informes', 'Part des personnes (ou représentants légaux) informées', 'percent'],
	['sansAccord', 'Transmissions sans l’accord du groupe', 'count']
];

export function keyFigures(
	current: { index: CellIndex; period: string; meetings: MeetingFigures[] },
	previous: { index: CellIndex; period: string; meetings: MeetingFigures[] } | null,
	comparable: Comparable = { units: ['*'], scope: null }
): KeyFigure[] {
	const cur = figuresOf(current.index, current.period, current.meetings);
	const units = comparable.units;
	const hasPrevious = !!previous && previous.index.hasPeriod(previous.period);
	// The change compares the same groups: over all of them, or those present in both periods.
	const now =
		units && hasPrevious ? figuresOf(current.index, current.period, current.meetings, units) : null;
	const prev =
		units && previous && hasPrevious
			? figuresOf(previous.index, previous.period, previous.meetings, units)
			: null;
	return FIGURE_LABELS.map(([key, label, kind]) => {
		const c = cur[key];
		const n = now?.[key];
		const p = prev?.[key];
		let change: number | null = null;
		let changeNote: string | null = null;
		if (!hasPrevious) changeNote = 'pas de données pour la période précédente';
		else if (!comparable.units) changeNote = comparable.note;
		else if (!n || !p) changeNote = 'évolution non calculable';
		else if (isHidden(n.status) || isHidden(p.status))
			changeNote = 'évolution non calculable (valeur masquée)';
		else if (n.value === null || p.value === null) changeNote = 'évolution non calculable';
		else change = n.value - p.value;
		const changeScope = change !== null && comparable.units ? comparable.scope : null;
		return { key, label, kind, current: c, change, changeNote, changeScope };
	});
}

export interface IndicatorRow {
	label: string;
	figure: Figure;
}

export interface IndicatorTable {
	id: string;
	title: string;
	unitLabel: string;
	rows: IndicatorRow[];
	/** total the shares are computed on (published only) */
	total: Figure | null;
	note?: string;
}

function variableTable(
	index: CellIndex,
	period: string,
	id: string,
	title: string,
	variable: string,
	measure: 'situations' | 'incidents' = 'situations'
): IndicatorTable {
	return {
		id,
		title,
		unitLabel: measure === 'situations' ? 'Situations' : 'Incidents',
		total: index.get(period, '*', { measure }) ?? UNKNOWN,
		rows: index.codes(period, variable, measure).map((code) => ({
			label: categoryLabel(variable, code),
			figure: index.get(period, '*', { measure, variable, code }) ?? UNKNOWN
		})),
		note: index.codes(period, variable, measure).length
			? undefined
			: 'Non détaillé pour cette période : effectifs trop faibles pour être publiés sans risque.'
	};
}

/** The protocol's indicators (§ information, accord, transmission, meetings, incidents). */
export function protocolIndicators(
	index: CellIndex,
	period: string,
	meetings: MeetingFigures[]
): IndicatorTable[] {
	const m = meetingsOf(meetings);
	const n = (value: number): Figure => ({ value, status: 'published' });
	const seances = n(m?.seances ?? 0);
	return [
		variableTable(
			index,
			period,
			'information',
			'Information des personnes',
			'information_interesse'
		),
		variableTable(index, period, 'accord', 'Recherche de l’accord des personnes', 'accord'),
		variableTable(
			index,
			period,
			'transmission',
			'Transmissions d’informations hors du groupe',
			'transmission_hors_groupe'
		),
		{
			id: 'seances',
			title: 'Séances du groupe',
			unitLabel: 'Séances',
			total: seances,
			note: 'Les séances ne sont pas des personnes : leurs nombres sont publiés tels quels.',
			rows: [
				{ label: 'Séances tenues', figure: seances },
				{ label: 'Avec ordre du jour transmis au préalable', figure: n(m?.avecOrdreDuJour ?? 0) },
				{ label: 'Avec compte rendu', figure: n(m?.avecCompteRendu ?? 0) }
			]
		},
		{
			id: 'evaluation-strategies',
			title: 'Évaluation des stratégies précédentes en séance',
			unitLabel: 'Séances',
			total: seances,
			rows: [
				{ label: EVALUATION_STRATEGIES.labels.oui, figure: n(m?.evaluationOui ?? 0) },
				{ label: EVALUATION_STRATEGIES.labels.non, figure: n(m?.evaluationNon ?? 0) },
				{ label: EVALUATION_STRATEGIES.labels.sans_objet, figure: n(m?.evaluationSansObjet ?? 0) }
			]
		},
		variableTable(
			index,
			period,
			'incidents-sens',
			'Incidents signalés, par sens',
			'sens',
			'incidents'
		),
		variableTable(index, period, 'incidents-motif', 'Incidents, par motif', 'motif', 'incidents'),
		variableTable(
			index,
			period,
			'incidents-suite',
			'Incidents, par suite donnée',
			'suite',
			'incidents'
		)
	];
}

/** What the situations' collected fields say beyond the protocol: where the persons live (QPV),
 * how often the situations were examined, how long the closed ones took to close. */
export function situationProfile(index: CellIndex, period: string): IndicatorTable[] {
	const closed = index.get(period, '*', { variable: 'statut', code: 'cloturee' }) ?? UNKNOWN;
	return [
		variableTable(index, period, 'qpv', 'Situations selon le quartier (QPV)', 'qpv'),
		variableTable(index, period, 'examens', 'Nombre d’examens par situation', 'examens'),
		{
			...variableTable(
				index,
				period,
				'delai-cloture',
				'Délai du premier examen à la clôture (situations clôturées)',
				'delai_cloture'
			),
			unitLabel: 'Situations clôturées',
			total: closed
		}
	];
}

/** Share of a published figure in a published total (null otherwise). */
export function shareOf(f: Figure, total: Figure | null): number | null {
	if (!total || isHidden(total.status) || isHidden(f.status)) return null;
	if (f.value === null || total.value === null || total.value <= 0) return null;
	return f.value / total.value;
}

export { periodLabel };
