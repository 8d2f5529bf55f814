// The comparison of territories, shared by the server (first paint, exports) and the browser
// (DuckDB-WASM): the indicators, the SQL the analyst can read, and the same computation in plain
// TypeScript. A rate is computed only from a published count: a hidden count gives a hidden rate.
import { PROBLEMATIQUES } from '$contracts/codes';
import { isHidden } from '$lib/format';
import type { CellStatus, Release, ReleaseCell } from '$lib/release';

export interface CompareUnit {
	id: string;
	label: string;
	epci: string;
	epciLabel: string;
	arrondissement: string;
	arrondissementLabel: string;
	population: number;
	sizeClass: string;
}

export const SIZE_CLASSES = [
	{ id: 'moins-2000', label: 'Moins de 2 000 habitants', max: 2_000 },
	{ id: '2000-9999', label: 'De 2 000 à 9 999 habitants', max: 10_000 },
	{ id: '10000-49999', label: 'De 10 000 à 49 999 habitants', max: 50_000 },
	{ id: '50000-plus', label: '50 000 habitants et plus', max: Infinity }
] as const;

export function sizeClassOf(population: number): string {
	return (SIZE_CLASSES.find((c) => population < c.max) ?? SIZE_CLASSES[3]).id;
}

export interface Indicator {
	id: string;
	label: string;
	variable: string;
	code: string;
}

/** Indicators of the comparison: all situations, each problématique, transmissions, accord. */
export const INDICATORS: Indicator[] = [
	{ id: 'situations', label: 'Situations examinées', variable: '*', code: '*' },
	...PROBLEMATIQUES.codes.map((code) => ({
		id: `problematique:${code}`,
		label: `Situations — ${PROBLEMATIQUES.labels[code]}`,
		variable: 'problematique',
		code
	})),
	{
		id: 'transmission_hors_groupe:sans_accord_groupe',
		label: 'Transmissions hors du groupe sans son accord',
		variable: 'transmission_hors_groupe',
		code: 'sans_accord_groupe'
	},
	{
		id: 'accord:non_recherche',
		label: 'Situations où l’accord n’a pas été recherché',
		variable: 'accord',
		code: 'non_recherche'
	},
	{
		id: 'information_interesse:non_informe',
		label: 'Personnes non informées',
		variable: 'information_interesse',
		code: 'non_informe'
	}
];

export const INDICATOR_BY_ID = new Map(INDICATORS.map((i) => [i.id, i]));

export type SortKey = 'taux' | 'population' | 'nom';

export interface CompareFilters {
	period: string;
	indicator: string;
	sizeClass: string;
	epci: string;
	arrondissement: string;
	/** reference territory: show it with the territories of closest population */
	reference: string;
	sort: SortKey;
}

/** How many territories of similar size are shown around the reference. */
export const SIMILAR = 8;

export interface CompareRow {
	id: string;
	label: string;
	epciLabel: string;
	arrondissementLabel: string;
	sizeClass: string;
	population: number;
	/** status of the count; null when the release has no such cell */
	status: CellStatus | null;
	n: number | null;
	rate: number | null;
	/** none of the territory's groups transmitted for the period: blank, never 0 */
	missing?: boolean;
}

/** The comparison query as DuckDB runs it (tables `units` and `cells`), parameters in order. */
export const COMPARE_SQL = `SELECT u.id, u.label, u.epci_label, u.arrondissement_label, u.size_class, u.population,
       c.status,
       CASE WHEN c.status = 'published' THEN c.value END AS n,
       CASE WHEN c.status = 'published' AND u.population > 0
            THEN c.value * 1000.0 / u.population END AS rate
FROM units u
LEFT JOIN cells c
       ON c.unit = u.id AND c.period = ? AND c.measure = 'situations'
      AND c.variable = ? AND c.code = ? AND c.variable2 IS NULL
WHERE (? = '' OR u.size_class = ?)
  AND (? = '' OR u.epci = ?)
  AND (? = '' OR u.arrondissement = ?)
  AND (? = '' OR u.id IN (
        SELECT id FROM units
        ORDER BY abs(ln(greatest(population, 1)) - ln(greatest((SELECT population FROM units WHERE id = ?), 1)))
        LIMIT ${SIMILAR + 1}))
ORDER BY CASE ? WHEN 'population' THEN -u.population WHEN 'nom' THEN 0 ELSE (c.status = 'published')::INT * -1 END,
         CASE ? WHEN 'taux' THEN -coalesce(rate, -1) ELSE 0 END,
         u.label COLLATE nocase.noaccent`;

export function compareParams(f: CompareFilters): (string | number)[] {
	const i = INDICATOR_BY_ID.get(f.indicator) ?? INDICATORS[0];
	return [
		f.period,
		i.variable,
		i.code,
		f.sizeClass,
		f.sizeClass,
		f.epci,
		f.epci,
		f.arrondissement,
		f.arrondissement,
		f.reference,
		f.reference,
		f.sort,
		f.sort
	];
}

/** The SQL with its parameters written in, for reading ("voir la requête"). */
export function readableSql(sql: string, params: readonly (string | number)[]): string {
	let i = 0;
	return sql.replace(/\?/g, () => {
		const p = params[i++];
		return typeof p === 'number' ? String(p) : `'${String(p).replaceAll("'", "''")}'`;
	});
}

export type PeriodCell = ReleaseCell & { period: string };

/** The same comparison in TypeScript (server first paint and exports). */
export function compareRows(
	cells: readonly PeriodCell[],
	units: readonly CompareUnit[],
	f: CompareFilters
): CompareRow[] {
	const i = INDICATOR_BY_ID.get(f.indicator) ?? INDICATORS[0];
	const byUnit = new Map<string, PeriodCell>();
	for (const c of cells)
		if (
			c.period === f.period &&
			c.measure === 'situations' &&
			c.variable === i.variable &&
			c.code === i.code &&
			c.variable2 === null
		)
			byUnit.set(c.unit, c);
	let pool = units.filter(
		(u) =>
			(!f.sizeClass || u.sizeClass === f.sizeClass) &&
			(!f.epci || u.epci === f.epci) &&
			(!f.arrondissement || u.arrondissement === f.arrondissement)
	);
	const ref = units.find((u) => u.id === f.reference);
	if (f.reference) {
		const near = new Set(similarUnits(units, ref).map((u) => u.id));
		pool = pool.filter((u) => near.has(u.id));
	}
	const rows = pool.map((u): CompareRow => {
		const c = byUnit.get(u.id);
		const published = c?.status === 'published' && c.value !== null;
		return {
			id: u.id,
			label: u.label,
			epciLabel: u.epciLabel,
			arrondissementLabel: u.arrondissementLabel,
			sizeClass: u.sizeClass,
			population: u.population,
			status: c?.status ?? null,
			n: published ? c.value : null,
			rate: published && u.population > 0 ? ((c.value as number) * 1000) / u.population : null
		};
	});
	return sortRows(rows, f.sort);
}

export function sortRows(rows: CompareRow[], sort: SortKey): CompareRow[] {
	const collator = new Intl.Collator('fr');
	return [...rows].sort((a, b) => {
		if (sort === 'population')
			return b.population - a.population || collator.compare(a.label, b.label);
		if (sort === 'nom') return collator.compare(a.label, b.label);
		const pa = a.status === 'published' ? 1 : 0;
		const pb = b.status === 'published' ? 1 : 0;
		return pb - pa || (b.rate ?? -1) - (a.rate ?? -1) || collator.compare(a.label, b.label);
	});
}

/** The reference and the territories of closest population (log scale). */
export function similarUnits(
	units: readonly CompareUnit[],
	ref: CompareUnit | undefined
): CompareUnit[] {
	if (!ref) return [];
	const d = (u: CompareUnit) =>
		Math.abs(Math.log(Math.max(u.population, 1)) - Math.log(Math.max(ref.population, 1)));
	return [...units].sort((a, b) => d(a) - d(b)).slice(0, SIMILAR + 1);
}

export interface MeetingRow {
	period: string;
	unit: string;
	seances: number;
	avec_odj: number;
	avec_cr: number;
}

/**
 * Protocol facts per period and territory, computed once when the release is loaded into DuckDB
 * (table `protocol_facts`): the unit's total, the persons informed (hidden when any part is
 * hidden), transmissions without the group's accord.
 */
export const PROTOCOL_FACTS_SQL = `CREATE TABLE protocol_facts AS
WITH c AS (SELECT * FROM cells WHERE measure = 'situations' AND variable2 IS NULL)
SELECT t.period, t.unit,
       t.status AS total_status, CASE WHEN t.status = 'published' THEN t.value END AS total,
       inf.hidden AS informed_hidden, CASE WHEN NOT inf.hidden THEN inf.n END AS informed,
       sa.status AS sans_accord_status, CASE WHEN sa.status = 'published' THEN sa.value END AS sans_accord
FROM c t
LEFT JOIN (
  SELECT period, unit, bool_or(status <> 'published') AS hidden, sum(value) AS n
  FROM c WHERE variable = 'information_interesse' AND code IN ('informe', 'representants_legaux_informes')
  GROUP BY period, unit
) inf ON inf.period = t.period AND inf.unit = t.unit
LEFT JOIN c sa ON sa.period = t.period AND sa.unit = t.unit
              AND sa.variable = 'transmission_hors_groupe' AND sa.code = 'sans_accord_groupe'
WHERE t.variable = '*' AND t.code = '*'`;

/** Protocol indicators per territory for a period and the filters (tables units, protocol_facts, meetings). */
export const PROTOCOL_SQL = `SELECT u.id, u.label, u.population,
       coalesce(m.seances, 0) AS seances, coalesce(m.avec_odj, 0) AS avec_odj, coalesce(m.avec_cr, 0) AS avec_cr,
       p.total_status, p.total, p.informed_hidden, p.informed, p.sans_accord_status, p.sans_accord
FROM units u
LEFT JOIN meetings m ON m.unit = u.id AND m.period = ?
LEFT JOIN protocol_facts p ON p.unit = u.id AND p.period = ?
WHERE (? = '' OR u.size_class = ?)
  AND (? = '' OR u.epci = ?)
  AND (? = '' OR u.arrondissement = ?)
ORDER BY u.label COLLATE nocase.noaccent`;

export function protocolParams(f: CompareFilters): string[] {
	return [
		f.period,
		f.period,
		f.sizeClass,
		f.sizeClass,
		f.epci,
		f.epci,
		f.arrondissement,
		f.arrondissement
	];
}

/** One row of the protocol table: hidden parts stay hidden, shares only from published counts. */
export interface ProtocolRow {
	id: string;
	label: string;
	population: number;
	seances: number;
	/** percentages (0–100) of meetings with an agenda sent beforehand / with minutes */
	odjPct: number | null;
	crPct: number | null;
	/** share (%) of situations whose person (or legal representatives) was informed */
	informedPct: number | null;
	informedHidden: boolean;
	sansAccord: number | null;
	sansAccordHidden: boolean;
	sansAccordRate: number | null;
	/** none of the territory's groups transmitted for the period: blank, never 0 */
	missing?: boolean;
}

export interface ProtocolSqlRow {
	id: string;
	label: string;
	population: number;
	seances: number;
	avec_odj: number;
	avec_cr: number;
	total_status: string | null;
	total: number | null;
	informed_hidden: boolean | null;
	informed: number | null;
	sans_accord_status: string | null;
	sans_accord: number | null;
}

export function protocolRow(r: ProtocolSqlRow): ProtocolRow {
	const totalHidden = isHidden(r.total_status as CellStatus);
	const informedHidden = totalHidden || !!r.informed_hidden;
	const sansAccordHidden = isHidden(r.sans_accord_status as CellStatus);
	const pct = (a: number, b: number) => (b > 0 ? (a * 100) / b : null);
	return {
		id: r.id,
		label: r.label,
		population: r.population,
		seances: r.seances,
		odjPct: pct(r.avec_odj, r.seances),
		crPct: pct(r.avec_cr, r.seances),
		informedPct:
			informedHidden || r.informed === null || r.total === null ? null : pct(r.informed, r.total),
		informedHidden,
		sansAccord: sansAccordHidden ? null : r.sans_accord,
		sansAccordHidden,
		sansAccordRate:
			sansAccordHidden || r.sans_accord === null || !(r.population > 0)
				? null
				: (r.sans_accord * 1000) / r.population
	};
}

/** The protocol query in TypeScript (first paint, exports). */
export function protocolRows(
	cells: readonly PeriodCell[],
	meetings: readonly MeetingRow[],
	units: readonly CompareUnit[],
	f: CompareFilters
): ProtocolRow[] {
	const c = cells.filter(
		(x) => x.period === f.period && x.measure === 'situations' && x.variable2 === null
	);
	const find = (unit: string, variable: string, code: string) =>
		c.find((x) => x.unit === unit && x.variable === variable && x.code === code);
	const collator = new Intl.Collator('fr');
	return units
		.filter(
			(u) =>
				(!f.sizeClass || u.sizeClass === f.sizeClass) &&
				(!f.epci || u.epci === f.epci) &&
				(!f.arrondissement || u.arrondissement === f.arrondissement)
		)
		.sort((a, b) => collator.compare(a.label, b.label))
		.map((u) => {
			const m = meetings.find((x) => x.period === f.period && x.unit === u.id);
			const t = find(u.id, '*', '*');
			const parts = ['informe', 'representants_legaux_informes'].map((code) =>
				find(u.id, 'information_interesse', code)
			);
			const sa = find(u.id, 'transmission_hors_groupe', 'sans_accord_groupe');
			const partsHidden = parts.some((p) => !p || p.status !== 'published');
			return protocolRow({
				id: u.id,
				label: u.label,
				population: u.population,
				seances: m?.seances ?? 0,
				avec_odj: m?.avec_odj ?? 0,
				avec_cr: m?.avec_cr ?? 0,
				total_status: t?.status ?? null,
				total: t?.status === 'published' ? t.value : null,
				informed_hidden: parts.every((p) => !p) ? null : partsHidden,
				informed: partsHidden ? null : parts.reduce((s, p) => s + (p?.value ?? 0), 0),
				sans_accord_status: sa?.status ?? null,
				sans_accord: sa?.status === 'published' ? sa.value : null
			});
		});
}

/** Trend of the indicator's rate per 1,000 for some territories over the periods. */
export const TREND_SQL = `SELECT c.period, u.id, u.label, c.status,
       CASE WHEN c.status = 'published' AND u.population > 0
            THEN c.value * 1000.0 / u.population END AS rate
FROM units u
JOIN cells c ON c.unit = u.id AND c.measure = 'situations'
            AND c.variable = ? AND c.code = ? AND c.variable2 IS NULL
WHERE list_contains(string_split(?, ','), u.id)
ORDER BY c.period, u.label COLLATE nocase.noaccent`;

export interface TrendRow {
	period: string;
	id: string;
	label: string;
	status: CellStatus;
	rate: number | null;
	/** none of the territory's groups transmitted for the period */
	missing?: boolean;
}

export function trendRows(
	cells: readonly PeriodCell[],
	units: readonly CompareUnit[],
	indicator: string,
	ids: readonly string[]
): TrendRow[] {
	const i = INDICATOR_BY_ID.get(indicator) ?? INDICATORS[0];
	const byId = new Map(units.map((u) => [u.id, u]));
	return cells
		.filter(
			(c) =>
				ids.includes(c.unit) &&
				byId.has(c.unit) &&
				c.measure === 'situations' &&
				c.variable === i.variable &&
				c.code === i.code &&
				c.variable2 === null
		)
		.map((c) => {
			const u = byId.get(c.unit) as CompareUnit;
			return {
				period: c.period,
				id: u.id,
				label: u.label,
				status: c.status,
				rate:
					c.status === 'published' && c.value !== null && u.population > 0
						? (c.value * 1000) / u.population
						: null
			};
		})
		.sort((a, b) => a.period.localeCompare(b.period) || a.label.localeCompare(b.label));
}

/** Territories shown in the small multiples: the reference and its peers, or the largest. */
export function trendUnits(units: readonly CompareUnit[], reference: string, max = 6): string[] {
	const ref = units.find((u) => u.id === reference);
	const list = ref
		? similarUnits(units, ref)
		: [...units].sort((a, b) => b.population - a.population);
	return list.slice(0, max).map((u) => u.id);
}

// ---------------------------------------------------------------------------------------------
// Territories whose groups sent nothing: « Non transmis » is blank, never a 0 (the release counts
// them as zeros, since no row of theirs exists).

/** Territories of a release none of whose groups transmitted its situations for the period. */
export function untransmittedUnits(release: Pick<Release, 'units' | 'groups'>): string[] {
	const sent = release.groups.filter((g) => g.versions.situations);
	return release.units
		.filter(
			(u) =>
				u.level === 'territoire' &&
				!sent.some((g) => g.communes.some((c) => u.communes.includes(c)))
		)
		.map((u) => u.id);
}

/** Comparison rows with the untransmitted territories blanked (and sorted last by rate). */
export function markCompareRows(
	rows: CompareRow[],
	missing: readonly string[],
	sort: SortKey
): CompareRow[] {
	const set = new Set(missing);
	const marked = rows.map((r) =>
		set.has(r.id) ? { ...r, n: null, rate: null, status: null, missing: true } : r
	);
	return sortRows(marked, sort);
}

/** Protocol rows with the untransmitted territories blanked. */
export function markProtocolRows(rows: ProtocolRow[], missing: readonly string[]): ProtocolRow[] {
	const set = new Set(missing);
	return rows.map((r) =>
		set.has(r.id)
			? {
					...r,
					odjPct: null,
					crPct: null,
					informedPct: null,
					informedHidden: false,
					sansAccord: null,
					sansAccordHidden: false,
					sansAccordRate: null,
					missing: true
				}
			: r
	);
}

/** Trend rows with the points of untransmitted territories blanked, period by period. */
export function markTrendRows(
	rows: TrendRow[],
	missing: Readonly<Record<string, readonly string[]>>
): TrendRow[] {
	return rows.map((r) =>
		missing[r.period]?.includes(r.id) ? { ...r, rate: null, status: 'published', missing: true } : r
	);
}
