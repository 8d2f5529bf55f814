// The release builder: aggregates the current submitted versions of the groups in an audience's
// scope into linked count tables, protects them (primary + secondary suppression, LP audit) and
// returns cells whose hidden values are already gone. A release that fails the audit is refused.
import * as aq from 'arquero';
import type { Kysely } from 'kysely';
import {
	crossTable,
	buildModel,
	protect,
	type CrossTableSpec,
	type HierarchyLevel
} from '$lib/disclosure';
import {
	INSTANCE_TYPE_VARIABLE,
	VARIABLES,
	type Audience,
	type CellStatus,
	type MeetingFigures,
	type Release,
	type ReleaseCell,
	type ReleaseGroup,
	type ReleaseUnit
} from '$lib/release';
import type { Database } from '../db/schema';

export class ReleaseRefused extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReleaseRefused';
	}
}

export interface ReleaseRequest {
	audience: Audience;
	/** commune INSEE code (commune audience) or département code */
	scope: string;
	period: string;
	k: number;
	previousMask?: Iterable<string>;
}

interface GroupInfo {
	id: string;
	name: string;
	instance_type: string;
	communes: string[];
}

const UNIT_LEVELS = ['group', 'territoire', 'epci'] as const;
const SITUATION_VARS = VARIABLES.filter((x) => x.measure === 'situations');
const INCIDENT_VARS = VARIABLES.filter((x) => x.measure === 'incidents');

/** Groups of the scope: those covering the commune, or every group of the département. */
export async function groupsInScope(
	db: Kysely<Database>,
	audience: Audience,
	scope: string
): Promise<GroupInfo[]> {
	let query = db
		.selectFrom('groups')
		.innerJoin('group_communes', 'group_communes.group_id', 'groups.id')
		.select(['groups.id', 'groups.name', 'groups.instance_type', 'group_communes.commune_code']);
	if (audience === 'commune') {
		query = query.where(
			'groups.id',
			'in',
			db.selectFrom('group_communes').select('group_id').where('commune_code', '=', scope)
		);
	} else {
		query = query.where('groups.departement', '=', scope);
	}
	const rows = await query.orderBy('groups.name').orderBy('group_communes.commune_code').execute();
	const byId = new Map<string, GroupInfo>();
	for (const r of rows) {
		const g = byId.get(r.id) ?? {
			id: r.id,
			name: r.name,
			instance_type: r.instance_type,
			communes: []
		};
		g.communes.push(r.commune_code);
		byId.set(r.id, g);
	}
	return [...byId.values()];
}

/**
 * Submission periods a release covers: the period itself, and for a year (`2025`) also its
 * semesters and quarters, so an annual release aggregates the year's semester files.
 */
export function periodsOf(period: string): string[] {
	if (!/^\d{4}$/.test(period)) return [period];
	return [period, ...['S1', 'S2', 'T1', 'T2', 'T3', 'T4'].map((p) => `${period}-${p}`)];
}

/** Identifies the stored data behind a release: the current submissions of the scope's groups. */
export async function dataVersion(
	db: Kysely<Database>,
	groupIds: string[],
	period: string
): Promise<string> {
	if (!groupIds.length) return 'vide';
	const rows = await db
		.selectFrom('submissions')
		.select(['id'])
		.where('group_id', 'in', groupIds)
		.where('period', 'in', periodsOf(period))
		.where('status', '=', 'submitted')
		.orderBy('id')
		.execute();
	let h = 2166136261;
	for (const ch of rows.map((r) => r.id).join(',')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
	return `${rows.length}-${(h >>> 0).toString(36)}`;
}

async function currentRows(db: Kysely<Database>, groupIds: string[], period: string) {
	if (!groupIds.length) return { situations: [], incidents: [], seances: [], versions: [] };
	const periods = periodsOf(period);
	const current = (kind: string) =>
		db
			.selectFrom('submissions')
			.select(['id', 'group_id', 'period'])
			.where('group_id', 'in', groupIds)
			.where('period', 'in', periods)
			.where('kind', '=', kind)
			.where('status', '=', 'submitted');
	const [situations, incidents, seances, versions] = await Promise.all([
		db
			.selectFrom('situation_rows as r')
			.innerJoin(current('situations').as('s'), 's.id', 'r.submission_id')
			.select([
				's.group_id',
				's.period',
				'r.ref_situation',
				...SITUATION_VARS.map((x) => `r.${x.name}` as 'r.problematique')
			])
			.execute(),
		db
			.selectFrom('incident_rows as r')
			.innerJoin(current('incidents').as('s'), 's.id', 'r.submission_id')
			.select(['s.group_id', 'r.sens', 'r.motif', 'r.suite'])
			.execute(),
		db
			.selectFrom('seance_rows as r')
			.innerJoin(current('seances').as('s'), 's.id', 'r.submission_id')
			.select([
				's.group_id',
				'r.ordre_du_jour_prealable',
				'r.compte_rendu',
				'r.evaluation_strategies_precedentes'
			])
			.execute(),
		db
			.selectFrom('submissions')
			.select(['group_id', 'kind', 'version'])
			.where('group_id', 'in', groupIds)
			.where('period', 'in', periods)
			.where('status', '=', 'submitted')
			.execute()
	]);
	// Over a year, a situation followed in both semesters is counted once (its latest row).
	const latest = new Map<string, (typeof situations)[number]>();
	for (const r of situations) {
		const key = `${r.group_id}|${r.ref_situation}`;
		const seen = latest.get(key);
		if (!seen || seen.period < r.period) latest.set(key, r);
	}
	return {
		situations: (periods.length > 1 ? [...latest.values()] : situations) as unknown as Record<
			string,
			string
		>[],
		incidents: incidents as unknown as Record<string, string>[],
		seances,
		versions
	};
}

interface Territory {
	unit: ReleaseUnit;
	epci: string;
}

async function territories(db: Kysely<Database>, groups: GroupInfo[], departement: string) {
	const codes = [...new Set(groups.flatMap((g) => g.communes))];
	const communes = codes.length
		? await db
				.selectFrom('communes')
				.leftJoin('epci', 'epci.code', 'communes.epci')
				.select([
					'communes.code',
					'communes.nom',
					'communes.population',
					'communes.epci',
					'epci.nom as epci_nom'
				])
				.where('communes.code', 'in', codes)
				.execute()
		: [];
	const commune = new Map(communes.map((c) => [c.code, c]));
	const byGroup = new Map<string, Territory>();
	const units = new Map<string, ReleaseUnit>();
	for (const g of groups) {
		const id = g.communes.length === 1 ? g.communes[0] : `inter:${g.id}`;
		const epcis = new Set(g.communes.map((c) => commune.get(c)?.epci ?? 'sans_epci'));
		const epci = epcis.size === 1 ? [...epcis][0] : 'plusieurs_epci';
		let unit = units.get(id);
		if (!unit) {
			unit = {
				id,
				label:
					g.communes.length === 1
						? (commune.get(id)?.nom ?? id)
						: `${g.communes.map((c) => commune.get(c)?.nom ?? c).join(', ')} (intercommunal)`,
				level: 'territoire',
				parent: epci,
				population: g.communes.reduce((s, c) => s + (commune.get(c)?.population ?? 0), 0),
				communes: g.communes
			};
			units.set(id, unit);
		}
		byGroup.set(g.id, { unit, epci });
	}
	const epciUnits = new Map<string, ReleaseUnit>();
	for (const u of units.values()) {
		const e = u.parent as string;
		const existing = epciUnits.get(e);
		const sample = commune.get(u.communes[0]);
		const label =
			e === 'sans_epci'
				? 'Sans EPCI'
				: e === 'plusieurs_epci'
					? 'Plusieurs EPCI'
					: (sample?.epci_nom ?? e);
		if (existing) {
			existing.population = (existing.population ?? 0) + (u.population ?? 0);
			existing.communes.push(...u.communes);
		} else {
			epciUnits.set(e, {
				id: e,
				label,
				level: 'epci',
				parent: '*',
				population: u.population,
				communes: [...u.communes]
			});
		}
	}
	const all = [...units.values(), ...epciUnits.values()];
	all.push({
		id: '*',
		label: `Département ${departement}`,
		level: 'total',
		parent: null,
		population: all
			.filter((u) => u.level === 'territoire')
			.reduce((s, u) => s + (u.population ?? 0), 0),
		communes: codes
	});
	return { byGroup, units: all };
}

function countBy(rows: Record<string, string>[], keys: string[]): { keys: string[]; n: number }[] {
	if (!rows.length) return [];
	const t = aq
		.from(rows)
		.groupby(...keys)
		.count({ as: 'n' });
	return (t.objects() as Record<string, unknown>[]).map((o) => ({
		keys: keys.map((k) => String(o[k])),
		n: Number(o.n)
	}));
}

function cellOf(
	key: string,
	coords: Record<string, string>,
	value: number,
	status: CellStatus
): ReleaseCell {
	const measure = key.split('|')[0] as ReleaseCell['measure'];
	let unit = '*';
	let unitLevel = 'total';
	for (const level of UNIT_LEVELS) {
		if (coords[level] !== undefined) {
			unit = coords[level];
			unitLevel = level;
		}
	}
	const vars = Object.keys(coords).filter((c) => !(UNIT_LEVELS as readonly string[]).includes(c));
	const order = (name: string) =>
		name === 'instance_type' ? -1 : VARIABLES.findIndex((x) => x.name === name);
	vars.sort((a, b) => order(a) - order(b));
	return {
		measure,
		unit,
		unitLevel,
		variable: vars[0] ?? '*',
		code: vars[0] ? coords[vars[0]] : '*',
		variable2: vars[1] ?? null,
		code2: vars[1] ? coords[vars[1]] : null,
		value: status === 'published' ? value : null,
		status
	};
}

export async function buildRelease(
	db: Kysely<Database>,
	request: ReleaseRequest
): Promise<{ release: Release; mask: string[] }> {
	const started = performance.now();
	const { audience, scope, period, k } = request;
	const groups = await groupsInScope(db, audience, scope);
	const groupIds = groups.map((g) => g.id);
	const [rows, version, scopeRow] = await Promise.all([
		currentRows(db, groupIds, period),
		dataVersion(db, groupIds, period),
		audience === 'commune'
			? db
					.selectFrom('communes')
					.select(['nom', 'departement'])
					.where('code', '=', scope)
					.executeTakeFirst()
			: db
					.selectFrom('departements')
					.select(['nom', 'code as departement'])
					.where('code', '=', scope)
					.executeTakeFirst()
	]);
	if (!scopeRow) throw new ReleaseRefused(`Périmètre inconnu : ${scope}`);

	const instanceOf = new Map(groups.map((g) => [g.id, g.instance_type]));
	let units: ReleaseUnit[];
	let unitDim: { name: string; values: string[]; hierarchy?: HierarchyLevel[] };
	let unitOfGroup: (groupId: string) => string;
	if (audience === 'commune') {
		units = [
			...groups.map((g) => ({
				id: g.id,
				label: g.name,
				level: 'group' as const,
				parent: '*',
				population: null,
				communes: g.communes
			})),
			{
				id: '*',
				label: scopeRow.nom,
				level: 'total' as const,
				parent: null,
				population: null,
				communes: [scope]
			}
		];
		unitDim = { name: 'group', values: groupIds };
		unitOfGroup = (g) => g;
	} else {
		const t = await territories(db, groups, scope);
		units = t.units;
		const territoryIds = units.filter((u) => u.level === 'territoire').map((u) => u.id);
		unitDim = {
			name: 'territoire',
			values: territoryIds,
			hierarchy: [
				{
					name: 'epci',
					parentOf: Object.fromEntries(
						units.filter((u) => u.level === 'territoire').map((u) => [u.id, u.parent as string])
					)
				}
			]
		};
		unitOfGroup = (g) => (t.byGroup.get(g) as Territory).unit.id;
	}

	// Units with fewer than k situations are merged into a residual unit before suppression
	// (regroupement): their totals then need no protection, which keeps the linked tables apart.
	const totals = new Map<string, number>();
	for (const r of rows.situations) {
		const u = unitOfGroup(r.group_id);
		totals.set(u, (totals.get(u) ?? 0) + 1);
	}
	const merged = new Map<string, string>();
	for (const unit of units) {
		if (unit.level !== 'group' && unit.level !== 'territoire') continue;
		const n = totals.get(unit.id) ?? 0;
		if (n >= k || n === 0) continue;
		const residualId = audience === 'commune' ? 'autres' : `autres:${unit.parent}`;
		merged.set(unit.id, residualId);
	}
	if (merged.size) {
		const residuals = new Map<string, ReleaseUnit>();
		for (const unit of units) {
			const target = merged.get(unit.id);
			if (!target) continue;
			const r = residuals.get(target) ?? {
				id: target,
				label:
					audience === 'commune'
						? `Autres groupes (moins de ${k} situations chacun)`
						: `Autres territoires de ${units.find((u) => u.id === unit.parent)?.label ?? 'l’EPCI'} (moins de ${k} situations chacun)`,
				level: unit.level,
				parent: unit.parent,
				population: audience === 'commune' ? null : 0,
				communes: []
			};
			if (r.population !== null) r.population += unit.population ?? 0;
			r.communes.push(...unit.communes);
			residuals.set(target, r);
		}
		units = [...units, ...residuals.values()];
		for (const u of units) if (merged.has(u.id)) u.parent = merged.get(u.id) as string;
	}
	const unitIds = units
		.filter((u) => (u.level === 'group' || u.level === 'territoire') && !merged.has(u.id))
		.map((u) => u.id);
	unitDim.values = unitIds;
	if (unitDim.hierarchy) {
		unitDim.hierarchy = [
			{
				name: 'epci',
				parentOf: Object.fromEntries(
					units.filter((u) => unitIds.includes(u.id)).map((u) => [u.id, u.parent as string])
				)
			}
		];
	}
	const finalUnit = (groupId: string) => {
		const u = unitOfGroup(groupId);
		return merged.get(u) ?? u;
	};
	const withUnit = (list: Record<string, string>[]) =>
		list.map((r) => ({
			...r,
			unit: finalUnit(r.group_id),
			instance_type: instanceOf.get(r.group_id) ?? ''
		}));
	const situations = withUnit(rows.situations);
	const incidents = withUnit(rows.incidents);

	const specs: CrossTableSpec[] = [];
	const unitSpec = unitDim;
	if (situations.length || incidents.length) {
		for (const variable of SITUATION_VARS) {
			const counts = new Map<string, number>();
			for (const c of countBy(situations, ['unit', variable.name]))
				counts.set(c.keys.join('|'), c.n);
			specs.push({
				name: `situations:${unitDim.name}×${variable.name}`,
				measure: 'situations',
				dims: [
					{ ...unitSpec, groupDisclosure: false },
					{ name: variable.name, values: variable.codes }
				],
				counts
			});
		}
		// Incidents are few: published for the whole scope only.
		for (const variable of INCIDENT_VARS) {
			const counts = new Map<string, number>();
			for (const c of countBy(incidents, [variable.name])) counts.set(c.keys.join('|'), c.n);
			specs.push({
				name: `incidents:${variable.name}`,
				measure: 'incidents',
				dims: [{ name: variable.name, values: variable.codes }],
				counts
			});
		}
		const ageSex = new Map<string, number>();
		for (const c of countBy(situations, ['tranche_age', 'sexe'])) ageSex.set(c.keys.join('|'), c.n);
		specs.push({
			name: 'situations:tranche_age×sexe',
			measure: 'situations',
			dims: [
				{ name: 'tranche_age', values: VARIABLES.find((x) => x.name === 'tranche_age')!.codes },
				{ name: 'sexe', values: VARIABLES.find((x) => x.name === 'sexe')!.codes }
			],
			counts: ageSex
		});
		if (audience === 'departement') {
			const byType = new Map<string, number>();
			for (const c of countBy(situations, ['instance_type', 'problematique']))
				byType.set(c.keys.join('|'), c.n);
			specs.push({
				name: 'situations:instance_type×problematique',
				measure: 'situations',
				dims: [
					{ name: 'instance_type', values: INSTANCE_TYPE_VARIABLE.codes },
					{ name: 'problematique', values: VARIABLES[0].codes }
				],
				counts: byType
			});
		}
	}

	const cells: ReleaseCell[] = [];
	const mask: string[] = [];
	let hiddenPrimary = 0;
	let hiddenSecondary = 0;
	if (specs.length) {
		const model = buildModel(specs.map(crossTable));
		const result = await protect(model, {
			k,
			previousMask: request.previousMask,
			statusKnowledge: process.env.SK === "1",
			timeLimitMs: 60_000
		});
		if (!result.ok) {
			throw new ReleaseRefused(
				'La publication a été bloquée : le contrôle du secret statistique n’a pas pu protéger toutes les cases.'
			);
		}
		for (const cell of result.cells) {
			const idx = model.index.get(cell.key) as number;
			cells.push(cellOf(cell.key, model.coords[idx], cell.value, cell.status));
			if (cell.status !== 'published') mask.push(cell.key);
			if (cell.status === 'hidden-primary') hiddenPrimary++;
			if (cell.status === 'hidden-secondary') hiddenSecondary++;
		}
	}

	const meetings = new Map<string, MeetingFigures>();
	for (const s of rows.seances) {
		for (const unit of new Set([finalUnit(s.group_id), '*'])) {
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
	}

	const versions = new Map<string, Record<string, number>>();
	for (const v of rows.versions) {
		const entry = versions.get(v.group_id) ?? {};
		entry[v.kind] = v.version;
		versions.set(v.group_id, entry);
	}
	const releaseGroups: ReleaseGroup[] = groups.map((g) => ({
		id: g.id,
		name: g.name,
		instanceType: g.instance_type,
		communes: g.communes,
		versions: versions.get(g.id) ?? {}
	}));

	return {
		release: {
			audience,
			scope,
			scopeLabel: scopeRow.nom,
			period,
			k,
			dataVersion: version,
			generatedAt: new Date().toISOString(),
			groups: releaseGroups,
			units,
			cells,
			meetings: [...meetings.values()],
			stats: {
				cells: cells.length,
				hiddenPrimary,
				hiddenSecondary,
				buildMs: Math.round(performance.now() - started)
			}
		},
		mask
	};
}
