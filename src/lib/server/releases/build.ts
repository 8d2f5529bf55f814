// The release builder: aggregates the current submitted versions of the groups in an audience's
// scope into linked count tables, protects them (primary + secondary suppression, LP audit) and
// returns cells whose hidden values are already gone. A release that fails the audit is refused.
import * as aq from 'arquero';
import type { Kysely } from 'kysely';
import {
	crossTable,
	buildModel,
	protect,
	WitnessStore,
	type CrossTableSpec,
	type HierarchyLevel,
	type ProtectionStatus,
	type Model
} from '$lib/disclosure';
import {
	INSTANCE_TYPE_VARIABLE,
	OTHER_CODE,
	VARIABLE_BY_NAME,
	VARIABLES,
	type Audience,
	type MeetingFigures,
	type Release,
	type ReleaseCell,
	type ReleaseGroup,
	type ReleaseUnit,
	type Variable
} from '$lib/release';
import type { Database } from '../db/schema';
import { periodsOf } from '$contracts/period';
import { currentSubmissions } from '../submissions';
import { countSeance } from './joint/cut';
import { communesWithEpci, foldGroups, groupCommunePairs, groupTerritory } from './territory-rows';

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
	/** Smallest width of the interval an intruder may derive for a hidden small count (≥ 2). */
	width?: number;
	previousMask?: Iterable<string>;
}

/** A group as a release reads it from storage: its instance type and the codes of its communes. */
interface StoredGroup {
	id: string;
	name: string;
	instance_type: string;
	communes: string[];
}

const UNIT_LEVELS = ['group', 'territoire', 'epci'] as const;
/** The EPCI regrouping the EPCIs of a département release with fewer than k situations each. */
export const OTHER_EPCI = '_autres_epci';

/**
 * Ids to regroup among siblings: those with 0 < count < k, plus the smallest others while the
 * regrouped total is still below k (a regrouped total below k would itself need protection).
 */
export function regroupSmall(
	ids: string[],
	count: (id: string) => number,
	k: number,
	forced?: Set<string>
): string[] {
	const out = ids.filter((id) => count(id) > 0 && (count(id) < k || forced?.has(id)));
	let sum = out.reduce((s, id) => s + count(id), 0);
	const rest = ids
		.filter((id) => count(id) >= k && !forced?.has(id))
		.sort((a, b) => count(a) - count(b) || (a < b ? -1 : 1));
	while (sum > 0 && sum < k && rest.length) {
		const id = rest.shift() as string;
		out.push(id);
		sum += count(id);
	}
	return out;
}

/** Attempts at coarsening a release before it is refused. */
const MAX_ATTEMPTS = 8;

interface Coarsening {
	forcedUnits: Set<string>;
	forcedCodes: Map<string, Set<string>>;
	dropped: Set<string>;
}

/**
 * What to regroup around a cell the audit could not protect: its unit when the unit is small
 * (fewer than 3k situations: its rows are too thin to hide anything in), else its category, else
 * (category already regrouped) the unit all the same; for a cell of a table without units (age ×
 * sex, instance type × problématique), that whole table is dropped (only its margins remain).
 */
export function coarsen(
	failure: { coords: Record<string, string>; tables: string[] },
	unitName: string,
	unitTotal: (id: string) => number,
	k: number,
	into: Coarsening,
	/** Units that may still join a residual unit (its siblings not yet regrouped). */
	joinable: (residual: string) => string[] = () => []
): void {
	const unit = failure.coords[unitName];
	const vars = Object.keys(failure.coords).filter((x) => x !== unitName && x !== 'epci');
	if (unit === undefined) {
		for (const t of failure.tables) if (t.includes('×')) into.dropped.add(t);
		return;
	}
	const variable = vars[0];
	const code = variable === undefined ? undefined : failure.coords[variable];
	const residual = unit.startsWith('autres');
	if (!residual && (unitTotal(unit) < 3 * k || code === undefined || code === OTHER_CODE)) {
		into.forcedUnits.add(unit);
	} else if (code !== undefined && code !== OTHER_CODE) {
		const set = into.forcedCodes.get(variable) ?? new Set<string>();
		set.add(code);
		into.forcedCodes.set(variable, set);
	} else {
		// a residual unit too thin for its regrouped category: grow it with its smallest sibling
		const next = joinable(unit)
			.filter((id) => !into.forcedUnits.has(id))
			.sort((a, b) => unitTotal(a) - unitTotal(b) || (a < b ? -1 : 1))[0];
		if (next !== undefined) into.forcedUnits.add(next);
		else if (variable !== undefined) into.dropped.add(variable);
	}
}

export interface Categories {
	/** Codes of the released table: the codes kept, then OTHER_CODE when some were regrouped. */
	codes: string[];
	regrouped: string[];
	/** Every non-empty category was regrouped: the variable is not broken down in this release. */
	collapsed: boolean;
	recode: (code: string) => string;
}

/**
 * Global recoding of a variable for one release (τ-Argus « global recoding »): the categories
 * with fewer than k counts in the whole scope go to OTHER_CODE, with the smallest others until
 * OTHER_CODE reaches k. Zeros stay published as they are.
 */
export function regroupRare(
	codes: readonly string[],
	counts: Map<string, number>,
	k: number,
	forced?: Set<string>
): Categories {
	const regrouped = new Set(regroupSmall([...codes], (c) => counts.get(c) ?? 0, k, forced));
	const nonEmpty = codes.filter((c) => (counts.get(c) ?? 0) > 0);
	return {
		codes: regrouped.size ? [...codes.filter((c) => !regrouped.has(c)), OTHER_CODE] : [...codes],
		regrouped: codes.filter((c) => regrouped.has(c)),
		collapsed: nonEmpty.length > 0 && nonEmpty.every((c) => regrouped.has(c)),
		recode: (code) => (regrouped.has(code) ? OTHER_CODE : code)
	};
}
const SITUATION_VARS = VARIABLES.filter((x) => x.measure === 'situations');
const INCIDENT_VARS = VARIABLES.filter((x) => x.measure === 'incidents');

/** Groups of the scope: those covering the commune, or every group of the département. */
export async function groupsInScope(
	db: Kysely<Database>,
	audience: Audience,
	scope: string
): Promise<StoredGroup[]> {
	let query = groupCommunePairs(db);
	if (audience === 'commune') {
		query = query.where(
			'groups.id',
			'in',
			db.selectFrom('group_communes').select('group_id').where('commune_code', '=', scope)
		);
	} else {
		query = query.where('groups.departement', '=', scope);
	}
	const rows = await query.execute();
	const byId = foldGroups(
		rows,
		(r): StoredGroup => ({ id: r.id, name: r.name, instance_type: r.instance_type, communes: [] }),
		(r) => r.commune_code
	);
	return [...byId.values()];
}

/** Identifies the stored data behind a release: the current submissions of the scope's groups. */
export async function dataVersion(
	db: Kysely<Database>,
	groupIds: string[],
	period: string
): Promise<string> {
	if (!groupIds.length) return 'vide';
	const rows = await currentSubmissions(db)
		.select(['id'])
		.where('group_id', 'in', groupIds)
		.where('period', 'in', periodsOf(period))
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
		currentSubmissions(db)
			.select(['id', 'group_id', 'period'])
			.where('group_id', 'in', groupIds)
			.where('period', 'in', periods)
			.where('kind', '=', kind);
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
		currentSubmissions(db)
			.select(['group_id', 'kind', 'version'])
			.where('group_id', 'in', groupIds)
			.where('period', 'in', periods)
			.execute()
	]);
	// Over a year, a situation followed in both semesters is counted once (its latest row).
	const latest = new Map<string, (typeof situations)[number]>();
	for (const r of situations) {
		const key = `${r.group_id}|${r.ref_situation}`;
		const seen = latest.get(key);
		if (!seen || seen.period < r.period) latest.set(key, r);
	}
	const rowsOf: Record<string, string>[] = periods.length > 1 ? [...latest.values()] : situations;
	const incidentRows: Record<string, string>[] = incidents;
	return { situations: rowsOf, incidents: incidentRows, seances, versions };
}

interface Territory {
	unit: ReleaseUnit;
	epci: string;
}

async function territories(db: Kysely<Database>, groups: StoredGroup[], departement: string) {
	const codes = [...new Set(groups.flatMap((g) => g.communes))];
	const communes = codes.length
		? await communesWithEpci(db).where('communes.code', 'in', codes).execute()
		: [];
	const commune = new Map(communes.map((c) => [c.code, c]));
	const byGroup = new Map<string, Territory>();
	const units = new Map<string, ReleaseUnit>();
	for (const g of groups) {
		const t = groupTerritory(g, commune);
		let unit = units.get(t.id);
		if (!unit) {
			unit = {
				id: t.id,
				label: t.label,
				level: 'territoire',
				parent: t.epci,
				population: t.population,
				communes: g.communes
			};
			units.set(t.id, unit);
		}
		byGroup.set(g.id, { unit, epci: t.epci });
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

function cellOf(
	key: string,
	coords: Record<string, string>,
	value: number,
	status: ProtectionStatus
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
		status: status === 'published' ? 'published' : 'hidden'
	};
}

type Rows = Awaited<ReturnType<typeof currentRows>>;
type UnitDim = { name: string; values: string[]; hierarchy?: HierarchyLevel[] };
type Count = { keys: string[]; n: number };
type Protection = { model: Model; statuses: Map<string, ProtectionStatus> };

/** What every attempt shares: the scope's units before regroupement, and what earlier attempts forced. */
interface Attempts {
	request: ReleaseRequest;
	rows: Rows;
	baseUnits: ReleaseUnit[];
	baseTotals: Map<string, number>;
	unitDim: UnitDim;
	unitOfGroup: (groupId: string) => string;
	instanceOf: Map<string, string>;
	forcedUnits: Set<string>;
	forcedCodes: Map<string, Set<string>>;
	dropped: Set<string>;
	witnesses: WitnessStore;
	/** counts by group and variables, computed once for all the attempts (units change, groups don't) */
	groupCounts: (list: Record<string, string>[], keys: string[]) => Count[];
}

export async function buildRelease(
	db: Kysely<Database>,
	request: ReleaseRequest
): Promise<{
	release: Release;
	mask: string[];
	/** The protected model with true values and statuses: for audits and tests, never served. */
	protection: Protection | null;
}> {
	const started = performance.now();
	const { audience, scope, period, k } = request;
	const groups = await groupsInScope(db, audience, scope);
	const groupIds = groups.map((g) => g.id);
	const [rows, version, scopeRow] = await Promise.all([
		currentRows(db, groupIds, period),
		dataVersion(db, groupIds, period),
		scopeName(db, audience, scope)
	]);
	if (!scopeRow) throw new ReleaseRefused(`Périmètre inconnu : ${scope}`);

	const {
		units: baseUnits,
		unitDim,
		unitOfGroup
	} = await scopeUnits(db, audience, scope, scopeRow.nom, groups);
	const baseTotals = new Map<string, number>();
	for (const r of rows.situations) {
		const u = unitOfGroup(r.group_id);
		baseTotals.set(u, (baseTotals.get(u) ?? 0) + 1);
	}
	const { units, cells, mask, recoded, finalUnit, protection } = await protectedTables({
		request,
		rows,
		baseUnits,
		baseTotals,
		unitDim,
		unitOfGroup,
		instanceOf: new Map(groups.map((g) => [g.id, g.instance_type])),
		forcedUnits: new Set(),
		forcedCodes: new Map(),
		dropped: new Set(),
		witnesses: new WitnessStore(),
		groupCounts: groupCounter()
	});

	const meetings = new Map<string, MeetingFigures>();
	for (const s of rows.seances) {
		for (const unit of new Set([finalUnit(s.group_id), '*'])) countSeance(meetings, unit, s);
	}
	return {
		release: {
			audience,
			scope,
			scopeLabel: scopeRow.nom,
			period,
			k,
			dataVersion: version,
			generatedAt: new Date().toISOString(),
			groups: releaseGroups(groups, rows.versions),
			units,
			cells,
			recoded,
			meetings: [...meetings.values()],
			stats: {
				cells: cells.length,
				hidden: mask.length,
				buildMs: Math.round(performance.now() - started)
			}
		},
		mask,
		protection
	};
}

/** The name of a release's scope (commune or département), if it exists. */
function scopeName(db: Kysely<Database>, audience: Audience, scope: string) {
	return audience === 'commune'
		? db.selectFrom('communes').select('nom').where('code', '=', scope).executeTakeFirst()
		: db.selectFrom('departements').select('nom').where('code', '=', scope).executeTakeFirst();
}

/** The groups of a release, with the version of each kind they are counted from. */
function releaseGroups(groups: StoredGroup[], rows: Rows['versions']): ReleaseGroup[] {
	const versions = new Map<string, Record<string, number>>();
	for (const v of rows) {
		const entry = versions.get(v.group_id) ?? {};
		entry[v.kind] = v.version;
		versions.set(v.group_id, entry);
	}
	return groups.map((g) => ({
		id: g.id,
		name: g.name,
		instanceType: g.instance_type,
		communes: g.communes,
		versions: versions.get(g.id) ?? {}
	}));
}

/** The units of a scope before regroupement: a commune's groups, or the département's territories. */
async function scopeUnits(
	db: Kysely<Database>,
	audience: Audience,
	scope: string,
	scopeLabel: string,
	groups: StoredGroup[]
): Promise<{ units: ReleaseUnit[]; unitDim: UnitDim; unitOfGroup: (g: string) => string }> {
	const groupIds = groups.map((g) => g.id);
	let units: ReleaseUnit[];
	let unitDim: UnitDim;
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
				label: scopeLabel,
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
	return { units, unitDim, unitOfGroup };
}

/** Counts by group and variables, each computed once (arquero) for all the attempts. */
function groupCounter(): Attempts['groupCounts'] {
	type Counted = { table: ReturnType<typeof aq.from>; byKeys: Map<string, Count[]> };
	const counted = new Map<Record<string, string>[], Counted>();
	return (list, keys) => {
		if (!list.length) return [];
		let c = counted.get(list);
		if (!c) counted.set(list, (c = { table: aq.from(list), byKeys: new Map() }));
		let out = c.byKeys.get(keys.join(','));
		if (!out) {
			const all = ['group_id', ...keys];
			out = (
				c.table
					.groupby(...all)
					.count({ as: 'n' })
					.objects() as Record<string, unknown>[]
			).map((o) => ({ keys: all.map((x) => String(o[x])), n: Number(o.n) }));
			c.byKeys.set(keys.join(','), out);
		}
		return out;
	};
}

/**
 * Each attempt regroups units and categories, builds the linked tables and protects them; when
 * the audit still finds a cell the suppression pattern cannot protect (a small row whose cells
 * all need hiding, typically), the units or categories around it are regrouped and the release
 * built again: coarser but safe, rather than refused.
 */
async function protectedTables(ctx: Attempts) {
	const { baseUnits, baseTotals, unitDim, forcedUnits, forcedCodes, dropped } = ctx;
	const { audience, k } = ctx.request;
	const countOfUnit = (id: string) => baseTotals.get(id) ?? 0;
	const joinable = (residual: string) =>
		baseUnits
			.filter(
				(u) =>
					(u.level === 'group' || u.level === 'territoire') &&
					countOfUnit(u.id) >= k &&
					(audience === 'commune' || residual === `autres:${u.parent}`)
			)
			.map((u) => u.id);
	for (let tries = 1; ; tries++) {
		const res = await attempt(ctx);
		if (res.ok) return res;
		const before =
			forcedUnits.size + dropped.size + [...forcedCodes.values()].reduce((n, x) => n + x.size, 0);
		for (const f of res.failures) {
			if (f.kind !== 'exact' && f.kind !== 'interval') continue;
			coarsen(f, unitDim.name, countOfUnit, k, { forcedUnits, forcedCodes, dropped }, joinable);
		}
		const after =
			forcedUnits.size + dropped.size + [...forcedCodes.values()].reduce((n, x) => n + x.size, 0);
		if (after === before || tries >= MAX_ATTEMPTS) {
			throw new ReleaseRefused(
				'La publication a été bloquée : le contrôle du secret statistique n’a pas pu protéger toutes les cases.'
			);
		}
	}
}

/** One attempt: regroup, build the tables, protect them; the failures when the audit refuses. */
async function attempt(ctx: Attempts) {
	const { units, merged, unitIds } = regroupUnits(ctx);
	const finalUnit = (groupId: string) => {
		const u = ctx.unitOfGroup(groupId);
		return merged.get(u) ?? u;
	};
	const { specs, recoded } = tableSpecs(ctx, unitIds, finalUnit);
	const { k, previousMask, width } = ctx.request;
	const cells: ReleaseCell[] = [];
	const mask: string[] = [];
	let protection: Protection | null = null;
	if (specs.length) {
		const model = buildModel(specs.map(crossTable));
		// Margins (unit, EPCI and scope totals, category totals) are published: they are never
		// small after regroupement, and keeping them published keeps each table a separate block.
		const margins = model.keys.filter((_, i) => Object.keys(model.coords[i]).length < 2);
		const result = await protect(model, {
			k,
			previousMask,
			publish: margins,
			// the payload says which cells are hidden, never why: the intruder knows that a hidden
			// cell is not zero (zeros are published), not whether it is small itself
			statusKnowledge: false,
			hiddenNonZero: true,
			protectionWidth: Math.max(2, width ?? 2),
			groupWhole: false,
			// failures the repair loop has not fixed in a few rounds are left to regroupement
			maxIterations: 6,
			timeLimitMs: 60_000,
			witnesses: ctx.witnesses
		});
		if (!result.ok) {
			return {
				failures: result.audit.failures.map((f) => ({
					kind: f.kind,
					coords: model.coords[model.index.get(f.key) as number] ?? {},
					tables: model.tables[model.index.get(f.key) as number] ?? []
				}))
			};
		}
		protection = { model, statuses: result.statuses };
		for (const cell of result.cells) {
			const idx = model.index.get(cell.key) as number;
			cells.push(cellOf(cell.key, model.coords[idx], cell.value, cell.status));
			if (cell.status !== 'published') mask.push(cell.key);
		}
	}
	return { ok: true as const, units, cells, mask, recoded, finalUnit, protection };
}

/**
 * Regroupement before suppression: small units into residual ones, small EPCIs into « autres EPCI »
 * (sets the unit dimension's leaves and hierarchy for this attempt).
 */
function regroupUnits(ctx: Attempts) {
	const { baseTotals, unitDim, forcedUnits } = ctx;
	const { audience, k } = ctx.request;
	let units = ctx.baseUnits.map((u) => ({ ...u, communes: [...u.communes] }));
	unitDim.values = [];
	// Regroupement before suppression. An intruder sees which cells are hidden, and zeros are
	// published, so a hidden cell is at least 1: a small count that is the total of several
	// non-zero hidden parts cannot be protected by any secondary suppression (a hidden total ≤ 4
	// made of four non-zero parts pins each of them at 1). So no unit total and no
	// scope-level category total is left in 1..k−1: units below k merge into a residual unit, grown
	// with the smallest units until it reaches k; EPCIs below k merge into one « autres EPCI »; rare
	// categories merge into OTHER_CODE (see `regroupRare`); and the territory × variable tables of
	// the département carry no EPCI × category cells (only the EPCI totals are released). Every
	// small hidden cell is then an inner cell of its tables, or a total with a single part.
	const totals = new Map(baseTotals);
	const countOf = (id: string) => totals.get(id) ?? 0;
	const merged = new Map<string, string>();
	const siblings = new Map<string, ReleaseUnit[]>();
	for (const u of units) {
		if (u.level !== 'group' && u.level !== 'territoire') continue;
		const parent = audience === 'commune' ? '*' : (u.parent as string);
		siblings.set(parent, [...(siblings.get(parent) ?? []), u]);
	}
	for (const [parent, list] of siblings) {
		const residualId = audience === 'commune' ? 'autres' : `autres:${parent}`;
		const ids = list.map((u) => u.id);
		for (const id of regroupSmall(ids, countOf, k, forcedUnits)) merged.set(id, residualId);
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
						? 'Autres groupes (regroupés pour le secret statistique)'
						: `Autres territoires de ${units.find((u) => u.id === unit.parent)?.label ?? 'l’EPCI'} (regroupés pour le secret statistique)`,
				level: unit.level,
				parent: unit.parent,
				population: audience === 'commune' ? null : 0,
				communes: []
			};
			if (r.population !== null) r.population += unit.population ?? 0;
			r.communes.push(...unit.communes);
			residuals.set(target, r);
			totals.set(target, countOf(target) + countOf(unit.id));
		}
		units = [...units, ...residuals.values()];
		for (const u of units) if (merged.has(u.id)) u.parent = merged.get(u.id) as string;
	}
	let leafUnits = units.filter(
		(u) => (u.level === 'group' || u.level === 'territoire') && !merged.has(u.id)
	);
	if (audience === 'departement') {
		const epcis = mergeSmallEpcis(units, leafUnits, countOf, k);
		if (epcis) {
			units = epcis;
			leafUnits = units.filter((u) => u.level === 'territoire' && !merged.has(u.id));
		}
	}
	const unitIds = leafUnits.map((u) => u.id);
	unitDim.values = unitIds;
	if (unitDim.hierarchy) {
		unitDim.hierarchy = [
			{
				name: 'epci',
				parentOf: Object.fromEntries(leafUnits.map((u) => [u.id, u.parent as string]))
			}
		];
	}
	return { units, merged, unitIds };
}

/** EPCIs whose territories total fewer than k merge into « autres EPCI »: the new units, or null. */
function mergeSmallEpcis(
	units: ReleaseUnit[],
	leafUnits: ReleaseUnit[],
	countOf: (id: string) => number,
	k: number
): ReleaseUnit[] | null {
	const epciTotals = new Map<string, number>();
	for (const u of leafUnits) {
		epciTotals.set(u.parent as string, (epciTotals.get(u.parent as string) ?? 0) + countOf(u.id));
	}
	const small = new Set(regroupSmall([...epciTotals.keys()], (e) => epciTotals.get(e) ?? 0, k));
	if (!small.size) return null;
	const other: ReleaseUnit = {
		id: OTHER_EPCI,
		label: 'Autres EPCI (regroupés pour le secret statistique)',
		level: 'epci',
		parent: '*',
		population: 0,
		communes: []
	};
	for (const u of units) {
		if (u.level !== 'epci' || !small.has(u.id)) continue;
		other.population = (other.population ?? 0) + (u.population ?? 0);
		other.communes.push(...u.communes);
	}
	const out = [...units.filter((u) => !(u.level === 'epci' && small.has(u.id))), other];
	for (const u of out) {
		if (u.level === 'territoire' && small.has(u.parent as string)) u.parent = OTHER_EPCI;
	}
	return out;
}

/** Counts of the attempt's units by category, with rare categories regrouped (`regroupRare`). */
function categoryCounts(ctx: Attempts, finalUnit: (groupId: string) => string) {
	const { instanceOf, groupCounts, forcedCodes, dropped } = ctx;
	const { k } = ctx.request;
	/** Counts by keys, where 'unit' and 'instance_type' come from each row's group. */
	const countBy = (list: Record<string, string>[], keys: string[]) => {
		const out = new Map<string, { keys: string[]; n: number }>();
		const own = keys.filter((x) => x !== 'unit' && x !== 'instance_type');
		for (const c of groupCounts(list, own)) {
			const [group, ...values] = c.keys;
			const mapped = keys.map((x) =>
				x === 'unit'
					? finalUnit(group)
					: x === 'instance_type'
						? (instanceOf.get(group) ?? '')
						: values[own.indexOf(x)]
			);
			const id = mapped.join('|');
			const hit = out.get(id);
			if (hit) hit.n += c.n;
			else out.set(id, { keys: mapped, n: c.n });
		}
		return [...out.values()];
	};
	const recoded: Record<string, string[]> = {};
	const categories = new Map<string, Categories>();
	const categoriesOf = (variable: Variable, list: Record<string, string>[]): Categories => {
		let cat = categories.get(variable.name);
		if (!cat) {
			const counts = new Map<string, number>();
			for (const c of countBy(list, [variable.name])) counts.set(c.keys[0], c.n);
			cat = regroupRare(variable.codes, counts, k, forcedCodes.get(variable.name));
			if (dropped.has(variable.name)) cat = { ...cat, collapsed: true };
			if (cat.regrouped.length) recoded[variable.name] = cat.regrouped;
			categories.set(variable.name, cat);
		}
		return cat;
	};
	/** Counts by the given variables (OTHER_CODE for regrouped categories), keyed by 'a|b'. */
	const countsOf = (list: Record<string, string>[], keys: string[], vars: Variable[]) => {
		const counts = new Map<string, number>();
		for (const c of countBy(list, keys)) {
			const key = c.keys
				.map((code, i) => {
					const v = vars.find((x) => x.name === keys[i]);
					return v ? categoriesOf(v, list).recode(code) : code;
				})
				.join('|');
			counts.set(key, (counts.get(key) ?? 0) + c.n);
		}
		return counts;
	};

	return { categoriesOf, countsOf, recoded };
}

/** The linked tables of an attempt: unit totals, units × variable, incidents, and the crosses. */
function tableSpecs(ctx: Attempts, unitIds: string[], finalUnit: (groupId: string) => string) {
	const { unitDim } = ctx;
	const situations = ctx.rows.situations;
	const incidents = ctx.rows.incidents;
	const { categoriesOf, countsOf, recoded } = categoryCounts(ctx, finalUnit);
	const specs: CrossTableSpec[] = [];
	if (situations.length || incidents.length) {
		// unit totals, with the EPCI and département totals above them
		specs.push({
			name: `situations:${unitDim.name}`,
			measure: 'situations',
			dims: [{ ...unitDim, groupDisclosure: false }],
			counts: countsOf(situations, ['unit'], [])
		});
		const unitLeaves = { name: unitDim.name, values: unitIds, groupDisclosure: false };
		for (const variable of SITUATION_VARS) {
			const cat = categoriesOf(variable, situations);
			if (cat.collapsed) continue;
			specs.push({
				name: `situations:${unitDim.name}×${variable.name}`,
				measure: 'situations',
				dims: [unitLeaves, { name: variable.name, values: cat.codes }],
				counts: countsOf(situations, ['unit', variable.name], [variable])
			});
		}
		// Incidents are few: published for the whole scope only, and not broken down at all when
		// there are fewer than k of them (every category is then regrouped).
		specs.push({
			name: 'incidents',
			measure: 'incidents',
			dims: [],
			counts: [{ count: incidents.length }]
		});
		for (const variable of INCIDENT_VARS) {
			const cat = categoriesOf(variable, incidents);
			if (cat.collapsed) continue;
			specs.push({
				name: `incidents:${variable.name}`,
				measure: 'incidents',
				dims: [{ name: variable.name, values: cat.codes }],
				counts: countsOf(incidents, [variable.name], [variable])
			});
		}
		specs.push(...crossSpecs(ctx, categoriesOf, countsOf));
	}
	return { specs, recoded };
}

/** The two crosses published: age × sex, and (for the département) instance type × problématique. */
function crossSpecs(
	ctx: Attempts,
	categoriesOf: ReturnType<typeof categoryCounts>['categoriesOf'],
	countsOf: ReturnType<typeof categoryCounts>['countsOf']
): CrossTableSpec[] {
	const { dropped } = ctx;
	const { audience } = ctx.request;
	const situations = ctx.rows.situations;
	const specs: CrossTableSpec[] = [];
	// a cross is published unless one of its variables collapsed or the cross itself was dropped
	const cross = (a: Variable, b: Variable) => {
		const name = `situations:${a.name}×${b.name}`;
		const aCat = categoriesOf(a, situations);
		const bCat = categoriesOf(b, situations);
		if (aCat.collapsed || bCat.collapsed || dropped.has(name)) return;
		specs.push({
			name,
			measure: 'situations',
			dims: [
				{ name: a.name, values: aCat.codes },
				{ name: b.name, values: bCat.codes }
			],
			counts: countsOf(situations, [a.name, b.name], [a, b])
		});
	};
	cross(VARIABLE_BY_NAME.get('tranche_age') as Variable, VARIABLE_BY_NAME.get('sexe') as Variable);
	if (audience === 'departement') cross(INSTANCE_TYPE_VARIABLE, VARIABLES[0]);
	return specs;
}
