// A release is cut from its département-year's protected table set: the units and cells of one
// commune's bilan or of the département's, for one period, each cell read from the set (so a cell
// hidden in one release is hidden in every release that shows the same count). Pure.
import type { MeetingFigures, Release, ReleaseCell, ReleaseGroup } from '$lib/release';
import { communeLayout, departementLayout, type CellDef } from './cells';
import type { YearCommune, YearGroup } from './plan';
import { cellId, type TableSet } from './table-set';

export interface CutRequest {
	audience: Release['audience'];
	scope: string;
	period: string;
	year: string;
	departement: { code: string; nom: string };
	groups: YearGroup[];
	communes: Map<string, YearCommune>;
	/** the protected sets of the period's parts: the period itself, or for a year each of its
	 * periods with data (and the year's annual files) */
	sets: Map<string, TableSet>;
	k: number;
	dataVersion: string;
	/** versions submitted for the period, by group and kind */
	versions: Map<string, Record<string, number>>;
	/** one row per séance of the period: its group and what it records */
	seances: SeanceRow[];
}

export interface SeanceRow {
	group_id: string;
	ordre_du_jour_prealable: number;
	compte_rendu: number;
	evaluation_strategies_precedentes: string;
}

/** Counts a séance in a unit's meeting figures (meetings are not persons: published as is). */
export function countSeance(meetings: Map<string, MeetingFigures>, unit: string, s: SeanceRow) {
	const m = meetings.get(unit) ?? {
		unit,
		seances: 0,
		avecOrdreDuJour: 0,
		avecCompteRendu: 0,
		evaluationOui: 0,
		evaluationNon: 0,
		evaluationSansObjet: 0
	};
	m.seances++;
	m.avecOrdreDuJour += s.ordre_du_jour_prealable;
	m.avecCompteRendu += s.compte_rendu;
	if (s.evaluation_strategies_precedentes === 'oui') m.evaluationOui++;
	else if (s.evaluation_strategies_precedentes === 'non') m.evaluationNon++;
	else m.evaluationSansObjet++;
	meetings.set(unit, m);
}

export function cutRelease(r: CutRequest): Release {
	const started = performance.now();
	const first = r.sets.values().next().value;
	if (!first) throw new Error(`Aucune donnée protégée pour ${r.period}`);
	const plan = first.plan;
	const commune = r.audience === 'commune' ? r.communes.get(r.scope) : undefined;
	if (r.audience === 'commune' && !commune) throw new Error(`Commune inconnue : ${r.scope}`);
	const layout = commune
		? communeLayout(plan, r.groups, commune)
		: departementLayout(plan, r.groups, r.communes, r.departement);
	const inScope = commune ? r.groups.filter((g) => g.communes.includes(r.scope)) : r.groups;
	const withheld = new Set(plan.withheld);
	const cells: ReleaseCell[] = [];
	if (plan.periods.includes(r.period)) {
		for (const def of layout.cells) cells.push(cellOf(def, r.sets));
	}
	// meetings are not persons: counted as they are, by unit (a group, a territory) and overall
	const unitOfGroup = new Map<string, string[]>();
	for (const u of layout.units) {
		if (u.level === 'group') unitOfGroup.set(u.id, [u.id, ...(u.parent ? [u.parent] : [])]);
	}
	if (!commune) {
		for (const u of layout.units) {
			if (u.level !== 'territoire') continue;
			for (const g of r.groups) {
				if (withheld.has(g.id)) continue;
				const id = g.communes.length === 1 ? g.communes[0] : `inter:${g.id}`;
				if (id === u.id) unitOfGroup.set(g.id, [u.id, '*']);
			}
		}
	}
	const meetings = new Map<string, MeetingFigures>();
	for (const s of r.seances) {
		for (const unit of unitOfGroup.get(s.group_id) ?? []) countSeance(meetings, unit, s);
	}
	const groups: ReleaseGroup[] = inScope.map((g) => ({
		id: g.id,
		name: g.name,
		instanceType: g.instanceType,
		communes: g.communes,
		versions: r.versions.get(g.id) ?? {},
		...(withheld.has(g.id) ? { withheld: true } : {})
	}));
	const recoded: Record<string, string[]> = {};
	for (const [v, codes] of Object.entries(plan.recode)) {
		if (!plan.collapsed.includes(v)) recoded[v] = codes;
	}
	return {
		audience: r.audience,
		scope: r.scope,
		scopeLabel: commune ? commune.nom : r.departement.nom,
		period: r.period,
		k: r.k,
		dataVersion: r.dataVersion,
		generatedAt: new Date().toISOString(),
		groups,
		units: layout.units,
		cells,
		recoded,
		meetings: [...meetings.values()],
		stats: {
			cells: cells.length,
			hidden: cells.filter((c) => c.status === 'hidden').length,
			buildMs: Math.round(
				performance.now() - started + [...r.sets.values()].reduce((n, s) => n + s.stats.ms, 0)
			)
		}
	};
}

/** A cell summed over the parts' sets: hidden as soon as one part is hidden (a year's figure is
 * the sum of its periods' published figures, and says nothing they do not). */
function cellOf(def: CellDef, sets: Map<string, TableSet>): ReleaseCell {
	let value = 0;
	let hidden = false;
	for (const [period, set] of sets) {
		const found = set.cells.get(cellId(def.measure, period, def.groups, def.spec));
		// a cell the set does not hold counts nothing (no row of its groups in the period)
		if (found?.hidden) hidden = true;
		value += found?.value ?? 0;
	}
	return {
		measure: def.measure,
		unit: def.unit,
		unitLevel: def.unitLevel,
		variable: def.variable,
		code: def.code,
		variable2: def.variable2,
		code2: def.code2,
		value: hidden ? null : value,
		status: hidden ? 'hidden' : 'published'
	};
}
