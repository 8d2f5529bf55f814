// What a département-year publishes, decided once from the whole year's data: the periods, the
// categories regrouped into « autres catégories », the EPCIs regrouped in the département's
// release, and the groups not published at all this year (too few situations in a period). Every
// release of the year is cut from the one protected table set this plan describes, so a
// regrouping is the same in every release (no difference between two releases isolates a unit),
// and every published unit is a sum of groups each published on its own.
// Pure: no database; the plan is stored with each edition so that it can be rebuilt as published.
import {
	DERIVED_VARIABLES,
	INSTANCE_TYPE_VARIABLE,
	OTHER_CODE,
	VARIABLES,
	type Variable
} from '$lib/release';
import { groupTerritory } from '../territory-rows';

export type Measure = 'situations' | 'incidents';

export interface YearGroup {
	id: string;
	name: string;
	instanceType: string;
	communes: string[];
}

export interface YearCommune {
	code: string;
	nom: string;
	population: number;
	epci: string | null;
	epciNom: string | null;
}

/** Current submission ids of each group for the year: group → period → kind → id. */
export type Snapshot = Record<string, Record<string, Partial<Record<string, string>>>>;

export type Row = Record<string, string>;

/** Rows of stored submissions, by submission id (rows of a version never change). */
export interface RowSource {
	situations: Map<string, Row[]>;
	incidents: Map<string, Row[]>;
}

export interface Plan {
	year: string;
	k: number;
	/** Published periods: the year, then each submission period with data. */
	periods: string[];
	/** variable → original codes published together as OTHER_CODE */
	recode: Record<string, string[]>;
	/** variables not broken down at all (every non-empty category regrouped) */
	collapsed: string[];
	/** EPCIs published together as « autres EPCI » */
	epciMerges: string[];
	/** cross tables left out ('tranche_age×sexe', 'instance_type×problematique') */
	dropped: string[];
	/** groups whose figures are not published this year: a period with 1 to k−1 situations */
	withheld: string[];
	/** the set layout the plan was made for (`PLAN_LAYOUT`); absent in plans frozen before 2 */
	layout?: number;
}

/**
 * Layouts of the set: 1 (no `layout` field), the collected variables; 2, also the derived bands
 * (QPV, examinations, months to closure) and the département's age × sex.
 */
export const PLAN_LAYOUT = 2;

/**
 * A plan frozen by a publication made before the derived bands and the age × sex cross: the year
 * keeps the layout it was published with (those tables stay unpublished), so that no period
 * already published is protected again with other tables, and served with another hidden pattern.
 */
export function asPublished(plan: Plan): Plan {
	if ((plan.layout ?? 1) >= PLAN_LAYOUT) return plan;
	return {
		...plan,
		collapsed: [...new Set([...plan.collapsed, ...DERIVED_VARIABLES.map((v) => v.name)])].sort(),
		dropped: [...new Set([...plan.dropped, AGE_SEX])].sort()
	};
}

/** Regroupings the protection asked for after an audit failure, kept for the next attempt. */
export interface Coarsening {
	groups: Set<string>;
	territories: Set<string>;
	codes: Map<string, Set<string>>;
	collapsed: Set<string>;
	dropped: Set<string>;
}

export const SITUATION_VARS = [
	...VARIABLES.filter((x) => x.measure === 'situations'),
	...DERIVED_VARIABLES
];
export const INCIDENT_VARS = VARIABLES.filter((x) => x.measure === 'incidents');
export const OTHER_EPCI = '_autres_epci';
export const AGE_SEX = 'tranche_age×sexe';
export const TYPE_PROBLEM = 'instance_type×problematique';

export function emptyCoarsening(): Coarsening {
	return {
		groups: new Set(),
		territories: new Set(),
		codes: new Map(),
		collapsed: new Set(),
		dropped: new Set()
	};
}

/** Submission periods of a year, in the order the year's latest row is chosen. */
export function submissionPeriods(snapshot: Snapshot, groupId: string, kind: string): string[] {
	return Object.entries(snapshot[groupId] ?? {})
		.filter(([, kinds]) => kinds[kind] !== undefined)
		.map(([p]) => p)
		.sort();
}

/** Rows of a group for a published period: the year is the sum of its periods' files (a situation
 * examined in both semesters counts in each), so every annual figure is a sum of published ones. */
export function groupRows(
	snapshot: Snapshot,
	rows: RowSource,
	groupId: string,
	measure: Measure,
	period: string,
	year: string
): Row[] {
	const source = rows[measure];
	const periods = period === year ? submissionPeriods(snapshot, groupId, measure) : [period];
	const out: Row[] = [];
	for (const p of periods) {
		const id = snapshot[groupId]?.[p]?.[measure];
		if (id) out.push(...(source.get(id) ?? []));
	}
	return out;
}

/**
 * Ids to regroup among siblings: those with a count in 1..k−1 in any period (or forced), plus the
 * smallest others while the regrouped total is in 1..k−1 in some period.
 */
export function regroupSmall(
	ids: string[],
	counts: (id: string) => number[],
	k: number,
	forced?: Set<string>
): string[] {
	const small = (v: number[]) => v.some((x) => x > 0 && x < k);
	const out = ids.filter(
		(id) => small(counts(id)) || (forced?.has(id) && counts(id).some(Boolean))
	);
	if (!out.length) return [];
	const sum = (list: string[]) => {
		const s: number[] = [];
		for (const id of list) counts(id).forEach((x, i) => (s[i] = (s[i] ?? 0) + x));
		return s;
	};
	const size = (id: string) => counts(id).reduce((a, b) => a + b, 0);
	const rest = ids
		.filter((id) => !out.includes(id) && size(id) > 0)
		.sort((a, b) => size(a) - size(b) || (a < b ? -1 : 1));
	while (small(sum(out)) && rest.length) out.push(rest.shift() as string);
	return out;
}

export interface Territory {
	id: string;
	label: string;
	epci: string;
	communes: string[];
	groups: string[];
	population: number;
}

/** Territories of the département release: a commune, or an intercommunal group's communes. */
export function territoriesOf(
	groups: YearGroup[],
	communes: Map<string, YearCommune>
): Territory[] {
	const byId = new Map<string, Territory>();
	for (const g of groups) {
		const place = groupTerritory(g, communes);
		let t = byId.get(place.id);
		if (!t) {
			t = { ...place, communes: [...g.communes], groups: [] };
			byId.set(place.id, t);
		}
		t.groups.push(g.id);
	}
	return [...byId.values()];
}

/** Groups covering each commune, in name order. */
export function groupsByCommune(groups: YearGroup[]): Map<string, YearGroup[]> {
	const out = new Map<string, YearGroup[]>();
	for (const g of [...groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		for (const c of g.communes) out.set(c, [...(out.get(c) ?? []), g]);
	}
	return out;
}

type RowsOf = (g: string, measure: Measure, p: string) => Row[];

/** The year and the periods of its submissions, sorted. */
function planPeriods(year: string, groups: YearGroup[], snapshot: Snapshot): string[] {
	return [
		year,
		...new Set(
			groups.flatMap((g) =>
				[
					...submissionPeriods(snapshot, g.id, 'situations'),
					...submissionPeriods(snapshot, g.id, 'incidents')
				].filter((p) => p !== year)
			)
		)
	].sort();
}

/** A group's rows of a measure for a period, read once. */
function rowsCache(snapshot: Snapshot, rows: RowSource, year: string): RowsOf {
	const groupRowsOf = new Map<string, Map<string, Row[]>>();
	return (g, measure, p) => {
		const key = `${g}|${measure}`;
		let m = groupRowsOf.get(key);
		if (!m) groupRowsOf.set(key, (m = new Map()));
		let r = m.get(p);
		if (!r) m.set(p, (r = groupRows(snapshot, rows, g, measure, p, year)));
		return r;
	};
}

/** The codes of each variable merged into « autres », and the variables published collapsed,
 * from the shown groups' counts of each code per period. */
function recoding(
	shown: YearGroup[],
	periods: string[],
	rowsOf: RowsOf,
	k: number,
	coarsening: Coarsening
): Pick<Plan, 'recode' | 'collapsed'> {
	const recode: Record<string, string[]> = {};
	const collapsed: string[] = [];
	const categories = (
		variable: Variable,
		measure: Measure,
		valueOf: (g: YearGroup, r: Row) => string
	) => {
		const counts = new Map<string, number[]>();
		for (const g of shown) {
			periods.forEach((p, i) => {
				for (const r of rowsOf(g.id, measure, p)) {
					const c = valueOf(g, r);
					const v = counts.get(c) ?? periods.map(() => 0);
					v[i]++;
					counts.set(c, v);
				}
			});
		}
		const codes = variable.codes;
		const zero = periods.map(() => 0);
		const merged = regroupSmall(
			[...codes],
			(c) => counts.get(c) ?? zero,
			k,
			coarsening.codes.get(variable.name)
		);
		const nonEmpty = codes.filter((c) => counts.has(c));
		if (merged.length) recode[variable.name] = codes.filter((c) => merged.includes(c));
		if (
			coarsening.collapsed.has(variable.name) ||
			(nonEmpty.length > 0 && nonEmpty.every((c) => merged.includes(c)))
		) {
			collapsed.push(variable.name);
		}
	};
	for (const v of SITUATION_VARS) categories(v, 'situations', (_, r) => r[v.name]);
	for (const v of INCIDENT_VARS) categories(v, 'incidents', (_, r) => r[v.name]);
	categories(INSTANCE_TYPE_VARIABLE, 'situations', (g) => g.instanceType);
	// the months to closure break down the closed situations: not without their own cell
	if (
		(collapsed.includes('statut') || recode.statut?.includes('cloturee')) &&
		!collapsed.includes('delai_cloture')
	) {
		collapsed.push('delai_cloture');
	}
	return { recode, collapsed };
}

/** The plan of a département-year from its data. */
export function makePlan(
	year: string,
	groups: YearGroup[],
	communes: Map<string, YearCommune>,
	snapshot: Snapshot,
	rows: RowSource,
	k: number,
	coarsening: Coarsening = emptyCoarsening()
): Plan {
	const periods = planPeriods(year, groups, snapshot);
	const rowsOf = rowsCache(snapshot, rows, year);
	const totals = (ids: string[]) =>
		periods.map((p) => ids.reduce((s, g) => s + rowsOf(g, 'situations', p).length, 0));

	// A group with 1 to k−1 situations in a period is not published this year, anywhere: behind
	// « autres groupes » its figures would be the difference between releases that show it and
	// releases that do not (another commune's page, the département's territories, its type).
	const small = (v: number[]) => v.some((x) => x > 0 && x < k);
	const withheld = groups
		.filter((g) => coarsening.groups.has(g.id) || small(totals([g.id])))
		.map((g) => g.id)
		.sort();
	const shown = groups.filter((g) => !withheld.includes(g.id));
	const territories = territoriesOf(shown, communes);
	const byEpci = new Map<string, Territory[]>();
	for (const t of territories) byEpci.set(t.epci, [...(byEpci.get(t.epci) ?? []), t]);
	const epciTotals = new Map(
		[...byEpci].map(([e, list]) => [e, totals(list.flatMap((t) => t.groups))])
	);
	const epciMerges = regroupSmall([...epciTotals.keys()], (e) => epciTotals.get(e) ?? [], k).sort();
	const { recode, collapsed } = recoding(shown, periods, rowsOf, k, coarsening);

	return {
		year,
		k,
		periods,
		recode,
		collapsed,
		epciMerges,
		withheld,
		// Age × sex is published for the département, protected with its margins in one block.
		// Instance type × problématique is not: a type crosses territories, so each group's part
		// is an unknown of the model, and on a département ten times the demo's that tripled the
		// whole protection's time (see ARCHITECTURE.md); its model is kept (table-set.ts).
		dropped: [...new Set([...coarsening.dropped, TYPE_PROBLEM])].sort(),
		layout: PLAN_LAYOUT
	};
}

/** Published codes of a variable under a plan: the codes kept, then OTHER_CODE if any merged. */
export function publishedCodes(plan: Plan, variable: Variable): string[] {
	const merged = plan.recode[variable.name] ?? [];
	const kept = variable.codes.filter((c) => !merged.includes(c));
	return merged.length ? [...kept, OTHER_CODE] : [...kept];
}

/** Original codes behind a published code. */
export function originalCodes(plan: Plan, variable: Variable, code: string): string[] {
	return code === OTHER_CODE ? (plan.recode[variable.name] ?? []) : [code];
}
