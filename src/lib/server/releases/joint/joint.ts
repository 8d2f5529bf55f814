// The joint table set of a département-year: every cell any audience can obtain (each commune's
// bilan and the département's, every period of the year, every published edition) in one linked
// model, protected once. Cells are sums of per-group counts; what links releases is written as
// additive relations over latent cells no release publishes:
// - a group's year = its latest rows: each semester's rows split into those whose situation is
//   seen again later and those whose last appearance it is (latent leaves);
// - a new version of a group's file after a publication: old = kept + removed, new = kept + added,
//   with the added and removed rows sensitive (their profile is what a difference would disclose)
//   and their numbers assumed known to the intruder.
// A group's categories are all in the model, zeros included (a zero is known only where a release
// publishes it); latent zeros of semester splits and version differences are left out, as if the
// intruder knew them (conservative). Pure: no database.
//
// Not served yet: releases are still protected one by one (`../build.ts`). On the demo year this
// model holds ~17,500 cells; its protection does not yet converge (tiny units, e.g. a commune
// with one situation a semester, stay pinned once hidden cells are known to be ≥ 1) and takes
// minutes, against the few seconds a page may wait. See ARCHITECTURE.md, « Secret statistique ».
import {
	auditCodes,
	buildModel,
	LATENT,
	protect,
	WitnessStore,
	type AuditFailure,
	type AuditReport,
	type Model,
	type TableRelation
} from '$lib/disclosure';
import { VARIABLE_BY_NAME } from '$lib/release';
import { allCellDefs, cellKey, groupState, parseSpec, type CellDef } from './cells';
import {
	INCIDENT_VARS,
	SITUATION_VARS,
	submissionPeriods,
	groupRows,
	type Measure,
	type Plan,
	type Row,
	type RowSource,
	type Snapshot,
	type YearCommune,
	type YearGroup
} from './plan';

export interface EditionSpec {
	plan: Plan;
	groups: YearGroup[];
	snapshot: Snapshot;
	/** Keys hidden in this edition when it was published; absent for the candidate. */
	hidden?: Set<string>;
}

export interface JointInput {
	year: string;
	departement: { code: string; nom: string };
	communes: Map<string, YearCommune>;
	rows: RowSource;
	/** Published editions first, in publication order; the candidate last. */
	editions: EditionSpec[];
}

export type CellRole =
	'published' | 'suppressed' | 'split' | 'group' | 'leaf' | 'kept' | 'added' | 'removed' | 'change';

export interface JointModel {
	builder: Builder;
	published: Map<string, { hidden: boolean; old: boolean }>;
	/** Keys of the candidate's published cells. */
	candidate: Set<string>;
	/** Definition of published cells (any edition), for coarsening and audits by audience. */
	defs: Map<string, CellDef>;
	k: number;
}

const VARS: Record<Measure, string[]> = {
	situations: SITUATION_VARS.map((v) => v.name),
	incidents: INCIDENT_VARS.map((v) => v.name)
};
const AGE = 'tranche_age';
const SEX = 'sexe';

/** Base specs of each measure: variable → its 'v=c' specs, and the age × sex pairs. */
const BASE: Record<Measure, Array<[string, string[]]>> = {
	situations: [
		...SITUATION_VARS.map((v): [string, string[]] => [
			v.name,
			v.codes.map((c) => `${v.name}=${c}`)
		]),
		[
			`${AGE}×${SEX}`,
			(VARIABLE_BY_NAME.get(AGE)?.codes ?? []).flatMap((a) =>
				(VARIABLE_BY_NAME.get(SEX)?.codes ?? []).map((x) => `${AGE}=${a}|${SEX}=${x}`)
			)
		]
	],
	incidents: INCIDENT_VARS.map((v): [string, string[]] => [
		v.name,
		v.codes.map((c) => `${v.name}=${c}`)
	])
};
/** Each age band and each sex as the sum of its pairs. */
const PAIR_MARGINS: Array<[string, string[]]> = [
	...(VARIABLE_BY_NAME.get(AGE)?.codes ?? []).map((a): [string, string[]] => [
		`${AGE}=${a}`,
		(VARIABLE_BY_NAME.get(SEX)?.codes ?? []).map((x) => `${AGE}=${a}|${SEX}=${x}`)
	]),
	...(VARIABLE_BY_NAME.get(SEX)?.codes ?? []).map((x): [string, string[]] => [
		`${SEX}=${x}`,
		(VARIABLE_BY_NAME.get(AGE)?.codes ?? []).map((a) => `${AGE}=${a}|${SEX}=${x}`)
	])
];

/** Counts of a set of rows by base spec: '', 'v=c' for each variable, 'tranche_age=a|sexe=s'. */
export function baseCounts(rows: Row[], measure: Measure): Map<string, number> {
	const out = new Map<string, number>();
	const bump = (k: string) => out.set(k, (out.get(k) ?? 0) + 1);
	for (const r of rows) {
		bump('');
		for (const v of VARS[measure]) bump(`${v}=${r[v]}`);
		if (measure === 'situations') bump(`${AGE}=${r[AGE]}|${SEX}=${r[SEX]}`);
	}
	return out;
}

/** Value of a spec (original codes or sets of them) from base counts. */
export function specValue(counts: Map<string, number>, spec: string): number {
	const parts = parseSpec(spec);
	if (parts.length === 0) return counts.get('') ?? 0;
	if (parts.length === 1) {
		const [v, set] = parts[0];
		return set.reduce((s, c) => s + (counts.get(`${v}=${c}`) ?? 0), 0);
	}
	const [[v1, s1], [v2, s2]] = parts;
	let n = 0;
	for (const a of s1) for (const b of s2) n += counts.get(`${v1}=${a}|${v2}=${b}`) ?? 0;
	return n;
}

/** The finest specs (each variable's codes, age and sex as pairs), and the total. */
function finest(counts: Map<string, number>): string[] {
	return [...counts.keys()].filter(
		(s) => (!s.startsWith(`${AGE}=`) && !s.startsWith(`${SEX}=`)) || s.includes('|')
	);
}

/** Whether a node's categories are left unpublished: its total is a small count. Its cells all
 * read hidden, zeros included, so the pattern of hidden cells says nothing of its categories. */
export function suppressedNode(total: number, k: number): boolean {
	return total > 0 && total < k;
}

export class Builder {
	values = new Map<string, number>();
	depth = new Map<string, number>();
	roles = new Map<string, CellRole>();
	relations: TableRelation[] = [];
	private relSeen = new Map<string, number>();

	cell(key: string, value: number, role: CellRole, depth = 0, keepZero = false): boolean {
		if (value === 0 && !keepZero) return false;
		const seen = this.values.get(key);
		if (seen !== undefined) {
			if (seen !== value) throw new Error(`Cellule ${key} incohérente : ${seen} ≠ ${value}`);
			if (role === 'published') this.roles.set(key, role);
			this.depth.set(key, Math.max(this.depth.get(key) ?? 0, depth));
			return true;
		}
		this.values.set(key, value);
		this.roles.set(key, role);
		this.depth.set(key, depth);
		return true;
	}

	/** Variable of a `total = Σ categories` relation: its total is split per variable when hidden. */
	relVar = new Map<number, string>();

	relation(total: string, parts: string[], group = false, variable?: string) {
		if (!this.values.has(total)) return;
		const present = [...new Set(parts.filter((p) => this.values.has(p) && p !== total))];
		if (!present.length) {
			// a single part equal to its total: the same count under two names
			if (parts.includes(total) || this.values.get(total) === 0) return;
			throw new Error(`Relation sans partie non nulle pour ${total}`);
		}
		const sig = `${total}=${[...present].sort().join('+')}`;
		const seen = this.relSeen.get(sig);
		if (seen !== undefined) {
			if (group) this.relations[seen].group = true;
			return;
		}
		this.relSeen.set(sig, this.relations.length);
		if (variable) this.relVar.set(this.relations.length, variable);
		this.relations.push({ total, parts: present, group });
	}
}

interface GroupCells {
	counts: Map<string, number>;
	/** key of a spec's cell at group level */
	key: (spec: string) => string;
}

/** Builds the joint model of the editions (published ones and the candidate). */
export function jointModel(input: JointInput): JointModel {
	const { year, rows, communes, departement } = input;
	const b = new Builder();
	const published = new Map<string, { hidden: boolean; old: boolean }>();
	const defs = new Map<string, CellDef>();
	const candidate = new Set<string>();
	const countsCache = new Map<string, Map<string, number>>();
	const groupCellsDone = new Set<string>();
	const specsDone = new Set<string>();

	const groupCounts = (snapshot: Snapshot, g: string, measure: Measure, period: string) => {
		const id = `${g}|${measure}|${period}|${groupState(snapshot, g, measure, period, year)}`;
		let c = countsCache.get(id);
		if (!c) {
			c = baseCounts(groupRows(snapshot, rows, g, measure, period, year), measure);
			countsCache.set(id, c);
		}
		return c;
	};

	const groupLevel = (
		snapshot: Snapshot,
		g: string,
		measure: Measure,
		period: string
	): GroupCells => {
		const counts = groupCounts(snapshot, g, measure, period);
		const key = (spec: string) => cellKey(snapshot, year, measure, period, [g], spec);
		const id = key('');
		if (!groupCellsDone.has(id) && counts.has('')) {
			groupCellsDone.add(id);
			// every category, zeros included: a zero is known only where a release publishes it
			b.cell(id, counts.get('') ?? 0, 'group', 1);
			for (const [v, codes] of BASE[measure]) {
				for (const spec of codes) b.cell(key(spec), counts.get(spec) ?? 0, 'group', 1, true);
				b.relation(id, codes.map(key), false, v);
			}
			if (measure === 'situations') {
				for (const [margin, pairs] of PAIR_MARGINS) b.relation(key(margin), pairs.map(key));
			}
		}
		return { counts, key };
	};

	/** A group-level cell for a spec that may hold sets of codes (a regrouped category). */
	const groupSpec = (cells: GroupCells, spec: string): string => {
		const key = cells.key(spec);
		if (specsDone.has(key) || !spec.includes('{') || !cells.counts.has('')) return key;
		specsDone.add(key);
		b.cell(key, specValue(cells.counts, spec), 'group', 1, true);
		const parts = parseSpec(spec);
		const base: string[] = [];
		if (parts.length === 1) {
			for (const c of parts[0][1]) base.push(`${parts[0][0]}=${c}`);
		} else {
			for (const x of parts[0][1]) {
				for (const y of parts[1][1]) base.push(`${parts[0][0]}=${x}|${parts[1][0]}=${y}`);
			}
		}
		b.relation(key, base.map(cells.key));
		return key;
	};

	input.editions.forEach((edition, e) => {
		const isCandidate = e === input.editions.length - 1;
		const { plan, groups, snapshot } = edition;
		const byId = new Map(groups.map((g) => [g.id, g]));
		const defsOfPeriod = allCellDefs(plan, groups, communes, departement);
		for (const period of plan.periods) {
			const nodeSpecs = new Map<string, { def: CellDef; specs: Set<string> }>();
			for (const def of defsOfPeriod) {
				const members = def.groups.filter((g) => byId.has(g));
				const key = cellKey(snapshot, year, def.measure, period, members, def.spec);
				let value = 0;
				let total = 0;
				const cells = members.map((g) => groupLevel(snapshot, g, def.measure, period));
				for (const c of cells) {
					value += specValue(c.counts, def.spec);
					total += c.counts.get('') ?? 0;
				}
				defs.set(key, { ...def, groups: members });
				if (def.spec !== '' && suppressedNode(total, plan.k)) {
					// categories of a small node: latent, zeros included
					b.cell(key, value, 'suppressed', def.rank, true);
					if (members.length > 1) {
						const parts = cells.map((c) => groupSpec(c, def.spec));
						b.relation(key, parts);
					} else if (members.length === 1) groupSpec(cells[0], def.spec);
					const nodeId = cellKey(snapshot, year, def.measure, period, members, '');
					const node = nodeSpecs.get(nodeId) ?? { def, specs: new Set<string>() };
					node.specs.add(def.spec);
					nodeSpecs.set(nodeId, node);
					continue;
				}
				if (!members.some((g) => groupCounts(snapshot, g, def.measure, period).has(''))) continue;
				b.cell(key, value, 'published', def.rank + (def.spec === '' ? 1 : 0), true);
				const seen = published.get(key) ?? { hidden: false, old: false };
				if (isCandidate) candidate.add(key);
				else {
					seen.old = true;
					if (edition.hidden?.has(key)) seen.hidden = true;
				}
				published.set(key, seen);
				if (members.length > 1)
					b.relation(
						key,
						cells.map((c) => groupSpec(c, def.spec))
					);
				else if (members.length === 1) groupSpec(cells[0], def.spec);
				const nodeId = cellKey(snapshot, year, def.measure, period, members, '');
				const node = nodeSpecs.get(nodeId) ?? { def, specs: new Set<string>() };
				node.specs.add(def.spec);
				nodeSpecs.set(nodeId, node);
			}
			// each published table's own additivity: its total = Σ its categories (group disclosure)
			for (const [nodeId, { specs }] of nodeSpecs) {
				const key = (spec: string) => nodeId + spec;
				const byVar = new Map<string, string[]>();
				const pairs: string[] = [];
				for (const s of specs) {
					if (!s) continue;
					if (s.includes('|')) pairs.push(s);
					else {
						const v = s.split('=')[0];
						byVar.set(v, [...(byVar.get(v) ?? []), s]);
					}
				}
				for (const [v, list] of byVar) b.relation(key(''), list.map(key), true, v);
				for (const idx of [0, 1]) {
					const margins = new Map<string, string[]>();
					for (const p of pairs) {
						const m = p.split('|')[idx];
						margins.set(m, [...(margins.get(m) ?? []), key(p)]);
					}
					for (const [m, parts] of margins) if (specs.has(m)) b.relation(key(m), parts, true);
				}
			}
		}
		// a group's year from its periods
		for (const g of groups) {
			for (const measure of ['situations', 'incidents'] as const) {
				const qs = submissionPeriods(snapshot, g.id, measure);
				if (!qs.length || (qs.length === 1 && qs[0] === year)) continue;
				const yearCells = groupLevel(snapshot, g.id, measure, year);
				const qCells = qs.map((q) => (q === year ? null : groupLevel(snapshot, g.id, measure, q)));
				// the year is the sum of its periods; an annual file counts as a latent part
				const state = groupState(snapshot, g.id, measure, year, year);
				const annual = qs.includes(year)
					? baseCounts(rows[measure].get(snapshot[g.id]?.[year]?.[measure] ?? '') ?? [], measure)
					: null;
				const annualKey = (f: string) => `L|${g.id}@${state}|${year}|${measure[0]}|${f}`;
				for (const [f, n] of annual ?? []) b.cell(annualKey(f), n, 'group');
				for (const f of finest(yearCells.counts)) {
					b.relation(
						yearCells.key(f),
						qCells.map((c) => (c ? c.key(f) : annualKey(f)))
					);
				}
			}
		}
	});
	editionLinks(b, input);
	return {
		builder: b,
		published,
		candidate,
		defs,
		k: input.editions[input.editions.length - 1].plan.k
	};
}

export interface ModelView {
	model: Model;
	latent: string[];
	insensitive: string[];
	publish: string[];
	keepHidden: string[];
}

/**
 * The joint model as one protection or audit sees it.
 * - `only`: keep the cells it accepts (and the relations among them);
 * - `fixed`: statuses already decided for candidate cells (true = hidden);
 * - `split`: each `total = Σ categories` relation whose total is not published gets its own copy
 *   of the total, so that each variable's tables form blocks of their own (the intruder is then
 *   not told that a hidden total is the same in every variable: the exact audit is run without).
 */
export function modelView(
	joint: JointModel,
	opts: { only?: (key: string) => boolean; fixed?: Map<string, boolean>; split?: boolean } = {}
): ModelView {
	const b = joint.builder;
	const keep = opts.only ?? (() => true);
	const values = new Map([...b.values].filter(([key]) => keep(key)));
	const roles = new Map<string, CellRole>();
	for (const key of values.keys()) roles.set(key, b.roles.get(key) as CellRole);
	const knownPublished = (key: string) =>
		(joint.published.get(key)?.old && !joint.published.get(key)?.hidden) ||
		opts.fixed?.get(key) === false;
	const relations: TableRelation[] = [];
	b.relations.forEach((r, i) => {
		if (!keep(r.total) || r.parts.some((p) => !keep(p))) return;
		const v = b.relVar.get(i);
		if (opts.split && v && !knownPublished(r.total)) {
			const copy = `${r.total}#${v}`;
			if (!values.has(copy)) {
				values.set(copy, values.get(r.total) as number);
				const role = roles.get(r.total) as CellRole;
				roles.set(copy, role === 'published' ? 'split' : role);
			}
			relations.push({ ...r, total: copy });
		} else relations.push(r);
	});
	const view: ModelView = {
		model: buildModel([
			{
				name: 'joint',
				cells: [...values].map(([key, value]) => ({
					key,
					value,
					coords: {},
					depth: b.depth.get(key.split('#')[0]) ?? 0
				})),
				relations
			}
		]),
		latent: [],
		insensitive: [],
		publish: [],
		keepHidden: []
	};
	for (const [key, role] of roles) {
		if (role === 'published') {
			const p = joint.published.get(key);
			const fixed = opts.fixed?.get(key);
			if (p?.old) {
				if (p.hidden) view.keepHidden.push(key);
				else {
					view.publish.push(key);
					if ((values.get(key) ?? 0) < joint.k) view.insensitive.push(key);
				}
			} else if (fixed === true) view.keepHidden.push(key);
			else if (fixed === false) view.publish.push(key);
			continue;
		}
		if (role === 'change') {
			view.publish.push(key);
			view.insensitive.push(key);
			continue;
		}
		view.latent.push(key);
		// A small node's categories and a difference between versions are protected as counts of
		// persons. A group's own incidents and age × sex are not published anywhere: every release
		// shows them summed over a whole territory (or more), so they are unknowns to the intruder,
		// bounded by what is published, but not targets of their own (see ARCHITECTURE.md).
		if (role === 'leaf' || role === 'kept' || role === 'group') view.insensitive.push(key);
	}
	return view;
}

const ROW_FIELDS: Record<Measure, string[]> = {
	situations: ['ref_situation', ...VARS.situations],
	incidents: VARS.incidents
};

/** Rows kept, removed and added between two versions (multisets of the published attributes). */
export function rowChanges(before: Row[], after: Row[], measure: Measure) {
	const sig = (r: Row) => ROW_FIELDS[measure].map((f) => r[f]).join('\u0000');
	const pool = new Map<string, Row[]>();
	for (const r of before) pool.set(sig(r), [...(pool.get(sig(r)) ?? []), r]);
	const kept: Row[] = [];
	const added: Row[] = [];
	for (const r of after) {
		const list = pool.get(sig(r));
		if (list?.length) kept.push(list.pop() as Row);
		else added.push(r);
	}
	const removed = [...pool.values()].flat();
	return { kept, added, removed };
}

/** Links each published version of a group's file to the next one: old = K + R, new = K + A. */
function editionLinks(b: Builder, input: JointInput) {
	const last = new Map<string, string>();
	for (const edition of input.editions) {
		for (const g of edition.groups) {
			for (const measure of ['situations', 'incidents'] as const) {
				for (const q of submissionPeriods(edition.snapshot, g.id, measure)) {
					const id = edition.snapshot[g.id]?.[q]?.[measure] as string;
					const slot = `${g.id}|${measure}|${q}`;
					const before = last.get(slot);
					last.set(slot, id);
					if (!before || before === id) continue;
					const oldRows = input.rows[measure].get(before) ?? [];
					const newRows = input.rows[measure].get(id) ?? [];
					const { kept, added, removed } = rowChanges(oldRows, newRows, measure);
					const oldKey = (spec: string) => `${measure}|${q}|${g.id}@${before}|${spec}`;
					const newKey = (spec: string) => `${measure}|${q}|${g.id}@${id}|${spec}`;
					const part = (kind: string) => (spec: string) =>
						`${kind}|${g.id}|${measure}|${q}|${before}>${id}|${spec}`;
					const sets = [
						{ kind: 'kept' as const, key: part('K'), counts: baseCounts(kept, measure) },
						{ kind: 'removed' as const, key: part('R'), counts: baseCounts(removed, measure) },
						{ kind: 'added' as const, key: part('A'), counts: baseCounts(added, measure) }
					];
					for (const s of sets) {
						for (const [spec, n] of s.counts) {
							const role = spec === '' && s.kind !== 'kept' ? 'change' : s.kind;
							b.cell(s.key(spec), n, role);
						}
						additivity(b, s.counts, s.key, measure);
					}
					const specs = new Set([
						...sets[0].counts.keys(),
						...sets[1].counts.keys(),
						...sets[2].counts.keys()
					]);
					for (const spec of specs) {
						b.relation(oldKey(spec), [sets[0].key(spec), sets[1].key(spec)]);
						b.relation(newKey(spec), [sets[0].key(spec), sets[2].key(spec)]);
					}
				}
			}
		}
	}
}

function additivity(
	b: Builder,
	counts: Map<string, number>,
	key: (s: string) => string,
	measure: Measure
) {
	for (const v of VARS[measure]) {
		b.relation(
			key(''),
			[...counts.keys()].filter((s) => s.startsWith(`${v}=`) && !s.includes('|')).map(key),
			false,
			v
		);
	}
	if (measure !== 'situations') return;
	const pairs = [...counts.keys()].filter((s) => s.includes('|'));
	for (const idx of [0, 1]) {
		const margins = new Map<string, string[]>();
		for (const p of pairs) {
			const m = p.split('|')[idx];
			margins.set(m, [...(margins.get(m) ?? []), key(p)]);
		}
		for (const [m, parts] of margins) b.relation(key(m), parts);
	}
}

const isTotal = (key: string) => key.endsWith('|');

function protectView(view: ModelView, k: number, width: number, timeLimitMs: number) {
	return protect(view.model, {
		k,
		protectionWidth: width,
		statusKnowledge: false,
		hiddenNonZero: true,
		groupWhole: false,
		latent: view.latent,
		insensitive: view.insensitive,
		publish: view.publish,
		keepHidden: view.keepHidden,
		maxIterations: 12,
		timeLimitMs,
		witnesses: new WitnessStore()
	});
}

export interface JointResult {
	ok: boolean;
	/** Candidate keys hidden. */
	hidden: Set<string>;
	failures: AuditFailure[];
	stats: { totalsMs: number; categoriesMs: number; cells: number; hidden: number };
}

/**
 * Protects the candidate in two passes: the totals first (every table's total, linked across
 * units, periods and editions), then every variable's categories with the totals' statuses fixed
 * and hidden totals split per variable, so that each variable is protected as a block of its own.
 */
export async function protectJoint(
	joint: JointModel,
	width: number,
	timeLimitMs = 120_000
): Promise<JointResult> {
	const k = joint.k;
	const t0 = performance.now();
	const totals = await protectView(modelView(joint, { only: isTotal }), k, width, timeLimitMs);
	const fixed = new Map<string, boolean>();
	for (const key of joint.candidate) {
		if (isTotal(key)) fixed.set(key, totals.statuses.get(key) !== 'published');
	}
	const t1 = performance.now();
	const rest = await protectView(modelView(joint, { fixed, split: true }), k, width, timeLimitMs);
	const hidden = new Set<string>();
	for (const key of joint.candidate) {
		const st = rest.statuses.get(key);
		if (st && st !== 'published') hidden.add(key);
	}
	return {
		ok: totals.ok && rest.ok,
		hidden,
		failures: [...totals.audit.failures, ...rest.audit.failures],
		stats: {
			totalsMs: t1 - t0,
			categoriesMs: performance.now() - t1,
			cells: joint.candidate.size,
			hidden: hidden.size
		}
	};
}

/**
 * The union audit: an LP intruder over the whole joint model as it is (no split), with every
 * cell's final status; cells outside `visible` are unknown to this audience (latent).
 */
export async function unionAudit(
	joint: JointModel,
	hidden: Set<string>,
	width: number,
	visible?: (key: string) => boolean,
	timeLimitMs = 300_000
): Promise<AuditReport> {
	const view = modelView(joint);
	const m = view.model;
	const codes = new Uint8Array(m.keys.length);
	const latent = new Set(view.latent);
	const keepHidden = new Set(view.keepHidden);
	for (let c = 0; c < m.keys.length; c++) {
		const key = m.keys[c];
		if (
			latent.has(key) ||
			(visible && joint.builder.roles.get(key) === 'published' && !visible(key))
		) {
			codes[c] = LATENT;
		} else if (hidden.has(key) || keepHidden.has(key)) codes[c] = 2;
	}
	return auditCodes(m, codes, {
		k: joint.k,
		protectionWidth: width,
		statusKnowledge: false,
		hiddenNonZero: true,
		groupWhole: false,
		insensitive: view.insensitive,
		boundsFor: 'primary',
		timeLimitMs
	});
}
