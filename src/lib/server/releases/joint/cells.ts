// The cells each release publishes, as definitions over groups: a commune's bilan (its groups'
// totals, and the commune's territory broken down), the département's (territories, EPCIs, the
// département, instance types). One function lists them for the joint protection (every release of
// the period) and for the cut of one release, so what is protected is what is served. A cell is
// identified by what it counts (measure, period, the groups it sums, its categories), so two
// releases showing the same count share one cell.
import {
	OTHER_CODE,
	VARIABLE_BY_NAME,
	INSTANCE_TYPE_VARIABLE,
	type ReleaseUnit
} from '$lib/release';
import {
	AGE_SEX,
	INCIDENT_VARS,
	TYPE_PROBLEM,
	OTHER_EPCI,
	SITUATION_VARS,
	groupsByCommune,
	publishedCodes,
	territoriesOf,
	type Measure,
	type Plan,
	type Territory,
	type YearCommune,
	type YearGroup
} from './plan';

export interface CellDef {
	measure: Measure;
	unit: string;
	unitLevel: string;
	/** 1 group, 2 commune or territory, 3 EPCI, 4 département: aggregated cells first in Gauss */
	rank: number;
	groups: string[];
	variable: string;
	code: string;
	variable2: string | null;
	code2: string | null;
	/** categories as the model reads them: '' (total), 'v=c', 'v=c|v2=c2'; OTHER_CODE as its set */
	spec: string;
}

export interface ReleaseLayout {
	units: ReleaseUnit[];
	cells: CellDef[];
	/** Groups behind the commune's incidents and age × sex: one territory's (see communeLayout). */
	territoryGroups?: string[];
}

/** The spec of a category, OTHER_CODE written as the set of codes it holds. */
export function specOf(plan: Plan, variable: string, code: string): string {
	if (variable === '*') return '';
	const c =
		code === OTHER_CODE ? `${OTHER_CODE}{${(plan.recode[variable] ?? []).join(',')}}` : code;
	return `${variable}=${c}`;
}

/** Parses a spec into (variable, original codes) pairs. */
export function parseSpec(spec: string): Array<[string, string[]]> {
	if (!spec) return [];
	return spec.split('|').map((part) => {
		const [v, c] = part.split('=');
		const set = /^_autres\{(.*)\}$/.exec(c);
		return [v, set ? set[1].split(',').filter(Boolean) : [c]];
	});
}

function variableSpecs(plan: Plan, names: string[]) {
	const out: Array<Pick<CellDef, 'variable' | 'code' | 'variable2' | 'code2' | 'spec'>> = [
		{ variable: '*', code: '*', variable2: null, code2: null, spec: '' }
	];
	for (const name of names) {
		if (plan.collapsed.includes(name)) continue;
		const v = VARIABLE_BY_NAME.get(name);
		if (!v) continue;
		for (const code of publishedCodes(plan, v)) {
			out.push({
				variable: name,
				code,
				variable2: null,
				code2: null,
				spec: specOf(plan, name, code)
			});
		}
	}
	return out;
}

const SITUATION_NAMES = SITUATION_VARS.map((v) => v.name);
const INCIDENT_NAMES = INCIDENT_VARS.map((v) => v.name);

function ageSexSpecs(plan: Plan) {
	if (plan.dropped.includes(AGE_SEX)) return [];
	if (plan.collapsed.includes('tranche_age') || plan.collapsed.includes('sexe')) return [];
	const age = VARIABLE_BY_NAME.get('tranche_age');
	const sex = VARIABLE_BY_NAME.get('sexe');
	if (!age || !sex) return [];
	const out = [];
	for (const a of publishedCodes(plan, age)) {
		for (const s of publishedCodes(plan, sex)) {
			out.push({
				variable: 'tranche_age',
				code: a,
				variable2: 'sexe',
				code2: s,
				spec: `${specOf(plan, 'tranche_age', a)}|${specOf(plan, 'sexe', s)}`
			});
		}
	}
	return out;
}

function cellsOf(
	unit: string,
	unitLevel: string,
	rank: number,
	groups: string[],
	measure: Measure,
	specs: ReturnType<typeof variableSpecs>
): CellDef[] {
	return specs.map((s) => ({ measure, unit, unitLevel, rank, groups, ...s }));
}

/** Groups a plan publishes (not withheld). */
export function shownGroups(plan: Plan, groups: YearGroup[]): YearGroup[] {
	const withheld = new Set(plan.withheld);
	return groups.filter((g) => !withheld.has(g.id));
}

/**
 * The groups a commune's bilan breaks down: its own groups (a territory of the département's
 * release), else the one intercommunal group covering it; none when several intercommunal groups
 * and no own group cover it.
 */
export function communeTerritory(list: YearGroup[]): string[] {
	const own = list.filter((g) => g.communes.length === 1).map((g) => g.id);
	return (own.length ? own : list.length === 1 ? [list[0].id] : []).sort();
}

/**
 * Units and cells of a commune's bilan (audience « commune »). Every breakdown is a territory's:
 * each group shows its totals only, and the commune (`*`) is its own groups (or its one
 * intercommunal group), with every variable, age × sex and incidents. Intercommunal groups next to
 * the commune's own are listed with their totals, outside the commune's figures. So every count a
 * commune's bilan publishes is a count of the département's release or a group's total: no two
 * releases count overlapping sets of groups whose difference would isolate a group's detail.
 */
export function communeLayout(
	plan: Plan,
	groups: YearGroup[],
	commune: YearCommune
): ReleaseLayout {
	const list = groupsByCommune(shownGroups(plan, groups)).get(commune.code) ?? [];
	const territory = communeTerritory(list);
	const inside = new Set(territory);
	const units: ReleaseUnit[] = list.map((g) => ({
		id: g.id,
		label: g.name,
		level: 'group',
		parent: inside.has(g.id) ? '*' : null,
		population: null,
		communes: g.communes
	}));
	const cells: CellDef[] = [];
	const totalOnly = variableSpecs(plan, []);
	for (const g of list) cells.push(...cellsOf(g.id, 'group', 1, [g.id], 'situations', totalOnly));
	units.push({
		id: '*',
		label: commune.nom,
		level: 'total',
		parent: null,
		population: null,
		communes: [commune.code]
	});
	if (territory.length) {
		// no age × sex here: by commune it would cost the protection ten times its other blocks
		// (measured: 6 to 9 s a semester on the demo) and hide most of the commune's age figures
		const full = variableSpecs(plan, SITUATION_NAMES);
		cells.push(
			...cellsOf('*', 'total', 2, territory, 'situations', full),
			...cellsOf('*', 'total', 2, territory, 'incidents', variableSpecs(plan, INCIDENT_NAMES))
		);
	}
	return { units, cells, territoryGroups: territory };
}

/** Units and cells of the territories and of the EPCIs they form (small EPCIs merged). */
function territoryLayout(
	plan: Plan,
	territories: Territory[],
	communes: Map<string, YearCommune>,
	full: ReturnType<typeof variableSpecs>
): ReleaseLayout {
	const units: ReleaseUnit[] = [];
	const cells: CellDef[] = [];
	const epciMerged = new Set(plan.epciMerges);
	const epciOf = (e: string) => (epciMerged.has(e) ? OTHER_EPCI : e);
	const epciUnits = new Map<string, Aggregate>();
	for (const t of territories) {
		units.push({
			id: t.id,
			label: t.label,
			level: 'territoire',
			parent: epciOf(t.epci),
			population: t.population,
			communes: t.communes
		});
		cells.push(...cellsOf(t.id, 'territoire', 2, [...t.groups].sort(), 'situations', full));
		const e = epciOf(t.epci);
		addTerritory(epciUnits, t, {
			id: e,
			label:
				e === OTHER_EPCI
					? 'Autres EPCI (regroupés pour le secret statistique)'
					: epciLabel(t.epci, communes, t),
			level: 'epci',
			parent: '*'
		});
	}
	for (const { groups: members, ...e } of epciUnits.values()) {
		units.push(e);
		cells.push(...cellsOf(e.id, 'epci', 3, [...members].sort(), 'situations', full.slice(0, 1)));
	}
	return { units, cells };
}

/** Instance types: each type's total (a sum of groups' totals), broken down by problématique
 * (a type crosses territories: the joint protection models each group's part, see table-set.ts). */
function instanceTypeCells(plan: Plan, shown: YearGroup[]): CellDef[] {
	const cells: CellDef[] = [];
	const problems =
		plan.dropped.includes(TYPE_PROBLEM) || plan.collapsed.includes('problematique')
			? []
			: variableSpecs(plan, ['problematique']).slice(1);
	for (const type of publishedCodes(plan, INSTANCE_TYPE_VARIABLE)) {
		const set = type === OTHER_CODE ? (plan.recode.instance_type ?? []) : [type];
		const members = shown
			.filter((g) => set.includes(g.instanceType))
			.map((g) => g.id)
			.sort();
		if (!members.length) continue;
		const typeCell = (variable2: string | null, code2: string | null, spec: string): CellDef => ({
			measure: 'situations',
			unit: '*',
			unitLevel: 'total',
			rank: 3,
			groups: members,
			variable: 'instance_type',
			code: type,
			variable2,
			code2,
			spec
		});
		cells.push(typeCell(null, null, ''));
		for (const p of problems) cells.push(typeCell('problematique', p.code, p.spec));
	}
	return cells;
}

/** Units and cells of the département's release (audience « departement »). */
export function departementLayout(
	plan: Plan,
	groups: YearGroup[],
	communes: Map<string, YearCommune>,
	departement: { code: string; nom: string }
): ReleaseLayout {
	const shown = shownGroups(plan, groups);
	const territories = territoriesOf(shown, communes);
	const full = variableSpecs(plan, SITUATION_NAMES);
	const { units, cells } = territoryLayout(plan, territories, communes, full);
	const all = shown.map((g) => g.id).sort();
	units.push({
		id: '*',
		label: `Département ${departement.code}`,
		level: 'total',
		parent: null,
		population: territories.reduce((s, t) => s + t.population, 0),
		communes: [...new Set(territories.flatMap((t) => t.communes))]
	});
	if (all.length) {
		cells.push(
			...cellsOf('*', 'total', 4, all, 'situations', [...full, ...ageSexSpecs(plan)]),
			...cellsOf('*', 'total', 4, all, 'incidents', variableSpecs(plan, INCIDENT_NAMES))
		);
	}
	if (all.length && !plan.collapsed.includes('instance_type')) {
		cells.push(...instanceTypeCells(plan, shown));
	}
	return { units, cells };
}

type Aggregate = ReleaseUnit & { groups: string[] };

/** Adds a territory to the aggregate unit `unit.id` (created on first use). */
function addTerritory(
	into: Map<string, Aggregate>,
	t: { population: number; communes: string[]; groups: string[] },
	unit: Pick<ReleaseUnit, 'id' | 'label' | 'level' | 'parent'>
) {
	const a = into.get(unit.id) ?? { ...unit, population: 0, communes: [], groups: [] };
	a.population = (a.population ?? 0) + t.population;
	a.communes.push(...t.communes);
	a.groups.push(...t.groups);
	into.set(unit.id, a);
}

function epciLabel(epci: string, communes: Map<string, YearCommune>, t: { communes: string[] }) {
	if (epci === 'sans_epci') return 'Sans EPCI';
	if (epci === 'plusieurs_epci') return 'Plusieurs EPCI';
	return communes.get(t.communes[0])?.epciNom ?? epci;
}

/** Every cell any audience of the département-year can obtain, for one period. */
export function allCellDefs(
	plan: Plan,
	groups: YearGroup[],
	communes: Map<string, YearCommune>,
	departement: { code: string; nom: string }
): CellDef[] {
	const out = departementLayout(plan, groups, communes, departement).cells;
	for (const code of groupsByCommune(shownGroups(plan, groups)).keys()) {
		const c = communes.get(code);
		if (c) out.push(...communeLayout(plan, groups, c).cells);
	}
	return out;
}
