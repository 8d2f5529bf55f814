// The protected table set of a département's period: every cell that any audience can obtain for
// it (each commune's bilan and the département's), as one linked model, protected once and audited
// as a whole. Releases are cut from it, so a cell hidden in one release is hidden in every release
// that shows the same count.
//
// What makes the set small enough to protect in seconds is the year's plan (`plan.ts`, `cells.ts`):
// every breakdown is published by territory (a commune's own groups, or an intercommunal group)
// and for the département, groups show their totals only, and a year's figures are sums of its
// periods' published figures (hidden when a part is hidden), never protected on their own. So
// the territories partition the département, no count spans two periods, every unit total is
// published (groups with 1 to k−1 situations in a period are withheld for the whole year), and
// each variable's tables are linked to the others only through published totals: each variable of
// each period is protected, and audited, on its own, exactly. Pure: no database.
import {
	auditCodes,
	buildModel,
	LATENT,
	protect,
	WitnessStore,
	type AuditFailure,
	type TableRelation
} from '$lib/disclosure';
import { allCellDefs, parseSpec, shownGroups, type CellDef } from './cells';
import { baseCounts, specValue } from './counts';
import {
	AGE_SEX,
	territoriesOf,
	type Measure,
	type Plan,
	type RowSource,
	type Snapshot,
	type YearCommune,
	type YearGroup
} from './plan';

export interface TableSetInput {
	year: string;
	/** the period protected: a submission period, or the year for the groups' annual files */
	period: string;
	departement: { code: string; nom: string };
	groups: YearGroup[];
	communes: Map<string, YearCommune>;
	snapshot: Snapshot;
	rows: RowSource;
	plan: Plan;
	width: number;
	timeLimitMs?: number;
	/** How the set is protected (`PROTECTION_VERSION` by default): a published period keeps the
	 * version it was published with, so that its hidden pattern never changes. */
	protection?: number;
}

/**
 * Versions of the protection, recorded with each publication (`publications.protection`):
 * 1, the repair loop alone; 2, then the publish-back pass (secondary cells that protect nothing
 * published again); 3, a unit withdrawn for a failure withdraws a neighbour only when it fails
 * again in a later round (version 2 also did on a second failure of the same round, which could
 * withdraw a whole département's incidents). A published period is always protected with its
 * own version.
 */
export const PROTECTION_VERSION = 3;

export interface SetCell {
	value: number;
	hidden: boolean;
}

export interface TableSet {
	plan: Plan;
	/** Every published cell of the year, by `cellId`. */
	cells: Map<string, SetCell>;
	ok: boolean;
	failures: AuditFailure[];
	stats: {
		cells: number;
		hidden: number;
		primary: number;
		blocks: number;
		rounds: number;
		perBlock: Array<{ name: string; rounds: number; ms: number }>;
		ms: number;
	};
}

const MAX_ROUNDS = 6;
const CLOSED = 'statut=cloturee';

/** Identity of a published cell: what it counts, whatever release shows it. */
export function cellId(measure: Measure, period: string, groups: readonly string[], spec: string) {
	return `${measure}|${period}|${[...groups].sort().join(',')}|${spec}`;
}

/** The block a cell belongs to: its variable, the unit totals, or the incidents. Age, sex and
 * their cross share one block (the cross links their margins), and the months to closure are
 * protected with the statut (they break down the closed situations). */
function blockOfSpec(measure: Measure, spec: string, ageSex = true): string {
	if (!spec) return measure === 'incidents' ? 'incidents' : 'total';
	if (measure === 'incidents') return 'incidents';
	const variable = spec.split('=')[0];
	if (ageSex && (variable === 'tranche_age' || variable === 'sexe')) return AGE_SEX;
	if (variable === 'delai_cloture') return 'statut';
	return variable;
}

export interface Model {
	values: Map<string, number>;
	/** latent (unpublished, sensitive) cells */
	latent: Set<string>;
	relations: TableRelation[];
}

type Published = Map<string, { def: CellDef; period: string; value: number }>;

/** A node (measure, period, groups) and the specs published at it. */
interface SetNode {
	measure: Measure;
	period: string;
	groups: string[];
	specs: Set<string>;
}

/** The set's model while it is built: its blocks, published cells and nodes. */
interface Building {
	input: TableSetInput;
	blocks: Map<string, Model>;
	published: Published;
	/** node id (`cellId` with an empty spec) → node */
	nodes: Map<string, SetNode>;
	/** Value of a spec summed over groups, from the rows of the period's own files. */
	valueOf: (groups: readonly string[], measure: Measure, period: string, spec: string) => number;
	blockOf: (measure: Measure, spec: string) => string;
	block: (name: string) => Model;
	/** Puts a value in a block (a total is put in every block that uses it). */
	put: (name: string, id: string, value: number, latent?: boolean) => void;
}

function building(input: TableSetInput): Building {
	const { plan, snapshot, rows, communes, departement } = input;
	const counts = new Map<string, Map<string, number>>();
	// the rows of the period's own files (for the year: the annual files only)
	const countsOf = (g: string, measure: Measure, period: string) => {
		const id = `${g}|${measure}|${period}`;
		let c = counts.get(id);
		if (!c) {
			const file = snapshot[g]?.[period]?.[measure];
			c = baseCounts(file ? (rows[measure].get(file) ?? []) : [], measure);
			counts.set(id, c);
		}
		return c;
	};
	const valueOf = (groups: readonly string[], measure: Measure, period: string, spec: string) =>
		groups.reduce((s, g) => s + specValue(countsOf(g, measure, period), spec), 0);
	const defs = allCellDefs(plan, input.groups, communes, departement);
	const ageSex = defs.some((d) => d.variable2 === 'sexe');
	const blocks = new Map<string, Model>();
	const block = (name: string) => {
		let m = blocks.get(name);
		if (!m) blocks.set(name, (m = { values: new Map(), latent: new Set(), relations: [] }));
		return m;
	};
	const b: Building = {
		input,
		blocks,
		published: new Map(),
		nodes: new Map(),
		valueOf,
		blockOf: (measure, spec) => blockOfSpec(measure, spec, ageSex),
		block,
		put: (name, id, value, latent = false) => {
			const m = block(name);
			m.values.set(id, value);
			if (latent) m.latent.add(id);
		}
	};
	addPublished(b, defs);
	return b;
}

/** The published cells of the period and their nodes; every published value sits in its block. */
function addPublished(b: Building, defs: CellDef[]) {
	const { published, nodes } = b;
	for (const period of [b.input.period]) {
		for (const def of defs) {
			const id = cellId(def.measure, period, def.groups, def.spec);
			if (published.has(id)) continue;
			const value = b.valueOf(def.groups, def.measure, period, def.spec);
			published.set(id, { def, period, value });
			const nodeId = cellId(def.measure, period, def.groups, '');
			const node = nodes.get(nodeId) ?? {
				measure: def.measure,
				period,
				groups: [...def.groups].sort(),
				specs: new Set<string>()
			};
			node.specs.add(def.spec);
			nodes.set(nodeId, node);
		}
	}
	for (const [id, p] of published) b.put(b.blockOf(p.def.measure, p.def.spec), id, p.value);
}

/** (1) A node's total is the sum of each variable's categories; age and sex are the margins of
 * the age × sex pairs where those are published. */
function nodeRelations(b: Building, node: SetNode) {
	const total = cellId(node.measure, node.period, node.groups, '');
	const byVar = new Map<string, string[]>();
	const pairs: string[] = [];
	for (const spec of node.specs) {
		if (!spec) continue;
		if (spec.includes('|')) pairs.push(spec);
		else {
			const v = spec.split('=')[0];
			byVar.set(v, [...(byVar.get(v) ?? []), spec]);
		}
	}
	const totalValue = b.published.get(total)?.value ?? 0;
	for (const [variable, specs] of byVar) {
		const name = b.blockOf(node.measure, specs[0]);
		// the months to closure break down the closed situations, not the total
		const whole =
			variable === 'delai_cloture' ? cellId(node.measure, node.period, node.groups, CLOSED) : total;
		if (variable === 'delai_cloture' && !node.specs.has(CLOSED)) continue;
		if (whole === total) b.put(name, total, totalValue);
		b.block(name).relations.push({
			total: whole,
			parts: specs.map((s) => cellId(node.measure, node.period, node.groups, s)),
			group: true
		});
	}
	if (pairs.length) {
		const name = AGE_SEX;
		b.put(name, total, totalValue);
		const id = (s: string) => cellId(node.measure, node.period, node.groups, s);
		b.block(name).relations.push({ total, parts: pairs.map(id), group: true });
		for (const idx of [0, 1]) {
			const margins = new Map<string, string[]>();
			for (const p of pairs) {
				const m = p.split('|')[idx];
				margins.set(m, [...(margins.get(m) ?? []), id(p)]);
			}
			for (const [m, parts] of margins) {
				if (node.specs.has(m)) b.block(name).relations.push({ total: id(m), parts, group: true });
			}
		}
	}
}

/** (2) The département is the sum of its territories, for every spec published at both levels;
 * a territory's cell no release shows is an unknown to the intruder, and a count of persons. */
function territorySums(b: Building, territories: string[][], all: string[]) {
	for (const node of b.nodes.values()) {
		if (node.groups.join(',') !== all.join(',') || territories.length < 2) continue;
		for (const spec of node.specs) {
			const name = b.blockOf(node.measure, spec);
			const total = cellId(node.measure, node.period, node.groups, spec);
			const parts: string[] = [];
			for (const t of territories) {
				const id = cellId(node.measure, node.period, t, spec);
				if (!b.block(name).values.has(id)) {
					const value = b.valueOf(t, node.measure, node.period, spec);
					if (value === 0) continue; // conservative: as if the intruder knew every zero
					b.put(name, id, value, true);
				}
				parts.push(id);
			}
			if (parts.length) b.block(name).relations.push({ total, parts });
		}
	}
}

/** (3) An instance type's problématiques are sums of its groups' (a type crosses territories):
 * each group's count is an unknown to the intruder where no release shows it (a group that
 * shares its territory). The groups so linked, to their territory's count and their total's. */
function typeSums(b: Building): Set<string> {
	const groupLinks = new Set<string>();
	for (const node of b.nodes.values()) {
		const specs = [...node.specs].filter((s) => s.startsWith('problematique='));
		const isType =
			b.published.get(cellId(node.measure, node.period, node.groups, ''))?.def.variable ===
			'instance_type';
		if (!isType || !specs.length) continue;
		const name = 'problematique';
		const linked = new Set<string>();
		for (const spec of specs) {
			const parts: string[] = [];
			for (const g of node.groups) {
				const id = cellId(node.measure, node.period, [g], spec);
				if (!b.block(name).values.has(id)) {
					const value = b.valueOf([g], node.measure, node.period, spec);
					if (value === 0) continue; // conservative, as for territories
					b.put(name, id, value, true);
				}
				parts.push(id);
			}
			b.block(name).relations.push({
				total: cellId(node.measure, node.period, node.groups, spec),
				parts,
				group: false
			});
			for (const g of node.groups) linked.add(g);
		}
		for (const g of linked) groupLinks.add(g);
	}
	return groupLinks;
}

/** Each shared territory's problématiques are the sum of its groups'; each linked group's, its
 * total's parts. */
function groupLinkSums(
	b: Building,
	groupLinks: Set<string>,
	territories: string[][],
	all: string[]
) {
	const { input, published } = b;
	const name = 'problematique';
	const specs = [...(b.nodes.get(cellId('situations', input.period, all, ''))?.specs ?? [])].filter(
		(s) => s.startsWith('problematique=')
	);
	const block = b.block(name);
	for (const t of territories) {
		if (t.length < 2 || !t.some((g) => groupLinks.has(g))) continue;
		for (const spec of specs) {
			const id = (groups: string[]) => cellId('situations', input.period, groups, spec);
			if (!block.values.has(id(t))) continue;
			const parts = t.map((g) => id([g])).filter((p) => block.values.has(p));
			block.relations.push({ total: id(t), parts, group: false });
		}
	}
	for (const g of groupLinks) {
		const total = cellId('situations', input.period, [g], '');
		if (!published.has(total)) continue;
		b.put(name, total, published.get(total)?.value ?? 0);
		const parts = specs
			.map((spec) => cellId('situations', input.period, [g], spec))
			.filter((p) => block.values.has(p));
		block.relations.push({ total, parts, group: false });
	}
}

/** Builds the linked model of the year's published cells, by block. */
export function tableModel(input: TableSetInput) {
	const b = building(input);
	for (const node of b.nodes.values()) nodeRelations(b, node);
	const shown = shownGroups(input.plan, input.groups);
	const territories = territoriesOf(shown, input.communes).map((t) => [...t.groups].sort());
	const all = shown.map((g) => g.id).sort();
	territorySums(b, territories, all);
	const groupLinks = typeSums(b);
	if (groupLinks.size) groupLinkSums(b, groupLinks, territories, all);
	return { blocks: b.blocks, published: b.published };
}

/** What protecting one block of a set yields: its published cells with their status. */
export interface BlockResult {
	name: string;
	/** [cellId, value, hidden] of every published cell of the block */
	cells: Array<[string, number, boolean]>;
	primary: number;
	rounds: number;
	ms: number;
	ok: boolean;
	failures: AuditFailure[];
}

/** The set's model and what every block's protection reads from it (built once per set). */
export interface SetContext {
	input: TableSetInput;
	blocks: Map<string, Model>;
	published: Map<string, { def: CellDef; period: string; value: number }>;
	smallNodes: Set<string>;
}

export function setContext(input: TableSetInput): SetContext {
	const { blocks, published } = tableModel(input);
	// a node whose total is small publishes none of its categories (zeros included): the pattern
	// of hidden cells then says nothing of which categories it holds
	const smallNodes = new Set<string>();
	for (const [id, p] of published) {
		if (p.def.spec === '' && p.value > 0 && p.value < input.plan.k) smallNodes.add(id);
	}
	return { input, blocks, published, smallNodes };
}

/** Names of the set's blocks, in the order their results are assembled. */
export function blockNames(ctx: SetContext): string[] {
	return [...ctx.blocks.keys()];
}

/** The node (measure, period, groups) a cell id belongs to: the id of its total without the spec. */
export const nodeOf = (id: string) => id.slice(0, id.lastIndexOf('|') + 1);
/** A unit's groups and measure, whatever the period: `measure|groups`. */
const unitOf = (id: string) => {
	const [measure, , groups] = id.split('|');
	return `${measure}|${groups}`;
};

/** One block of a set under protection, with the units withdrawn so far. */
interface BlockScope {
	ctx: SetContext;
	name: string;
	m: Model;
	/** units whose breakdown by this block's variable is not published at all this year */
	withdrawn: Set<string>;
	/** Whether a cell is published or withdrawn with its unit's whole breakdown. */
	whole: (id: string) => boolean;
	witnesses: WitnessStore;
}

/** The block's latent cells this round: its own, and the published cells of small nodes and
 * withdrawn units. */
function roundLatent(scope: BlockScope): Set<string> {
	const { m, ctx, withdrawn } = scope;
	const latent = new Set(m.latent);
	for (const id of m.values.keys()) {
		const p = ctx.published.get(id);
		if (!p || !scope.whole(id)) continue;
		if (ctx.smallNodes.has(nodeOf(id)) || withdrawn.has(unitOf(id))) latent.add(id);
	}
	return latent;
}

/** One round: the block protected with `latent` unpublished, its unit totals published. */
function protectRound(scope: BlockScope, latent: Set<string>) {
	const { ctx, name, m } = scope;
	const { input, published, smallNodes } = ctx;
	const totals = [...m.values.keys()].filter(
		(id) => published.get(id)?.def.spec === '' && !smallNodes.has(id) && !latent.has(id)
	);
	const model = buildModel([
		{
			name,
			cells: [...m.values].map(([key, value]) => ({ key, value, coords: {}, depth: 0 })),
			relations: m.relations
		}
	]);
	return protect(model, {
		k: input.plan.k,
		protectionWidth: Math.max(2, input.width),
		statusKnowledge: false,
		hiddenNonZero: true,
		groupWhole: false,
		latent,
		publish: totals,
		maxIterations: 20,
		stallAfter: 2,
		timeLimitMs: input.timeLimitMs ?? 60_000,
		witnesses: scope.witnesses,
		publishBack: (input.protection ?? PROTECTION_VERSION) >= 2
	});
}

/** A failing unit withdraws its breakdown; one withdrawn in an earlier round withdraws its
 * smallest published neighbour in a relation it is part of (the other territory of a sum, say). */
function withdrawFailing(scope: BlockScope, failures: AuditFailure[]) {
	const { m, withdrawn, whole } = scope;
	const { published, input } = scope.ctx;
	const earlier = new Set(withdrawn);
	const sameRound = (input.protection ?? PROTECTION_VERSION) >= 3;
	for (const f of failures) {
		if (!published.has(f.key) && !m.latent.has(f.key)) continue;
		const unit = unitOf(f.key);
		if (published.has(f.key) && whole(f.key) && !withdrawn.has(unit)) {
			withdrawn.add(unit);
			continue;
		}
		// its other failures this round are the same withdrawal's: the next round audits it
		if (sameRound && !earlier.has(unit)) continue;
		let best: { unit: string; value: number } | null = null;
		for (const r of m.relations) {
			if (r.total !== f.key && !r.parts.includes(f.key)) continue;
			for (const part of [r.total, ...r.parts]) {
				const u = unitOf(part);
				if (u === unit || withdrawn.has(u) || !published.has(part) || !whole(part)) continue;
				const value = m.values.get(part) ?? 0;
				if (value > 0 && (!best || value < best.value)) best = { unit: u, value };
			}
		}
		if (best) withdrawn.add(best.unit);
	}
}

/** Protects one block of the set, then runs its union audit. Blocks are independent: linked to
 * each other only through published totals, so they can be protected in any order, or at once. */
export async function protectBlock(ctx: SetContext, name: string): Promise<BlockResult> {
	const { published, smallNodes } = ctx;
	const m = ctx.blocks.get(name);
	if (!m) throw new Error(`bloc inconnu : ${name}`);
	const blockStart = performance.now();
	let blockRounds = 0;
	const scope: BlockScope = {
		ctx,
		name,
		m,
		// a failure the suppression pattern cannot repair (a unit with few situations spread over
		// many categories) withdraws the unit's breakdown for every period of the year
		withdrawn: new Set<string>(),
		whole: (id) => name === 'incidents' || published.get(id)?.def.spec !== '',
		// witness tables stay valid from one round to the next wherever their cells are unchanged
		witnesses: new WitnessStore()
	};
	// incidents are few: a territory with 1 to k−1 incidents in a period publishes none this year
	if (name === 'incidents') {
		for (const id of smallNodes) if (id.startsWith('incidents|')) scope.withdrawn.add(unitOf(id));
	}
	for (let round = 0; ; round++) {
		blockRounds++;
		const latent = roundLatent(scope);
		const result = await protectRound(scope, latent);
		const blockHidden = new Set<string>();
		for (const [id, st] of result.statuses) if (st !== 'published') blockHidden.add(id);
		for (const id of latent) if (published.has(id)) blockHidden.add(id);
		// protect's last audit is the union audit of the block: every published cell of every
		// release of the year known, the final statuses (`auditTableSet` re-checks it)
		const report = result.audit;
		const before = scope.withdrawn.size;
		withdrawFailing(scope, report.failures);
		if (report.ok || scope.withdrawn.size === before || round >= MAX_ROUNDS) {
			const cells: BlockResult['cells'] = [];
			for (const id of m.values.keys()) {
				const p = published.get(id);
				if (p) cells.push([id, p.value, blockHidden.has(id)]);
			}
			return {
				name,
				cells,
				primary: result.stats.primary,
				rounds: blockRounds,
				ms: Math.round(performance.now() - blockStart),
				ok: report.ok,
				failures: report.ok ? [] : report.failures
			};
		}
	}
}

/** The set from its blocks' results (given in `blockNames` order, wherever each was protected):
 * a cell hidden in one block is hidden. */
export function assembleTableSet(plan: Plan, results: BlockResult[], ms: number): TableSet {
	const cells = new Map<string, SetCell>();
	for (const r of results) {
		for (const [id, value, hidden] of r.cells) {
			const cell = cells.get(id);
			if (cell) cell.hidden ||= hidden;
			else cells.set(id, { value, hidden });
		}
	}
	return {
		plan,
		cells,
		ok: results.every((r) => r.ok),
		failures: results.flatMap((r) => r.failures),
		stats: {
			cells: cells.size,
			hidden: [...cells.values()].filter((c) => c.hidden).length,
			primary: results.reduce((n, r) => n + r.primary, 0),
			blocks: results.length,
			rounds: results.reduce((n, r) => n + r.rounds, 0),
			perBlock: results.map((r) => ({ name: r.name, rounds: r.rounds, ms: r.ms })),
			ms: Math.round(ms)
		}
	};
}

/** Protects the year's table set: each block on its own, then the union audit of each block. */
export async function protectTableSet(input: TableSetInput): Promise<TableSet> {
	const started = performance.now();
	const ctx = setContext(input);
	const results: BlockResult[] = [];
	for (const name of blockNames(ctx)) results.push(await protectBlock(ctx, name));
	return assembleTableSet(input.plan, results, performance.now() - started);
}

/**
 * The union audit of a period's set, run again from scratch: block by block, an LP intruder who
 * holds every release of the period and sees which cells are hidden. `cells` are the statuses to
 * audit: the set's own, or another suppression pattern of the same cells (to compare).
 */
export async function auditTableSet(
	input: TableSetInput,
	cells: Map<string, SetCell>
): Promise<{ ok: boolean; failures: AuditFailure[]; blocks: number }> {
	const { blocks } = tableModel(input);
	const failures: AuditFailure[] = [];
	for (const [name, block] of blocks) {
		const model = buildModel([
			{
				name,
				cells: [...block.values].map(([key, value]) => ({ key, value, coords: {}, depth: 0 })),
				relations: block.relations
			}
		]);
		// a breakdown hidden whole (zeros included) tells only that each category is ≥ 0
		const whole = new Set<string>();
		for (const r of block.relations) {
			if (r.group && r.parts.every((p) => cells.get(p)?.hidden)) {
				for (const p of r.parts) whole.add(p);
			}
		}
		const codes = new Uint8Array(model.keys.length);
		model.keys.forEach((key, i) => {
			const cell = cells.get(key);
			if (!cell || whole.has(key)) codes[i] = LATENT;
			else if (cell.hidden) codes[i] = 2;
		});
		const report = await auditCodes(model, codes, {
			k: input.plan.k,
			protectionWidth: Math.max(2, input.width),
			statusKnowledge: false,
			hiddenNonZero: true,
			groupWhole: false,
			boundsFor: 'primary',
			timeLimitMs: input.timeLimitMs ?? 60_000
		});
		failures.push(...report.failures);
	}
	return { ok: failures.length === 0, failures, blocks: blocks.size };
}

export { parseSpec };
