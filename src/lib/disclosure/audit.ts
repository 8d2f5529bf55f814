// Attacker audit: for each hidden cell, the smallest and largest values an intruder can derive
// by linear programming from everything published (values of published cells, the tables'
// additive relations, non-negativity and what the published statuses tell). Solved with HiGHS
// (WebAssembly, loaded once), block by block: hidden cells linked by no relation are independent.
// When only the protection verdict matters (the repair loop), interval propagation proves most
// failures without LP and a few LPs whose optima move many cells at once prove most successes;
// the optima of the exact LPs are kept as witnesses too, so that the loop's next audits (masks
// that mostly only grow) solve again only the cells whose witnesses a change touched. A side of
// an interval that propagation pins to the cell's value is the LP's optimum: no solve.
//
// LP bounds relax integrality, so they are outer bounds of what an integer-aware intruder gets;
// we round them inward (ceil/floor, all counts are integers) and require a width ≥ 2 with the
// upper bound above the value, the usual practice (sdcTable, τ-Argus). Integer bounds can still
// be tighter in rare cases; `integer: true` solves MIPs instead (slower, for tests and audits).
import highsLoader, { type Highs, type ModelStatusCode, type VariableType } from 'highs';
import type { Model } from './model';
import { checkK, primarySuppression, type ProtectionStatus, type PrimaryReason } from './primary';
import { propagateBounds } from './propagate';

let solver: Promise<Highs> | null = null;

/** The HiGHS runtime, loaded once per process. */
export function loadSolver(): Promise<Highs> {
	solver ??= highsLoader();
	return solver;
}

export interface AuditOptions {
	k?: number;
	/** Minimum width upper − lower of a protected cell's interval (at least 2). */
	protectionWidth?: number;
	/** The intruder also uses the published statuses: a hidden-primary cell is in 1..k−1, a
	 * hidden-secondary one is 0 or ≥ k (default false, as in sdcTable and τ-Argus; stricter). */
	statusKnowledge?: boolean;
	/** Compute bounds for every hidden cell or only for the cells that need protection. */
	boundsFor?: 'all' | 'primary';
	manual?: Iterable<string>;
	/** See `PrimaryOptions.groupWhole`. */
	groupWhole?: boolean;
	/** See `PrimaryOptions.insensitive`. */
	insensitive?: Iterable<string>;
	/** The intruder knows that zeros are published, so that every hidden cell (not a latent one)
	 * holds at least 1: the knowledge of anyone who sees which cells are hidden. */
	hiddenNonZero?: boolean;
	integer?: boolean;
	timeLimitMs?: number;
	/** Bounds of blocks already solved, reused when a block is unchanged. */
	cache?: AuditCache;
	/** Witness tables of earlier audits of the same model, reused while still valid. */
	witnesses?: WitnessStore;
	/** Stop at the first failure (only the verdict matters): failures proven by interval
	 * propagation are looked for first, before any LP. */
	failFast?: boolean;
}

/** How bounds were obtained: exact LP over the block; a witness table (an LP optimum moving the
 * cell enough) or an LP over a neighbourhood with the other hidden cells fixed, both inner bounds
 * (the intruder's interval contains them, which is all the protection rule needs to pass); or
 * interval propagation, outer bounds (they contain the intruder's interval: enough for a failure). */
export type BoundsMethod = 'lp' | 'local-lp' | 'witness' | 'propagation';

export type AuditCache = Map<string, Array<[number, number, BoundsMethod]>>;

export interface AuditCell {
	key: string;
	value: number;
	status: ProtectionStatus | 'latent';
	reason: PrimaryReason | null;
	lower: number;
	upper: number;
	exact: boolean;
	method: BoundsMethod;
}

export type FailureKind = 'published-primary' | 'exact' | 'interval' | 'solver' | 'timeout';

export interface AuditFailure {
	key: string;
	value: number;
	kind: FailureKind;
	lower?: number;
	upper?: number;
	message: string;
}

export interface AuditReport {
	ok: boolean;
	cells: AuditCell[];
	failures: AuditFailure[];
	stats: { blocks: number; largestBlock: number; solves: number; cached: number; ms: number };
}

export const STATUS_CODE: Record<ProtectionStatus | 'latent', number> = {
	published: 0,
	'hidden-primary': 1,
	'hidden-secondary': 2,
	latent: 3
};
/** Status code 3: a latent cell of a linked model (an inner count no release publishes, e.g. the
 * situations seen in one semester only): never published, an unknown ≥ 0 to the intruder. */
export const LATENT = 3;
const CODE_STATUS: Array<ProtectionStatus | 'latent'> = [
	'published',
	'hidden-primary',
	'hidden-secondary',
	'latent'
];

/** Whether the interval [lower, upper] protects a cell of value v. */
export function protectionFailure(
	v: number,
	lower: number,
	upper: number,
	reason: PrimaryReason | null,
	k: number,
	width: number,
	statusKnowledge = false
): 'exact' | 'interval' | null {
	if (upper - lower < 0.5) return 'exact';
	// with statuses known, a frequency cell is known to lie in 1..k−1: the interval cannot be wider
	// than k − 2, and reaching the cap k − 1 is the best possible upper bound
	const capped = statusKnowledge && reason === 'A';
	if (upper - lower < (capped ? Math.min(width, k - 2) : width)) return 'interval';
	const cap = capped ? k - 1 : Infinity;
	if (upper < v + 1 && upper < cap) return 'interval';
	return null;
}

class UnionFind {
	parent: Int32Array;
	constructor(n: number) {
		this.parent = new Int32Array(n).map((_, i) => i);
	}
	find(a: number): number {
		while (this.parent[a] !== a) {
			this.parent[a] = this.parent[this.parent[a]];
			a = this.parent[a];
		}
		return a;
	}
	union(a: number, b: number) {
		const ra = this.find(a);
		const rb = this.find(b);
		if (ra !== rb) this.parent[ra] = rb;
	}
}

/** Connected components of hidden cells through the relations they share. */
export function hiddenBlocks(model: Model, hidden: Uint8Array): number[][] {
	const uf = new UnionFind(model.keys.length);
	for (const r of model.relations) {
		let first = -1;
		for (const c of [r.total, ...r.parts]) {
			if (!hidden[c]) continue;
			if (first < 0) first = c;
			else uf.union(first, c);
		}
	}
	const blocks = new Map<number, number[]>();
	for (let c = 0; c < model.keys.length; c++) {
		if (!hidden[c]) continue;
		const root = uf.find(c);
		const b = blocks.get(root);
		if (b) b.push(c);
		else blocks.set(root, [c]);
	}
	return [...blocks.values()];
}

function attackerBounds(
	v: number,
	status: number,
	k: number,
	knows: boolean,
	nonZero = false
): [number, number] {
	if (status === LATENT) return [0, Infinity];
	if (!knows) return [nonZero && v >= 1 ? 1 : 0, Infinity];
	if (status === 1) return [v >= 1 ? 1 : 0, v >= 1 && v < k ? k - 1 : Infinity];
	return [v >= k ? k : 0, Infinity];
}

interface BlockLp {
	cols: number[];
	/** True value of each column. */
	values: number[];
	lower: number[];
	upper: number[];
	starts: number[];
	indices: number[];
	coefs: number[];
	rhs: number[];
}

function blockLp(
	model: Model,
	block: number[],
	codes: Uint8Array,
	k: number,
	knows: boolean,
	nonZero = false
): BlockLp {
	const col = new Map(block.map((c, j) => [c, j]));
	const relIds = new Set<number>();
	for (const c of block) for (const r of model.cellRelations[c]) relIds.add(r);
	const lp: BlockLp = {
		cols: block,
		values: block.map((c) => model.values[c]),
		lower: [],
		upper: [],
		starts: [0],
		indices: [],
		coefs: [],
		rhs: []
	};
	for (const c of block) {
		const [lo, hi] = attackerBounds(model.values[c], codes[c], k, knows, nonZero);
		lp.lower.push(lo);
		lp.upper.push(hi);
	}
	for (const rid of relIds) {
		const r = model.relations[rid];
		let rhs = 0;
		const terms: Array<[number, number]> = [];
		for (const [c, coef] of [[r.total, 1] as const, ...r.parts.map((p) => [p, -1] as const)]) {
			const j = col.get(c);
			if (j === undefined) rhs -= coef * model.values[c];
			else terms.push([j, coef]);
		}
		terms.sort((a, b) => a[0] - b[0]);
		for (const [j, coef] of terms) {
			lp.indices.push(j);
			lp.coefs.push(coef);
		}
		lp.starts.push(lp.indices.length);
		lp.rhs.push(rhs);
	}
	return lp;
}

/** The block's LP as a HiGHS model: its relations as equalities, with the block's column bounds
 * and zero costs unless given. */
function createLpModel(
	highs: Highs,
	lp: BlockLp,
	cols: {
		colCost?: number[];
		colLower?: number[];
		colUpper?: number[];
		integrality?: VariableType[];
	}
) {
	const n = lp.cols.length;
	const m = lp.rhs.length;
	const upper = cols.colUpper ?? lp.upper;
	return highs.createModel({
		numCols: n,
		numRows: m,
		colCost: cols.colCost ?? new Array(n).fill(0),
		colLower: cols.colLower ?? lp.lower,
		colUpper: upper.map((u) => (u === Infinity ? highs.infinity : u)),
		rowLower: lp.rhs,
		rowUpper: lp.rhs,
		matrix: {
			format: 'csr',
			numRows: m,
			numCols: n,
			starts: lp.starts,
			indices: lp.indices,
			values: lp.coefs
		},
		...(cols.integrality ? { integrality: cols.integrality } : {})
	});
}

type LpModel = ReturnType<typeof createLpModel>;

/** Runs the model; a warm start occasionally ends in an unknown status: it is then solved again
 * from scratch. The final status and the number of solves. */
function runModel(highs: Highs, model: LpModel): { st: ModelStatusCode; solves: number } {
	const status = highs.constants.modelStatus;
	model.run();
	let st = model.getModelStatus();
	if (st === status.optimal || st === status.unbounded) return { st, solves: 1 };
	model.clearSolver();
	model.options.set({ presolve: 'on' });
	model.run();
	model.options.set({ presolve: 'off' });
	st = model.getModelStatus();
	return { st, solves: 2 };
}

/** Min and max of each target over the block's LP, one warm-started model for all of them.
 * `settled[i]`: bounds of target i already known exactly (the value itself, when propagation
 * pins that side of it), which need no solve. */
function solveBlock(
	highs: Highs,
	lp: BlockLp,
	targets: number[],
	integer: boolean,
	deadline: number,
	settled?: Array<[number | null, number | null]>
): {
	bounds: Array<[number, number]>;
	/** per target: the moves (components holding the target) of its min and max optima, null for a
	 * side at the value itself; undefined when a side has no optimum (unbounded) */
	moves: Array<Array<Array<[number, number]>> | undefined>;
	solves: number;
	error?: string;
} {
	const n = lp.cols.length;
	const moves: Array<Array<Array<[number, number]>> | undefined> = [];
	const model = createLpModel(highs, lp, {
		...(integer ? { integrality: new Array(n).fill(highs.constants.variableType.integer) } : {})
	});
	const status = highs.constants.modelStatus;
	const sense = highs.constants.objectiveSense;
	const bounds: Array<[number, number]> = [];
	let solves = 0;
	try {
		model.options.set({ output_flag: false, presolve: 'off' });
		for (const [i, j] of targets.entries()) {
			if (performance.now() > deadline) return { bounds, moves, solves, error: 'timeout' };
			const known = settled?.[i];
			if (known && known[0] !== null && known[1] !== null) {
				bounds.push([known[0], known[1]]);
				moves.push([]);
				continue;
			}
			model.changeColCost(j, 1);
			const res: number[] = [];
			let tables: Array<Array<[number, number]>> | undefined = [];
			for (const s of [sense.minimize, sense.maximize]) {
				const given = known?.[s === sense.minimize ? 0 : 1];
				if (given !== null && given !== undefined) {
					res.push(given);
					continue;
				}
				model.changeObjectiveSense(s);
				const run = runModel(highs, model);
				solves += run.solves;
				const st = run.st;
				if (st === status.optimal) {
					res.push(model.getObjectiveValue());
					if (tables && !integer) {
						const x = model.getSolution().colValue;
						if (Math.abs(x[j] - lp.values[j]) > 1e-9) {
							tables.push(components(lp, x, [j])[0]?.moved ?? []);
						}
					}
				} else if (
					s === sense.maximize &&
					(st === status.unbounded || st === status.unboundedOrInfeasible)
				) {
					res.push(Infinity);
					tables = undefined;
				} else return { bounds, moves, solves, error: `statut ${st}` };
			}
			moves.push(tables);
			model.changeColCost(j, 0);
			bounds.push([
				Math.ceil(res[0] - 1e-6) || 0,
				res[1] === Infinity ? Infinity : Math.floor(res[1] + 1e-6)
			]);
		}
	} finally {
		model.dispose();
	}
	return { bounds, moves, solves };
}

/** The move that protects a cell: up or down by `amount` from its value. */
interface Want {
	dir: 1 | -1;
	amount: number;
}

/**
 * Witness tables for many cells at once: one LP maximises Σ min(±(x_s − v_s), amount_s) over the
 * pending cells (as Σ ±x_s with x_s capped at v_s ± amount_s: no extra variables); every cell the
 * optimum moves far enough is protected (the optimum is a table the intruder cannot rule out),
 * the others are tried again without them, until a round certifies none. Bounds are inner ones:
 * [v, x*] or [x*, v].
 */
function witnessBounds(
	highs: Highs,
	lp: BlockLp,
	targets: number[],
	wants: Want[],
	deadline: number
): {
	bounds: Map<number, [number, number]>;
	tables: Array<{ moved: Array<[number, number]>; proves: number[] }>;
	solves: number;
	error?: string;
} {
	const inf = highs.infinity;
	const tables: Array<{ moved: Array<[number, number]>; proves: number[] }> = [];
	// Σ min(±(x_j − v_j), amount) is Σ ±(x_j − v_j) once x_j is capped at v_j ± amount
	const colLower = lp.lower.slice();
	const colUpper = lp.upper.slice();
	const colCost = new Array(lp.cols.length).fill(0);
	targets.forEach((j, i) => {
		const { dir, amount } = wants[i];
		colCost[j] = dir;
		if (dir > 0) colUpper[j] = Math.min(colUpper[j], lp.values[j] + amount);
		else colLower[j] = Math.max(colLower[j], lp.values[j] - amount);
	});
	const model = createLpModel(highs, lp, { colCost, colLower, colUpper });
	const bounds = new Map<number, [number, number]>();
	let solves = 0;
	try {
		// primal simplex without presolve: each round only changes costs and relaxes bounds, so the
		// previous optimum stays a primal feasible basis to start from
		model.options.set({ output_flag: false, simplex_strategy: 4, presolve: 'off' });
		model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
		let pending = targets.map((_, i) => i);
		while (pending.length > 0) {
			if (performance.now() > deadline) return { bounds, tables, solves, error: 'timeout' };
			model.run();
			solves++;
			if (model.getModelStatus() !== highs.constants.modelStatus.optimal) break;
			const x = model.getSolution().colValue;
			const left: number[] = [];
			const proves: number[] = [];
			for (const i of pending) {
				const j = targets[i];
				const v = lp.values[j];
				const { dir, amount } = wants[i];
				if (dir > 0 && x[j] >= v + amount - 1e-6) bounds.set(j, [v, Math.floor(x[j] + 1e-6)]);
				else if (dir < 0 && x[j] <= v - amount + 1e-6) bounds.set(j, [Math.ceil(x[j] - 1e-6), v]);
				else left.push(i);
				if (bounds.has(j)) proves.push(j);
			}
			if (proves.length > 0) tables.push(...components(lp, x, proves));
			if (left.length === pending.length) break;
			for (const i of pending) {
				const j = targets[i];
				if (!bounds.has(j)) continue;
				model.changeColCost(j, 0);
				model.changeColBounds(j, lp.lower[j], lp.upper[j] === Infinity ? inf : lp.upper[j]);
			}
			pending = left;
		}
	} finally {
		model.dispose();
	}
	return { bounds, tables, solves };
}

/**
 * A witness table split into its independent moves: cells moved together in some relation belong
 * to the same move, and each move keeps every relation balanced by itself. Smaller moves stay
 * valid longer when the mask changes elsewhere.
 */
function components(
	lp: BlockLp,
	x: Float64Array,
	proves: number[]
): Array<{ moved: Array<[number, number]>; proves: number[] }> {
	const n = lp.cols.length;
	const moved = (j: number) => Math.abs(x[j] - lp.values[j]) > 1e-9;
	const uf = new UnionFind(n);
	for (let r = 0; r + 1 < lp.starts.length; r++) {
		let first = -1;
		for (let e = lp.starts[r]; e < lp.starts[r + 1]; e++) {
			const j = lp.indices[e];
			if (!moved(j)) continue;
			if (first < 0) first = j;
			else uf.union(first, j);
		}
	}
	const byRoot = new Map<number, { moved: Array<[number, number]>; proves: number[] }>();
	for (let j = 0; j < n; j++) {
		if (!moved(j)) continue;
		const root = uf.find(j);
		const t = byRoot.get(root) ?? { moved: [], proves: [] };
		t.moved.push([j, x[j]]);
		byRoot.set(root, t);
	}
	for (const j of proves) byRoot.get(uf.find(j))?.proves.push(j);
	return [...byRoot.values()].filter((t) => t.proves.length > 0);
}

/**
 * Witness tables kept across audits: those of earlier masks of the same release, and of earlier
 * models of it (before some regrouping). A table is used again only after checking, in the
 * current model, that every cell it moves exists with the same value and is hidden with the same
 * status (so its bounds still hold) and that it keeps every relation balanced.
 */
export class WitnessStore {
	private tables: Array<{
		/** key, true value, status code, value in the witness */
		moved: Array<[string, number, number, number]>;
		/** Indices of the moved cells in each model where the move is balanced (null: it is not). */
		placed: WeakMap<Model, Int32Array | null>;
	}> = [];
	/** Bounds proven together by one or more tables (e.g. the LP's optima at a cell's min and
	 * max): valid while all of them are. */
	private entries: Array<{ tables: number[]; bounds: Map<string, [number, number]> }> = [];
	private byKey = new Map<string, number>();

	private table(model: Model, moved: Array<[number, number]>, codes: ArrayLike<number>): number {
		const placed = new WeakMap<Model, Int32Array | null>();
		placed.set(
			model,
			Int32Array.from(moved, ([c]) => c)
		);
		this.tables.push({
			moved: moved.map(([c, x]) => [model.keys[c], model.values[c], codes[c], x]),
			placed
		});
		return this.tables.length - 1;
	}

	add(
		model: Model,
		moved: Array<[number, number]>,
		codes: ArrayLike<number>,
		bounds: Map<number, [number, number]>
	) {
		this.addTables(model, [moved], codes, bounds);
	}

	/** Bounds that hold while every one of `moves` (each balanced on its own) stays valid. */
	addTables(
		model: Model,
		moves: Array<Array<[number, number]>>,
		codes: ArrayLike<number>,
		bounds: Map<number, [number, number]>
	) {
		const id = this.entries.length;
		this.entries.push({
			tables: moves.map((m) => this.table(model, m, codes)),
			bounds: new Map([...bounds].map(([c, b]) => [model.keys[c], b]))
		});
		for (const c of bounds.keys()) this.byKey.set(model.keys[c], id);
	}

	/** Bounds of c from a witness valid in `model` under `codes` (validity memoised in `seen`). */
	lookup(
		model: Model,
		c: number,
		codes: Uint8Array,
		seen: Map<number, boolean>
	): [number, number] | undefined {
		const key = model.keys[c];
		const id = this.byKey.get(key);
		if (id === undefined) return undefined;
		const entry = this.entries[id];
		for (const tid of entry.tables) {
			let ok = seen.get(tid);
			if (ok === undefined) {
				const t = this.tables[tid];
				let cells = t.placed.get(model);
				if (cells === undefined) t.placed.set(model, (cells = place(model, t.moved)));
				ok = cells !== null && t.moved.every(([, , code], i) => codes[cells[i]] === code);
				seen.set(tid, ok);
			}
			if (!ok) return undefined;
		}
		return entry.bounds.get(key);
	}
}

/** Indices of the moved cells in `model`, if they all exist with the same values and the move
 * keeps every relation of `model` balanced. */
function place(model: Model, moved: Array<[string, number, number, number]>): Int32Array | null {
	const cells = new Int32Array(moved.length);
	const delta = new Map<number, number>();
	for (let i = 0; i < moved.length; i++) {
		const [key, value, , x] = moved[i];
		const c = model.index.get(key);
		if (c === undefined || model.values[c] !== value) return null;
		cells[i] = c;
		delta.set(c, x - value);
	}
	for (const c of delta.keys()) {
		for (const rid of model.cellRelations[c]) {
			const r = model.relations[rid];
			let sum = -(delta.get(r.total) ?? 0);
			for (const p of r.parts) sum += delta.get(p) ?? 0;
			if (Math.abs(sum) > 1e-6) return null;
		}
	}
	return cells;
}

interface BlockContext {
	highs: Highs;
	model: Model;
	codes: Uint8Array;
	k: number;
	knows: boolean;
	nonZero: boolean;
	integer: boolean;
	exactOnly: boolean;
	hidden: Uint8Array;
	/** Whether [lower, upper] is wide enough for cell c. */
	enough: (c: number, lower: number, upper: number) => boolean;
	/** The move that would protect c, when a witness table may show it. */
	want: (c: number) => Want | null;
	witnesses?: WitnessStore;
	witnessSeen: Map<number, boolean>;
	/** Outer bounds from interval propagation: where one equals the cell's value, the LP's
	 * optimum on that side is the value itself (the value is feasible, the LP's interval lies
	 * inside the propagated one), so it needs no solve. */
	outerLo: Float64Array;
	outerHi: Float64Array;
}

/** The sides of c's interval that propagation pins to its value. */
function settledSides(ctx: BlockContext, c: number): [number | null, number | null] {
	const v = ctx.model.values[c];
	return [ctx.outerLo[c] >= v ? v : null, ctx.outerHi[c] <= v ? v : null];
}

const NEIGHBOURHOOD = 120;
/** Above this many hidden cells, and with more than EXACT_CELLS cells left once witnesses are
 * found, a block is not solved cell by cell: local LPs prove most cells protected, and only the
 * others are solved over the whole block. */
const EXACT_MAX = 800;
const EXACT_CELLS = 64;

/** Hidden cells around s, breadth first through shared relations, at most `size` of them. */
function neighbourhood(model: Model, hidden: Uint8Array, s: number, size: number): number[] {
	const seen = new Set<number>([s]);
	let frontier = [s];
	while (frontier.length > 0 && seen.size < size) {
		const next: number[] = [];
		for (const f of frontier) {
			for (const rid of model.cellRelations[f]) {
				const r = model.relations[rid];
				for (const x of [r.total, ...r.parts]) {
					if (!hidden[x] || seen.has(x)) continue;
					if (seen.size >= size) break;
					seen.add(x);
					next.push(x);
				}
			}
		}
		frontier = next;
	}
	return [...seen];
}

/** One block's bounds under way: `bounds[t]` for `targets[t]` once found. */
interface BlockRun {
	ctx: BlockContext;
	block: number[];
	targets: number[];
	deadline: number;
	bounds: Array<[number, number, BoundsMethod]>;
	solves: number;
	/** The LP over the whole block, built once when first needed. */
	wholeLp: () => BlockLp;
}

/** A passing cell's LP optima are tables the intruder cannot rule out: kept as witnesses, they
 * prove it again in the next audits (the repair loop's) while the cells they move are unchanged. */
function remember(
	ctx: BlockContext,
	c: number,
	bounds: [number, number],
	moves: Array<Array<[number, number]>> | undefined,
	cols: number[]
) {
	if (!moves || !ctx.witnesses) return;
	ctx.witnesses.addTables(
		ctx.model,
		moves.map((m) => m.map(([j, x]): [number, number] => [cols[j], x])),
		ctx.codes,
		new Map([[c, bounds]])
	);
}

/** Bounds from the witnesses of earlier audits, then from new witness tables; an error if any. */
function witnessPass(run: BlockRun, rest: number[]): string | undefined {
	const { ctx, block, targets, bounds } = run;
	const { model, codes } = ctx;
	const batch: number[] = [];
	const wants: Want[] = [];
	for (const t of rest) {
		const c = block[targets[t]];
		const known = ctx.witnesses?.lookup(model, c, codes, ctx.witnessSeen);
		if (known) bounds[t] = [...known, 'witness'];
		const want = known ? null : ctx.want(c);
		if (want) {
			batch.push(t);
			wants.push(want);
		}
	}
	if (batch.length === 0) return undefined;
	const res = witnessBounds(
		ctx.highs,
		run.wholeLp(),
		batch.map((t) => targets[t]),
		wants,
		run.deadline
	);
	run.solves += res.solves;
	if (res.error) return res.error;
	for (const w of res.tables) {
		ctx.witnesses?.add(
			model,
			w.moved.map(([j, x]) => [block[j], x]),
			codes,
			new Map(w.proves.map((j) => [block[j], res.bounds.get(j) as [number, number]]))
		);
	}
	for (const t of batch) {
		const b = res.bounds.get(targets[t]);
		if (b) bounds[t] = [...b, 'witness'];
	}
	return undefined;
}

/** Local LPs around the cells left, in a block too large to solve per cell: their bounds are
 * inner ones, kept only where they prove protection; an error if any. */
function localPass(run: BlockRun, rest: number[]): string | undefined {
	const { ctx, block, targets, bounds, deadline } = run;
	const { model, codes, k, knows, nonZero } = ctx;
	const pending = new Map(rest.map((t) => [block[targets[t]], t]));
	for (const [s, t] of pending) {
		if (bounds[t]) continue;
		if (performance.now() > deadline) return 'timeout';
		// one LP around s also bounds (conservatively) every pending cell inside it
		const cells = neighbourhood(model, ctx.hidden, s, NEIGHBOURHOOD);
		const inside = cells
			.map((c, j) => [c, j])
			.filter(([c]) => pending.has(c) && !bounds[pending.get(c) as number])
			.slice(0, 16);
		const res = solveBlock(
			ctx.highs,
			blockLp(model, cells, codes, k, knows, nonZero),
			inside.map(([, j]) => j),
			false,
			deadline,
			inside.map(([c]) => settledSides(ctx, c))
		);
		run.solves += res.solves;
		if (res.error) return res.error;
		inside.forEach(([c], i) => {
			const [lower, upper] = res.bounds[i];
			if (ctx.enough(c, lower, upper)) {
				remember(ctx, c, [lower, upper], res.moves[i], cells);
				bounds[pending.get(c) as number] = [lower, upper, 'local-lp'];
			}
		});
	}
	return undefined;
}

/** Exact bounds of the cells left, by LP over the whole block; an error if any. */
function exactPass(run: BlockRun, rest: number[]): string | undefined {
	const { ctx, block, targets, bounds } = run;
	const res = solveBlock(
		ctx.highs,
		run.wholeLp(),
		rest.map((t) => targets[t]),
		ctx.integer,
		run.deadline,
		rest.map((t) => settledSides(ctx, block[targets[t]]))
	);
	run.solves += res.solves;
	if (res.error) return res.error;
	rest.forEach((t, i) => {
		bounds[t] = [...res.bounds[i], 'lp'];
		const c = block[targets[t]];
		const [lower, upper] = res.bounds[i];
		if (!ctx.exactOnly && ctx.enough(c, lower, upper)) {
			remember(ctx, c, [lower, upper], res.moves[i], block);
		}
	});
	return undefined;
}

/** Bounds of the block's targets: exact LP, or (cells needing protection only) witness tables
 * first, then exact LP, or local LPs in blocks too large to solve per cell. */
function blockBounds(
	ctx: BlockContext,
	block: number[],
	targets: number[],
	deadline: number
): { bounds: Array<[number, number, BoundsMethod]>; solves: number; error?: string } {
	const { model, codes, k, knows, nonZero } = ctx;
	let whole: BlockLp | undefined;
	const run: BlockRun = {
		ctx,
		block,
		targets,
		deadline,
		bounds: new Array(targets.length),
		solves: 0,
		wholeLp: () => (whole ??= blockLp(model, block, codes, k, knows, nonZero))
	};
	const { bounds } = run;
	const failed = (error: string) => ({ bounds, solves: run.solves, error });
	let rest = targets.map((_, t) => t);
	if (!ctx.exactOnly) {
		const error = witnessPass(run, rest);
		if (error) return failed(error);
		rest = rest.filter((t) => !bounds[t]);
	}
	if (!ctx.exactOnly && block.length > EXACT_MAX && rest.length > EXACT_CELLS) {
		const error = localPass(run, rest);
		if (error) return failed(error);
		// local bounds are inner ones: they prove protection, not its failure, which the LP over
		// the whole block confirms (the cells left are few)
		rest = rest.filter((t) => !bounds[t]);
	}
	if (rest.length > 0) {
		const error = exactPass(run, rest);
		if (error) return failed(error);
	}
	return { bounds, solves: run.solves };
}

/** The protection rule of an audit: what a hidden cell's interval must satisfy. */
interface Rule {
	k: number;
	knows: boolean;
	width: number;
	nonZero: boolean;
	reasons: (PrimaryReason | null)[];
}

/** Failures for the cells needing protection that the mask publishes. */
function publishedPrimaries(model: Model, codes: Uint8Array, reasons: (PrimaryReason | null)[]) {
	const failures: AuditFailure[] = [];
	for (let c = 0; c < model.keys.length; c++) {
		if (codes[c] === 0 && reasons[c] !== null) {
			failures.push({
				key: model.keys[c],
				value: model.values[c],
				kind: 'published-primary',
				message: `Cellule sensible publiée (${model.keys[c]})`
			});
		}
	}
	return failures;
}

/** What the blocks of one audit share: the mask, the rule, the attacker's a priori bounds and
 * their propagation. */
function blockContext(
	highs: Highs,
	model: Model,
	codes: Uint8Array,
	opts: AuditOptions,
	rule: Rule
): BlockContext {
	const { k, knows, width, nonZero, reasons } = rule;
	const hidden = codes.map((s) => (s === 0 ? 0 : 1));
	const lo = new Float64Array(codes.length);
	const hi = new Float64Array(codes.length);
	for (let c = 0; c < codes.length; c++) {
		if (!hidden[c]) continue;
		[lo[c], hi[c]] = attackerBounds(model.values[c], codes[c], k, knows, nonZero);
	}
	const ctx: BlockContext = {
		highs,
		model,
		codes,
		k,
		knows,
		nonZero,
		integer: opts.integer ?? false,
		exactOnly: opts.boundsFor !== 'primary' || opts.integer === true,
		witnesses: opts.witnesses,
		witnessSeen: new Map(),
		want: (c) => {
			const v = model.values[c];
			// the width asked of this cell (a known frequency cell cannot be wider than k − 2)
			const amount = knows && reasons[c] === 'A' ? Math.min(width, k - 2) : width;
			for (const dir of [1, -1] as const) {
				const [l, u] = dir > 0 ? [v, v + amount] : [v - amount, v];
				if (l >= lo[c] && u <= hi[c] && ctx.enough(c, l, u)) return { dir, amount };
			}
			return null;
		},
		hidden,
		outerLo: lo.slice(),
		outerHi: hi.slice(),
		enough: (c, lower, upper) =>
			protectionFailure(model.values[c], lower, upper, reasons[c], k, width, knows) === null
	};
	propagateBounds(model, hidden, ctx.outerLo, ctx.outerHi);
	return ctx;
}

/** An audit's report under way: its cells and failures, and how to add a cell's bounds. */
interface AuditRun {
	opts: AuditOptions;
	ctx: BlockContext;
	rule: Rule;
	cells: AuditCell[];
	failures: AuditFailure[];
	stats: AuditReport['stats'];
	deadline: number;
}

/** Adds cell c with its bounds to the report, and its failure if they do not protect it. */
function report(run: AuditRun, c: number, [lower, upper, method]: [number, number, BoundsMethod]) {
	const { model, codes } = run.ctx;
	const { k, width, knows, reasons } = run.rule;
	const value = model.values[c];
	run.cells.push({
		key: model.keys[c],
		value,
		status: CODE_STATUS[codes[c]],
		reason: reasons[c],
		lower,
		upper,
		exact: lower === upper,
		method
	});
	if (reasons[c] === null) return;
	const kind = protectionFailure(value, lower, upper, reasons[c], k, width, knows);
	if (kind) {
		run.failures.push({
			key: model.keys[c],
			value,
			kind,
			lower,
			upper,
			message:
				kind === 'exact'
					? `Cellule masquée recalculable exactement (${model.keys[c]})`
					: `Intervalle trop étroit pour ${model.keys[c]} : [${lower}, ${upper}]`
		});
	}
}

/** The first failure that interval propagation proves, reported (none: false). */
function propagationFailure(run: AuditRun, blocks: number[][]): boolean {
	const { ctx } = run;
	for (const block of blocks) {
		for (const c of block) {
			if (run.rule.reasons[c] === null || ctx.enough(c, ctx.outerLo[c], ctx.outerHi[c])) continue;
			report(run, c, [ctx.outerLo[c], ctx.outerHi[c], 'propagation']);
			return true;
		}
	}
	return false;
}

/** Audits one block: failures proven by propagation, then the bounds of its other targets (from
 * the cache or solved). Returns false when the audit ran out of time (the block is skipped). */
function auditBlock(run: AuditRun, block: number[], timedOut: boolean): boolean {
	const { opts, ctx, stats } = run;
	const { model, codes, knows, nonZero } = ctx;
	const { reasons } = run.rule;
	const pLo = ctx.outerLo;
	const pHi = ctx.outerHi;
	stats.blocks++;
	stats.largestBlock = Math.max(stats.largestBlock, block.length);
	const proven: Array<[number, [number, number, BoundsMethod]]> = [];
	const targets: number[] = [];
	block.forEach((c, j) => {
		if ((opts.boundsFor === 'primary' || codes[c] === LATENT) && reasons[c] === null) return;
		if (!ctx.exactOnly && !ctx.enough(c, pLo[c], pHi[c])) {
			proven.push([j, [pLo[c], pHi[c], 'propagation']]);
		} else targets.push(j);
	});
	for (const [j, b] of proven) report(run, block[j], b);
	if (targets.length === 0) return true;
	const sig = `${opts.integer ? 'i' : 'l'}${knows ? 1 : 0}${nonZero ? 1 : 0}:${block.map((c) => `${c}.${codes[c]}`).join(',')}:${targets.join(',')}`;
	let bounds = opts.cache?.get(sig);
	if (bounds) stats.cached++;
	else {
		if (timedOut) return false;
		const res = blockBounds(ctx, block, targets, run.deadline);
		stats.solves += res.solves;
		if (res.error === 'timeout') return false;
		if (res.error) {
			run.failures.push({
				key: model.keys[block[0]],
				value: model.values[block[0]],
				kind: 'solver',
				message: `Échec du solveur sur un bloc de ${block.length} cellules (${res.error})`
			});
			return true;
		}
		bounds = res.bounds;
		opts.cache?.set(sig, bounds);
	}
	targets.forEach((j, t) =>
		report(run, block[j], (bounds as Array<[number, number, BoundsMethod]>)[t])
	);
	return true;
}

/** Audits a mask given as one status code per cell index (0 published, 1 primary, 2 secondary). */
export async function auditCodes(
	model: Model,
	codes: Uint8Array,
	opts: AuditOptions = {}
): Promise<AuditReport> {
	const t0 = performance.now();
	const k = checkK(opts.k);
	const knows = opts.statusKnowledge ?? false;
	// With statuses known, a column of hidden 1s can never reach width 2 (their margin is pinned
	// to a narrow range by the statuses themselves): width 1 (never exact, upper ≥ value + 1) is
	// then the strongest rule that can always be met.
	const width = Math.max(knows ? 1 : 2, opts.protectionWidth ?? 2);
	const reasons = primarySuppression(model, {
		k,
		manual: opts.manual,
		groupWhole: opts.groupWhole,
		insensitive: opts.insensitive
	});
	const rule: Rule = { k, knows, width, nonZero: opts.hiddenNonZero ?? false, reasons };
	const highs = await loadSolver();
	const run: AuditRun = {
		opts,
		ctx: blockContext(highs, model, codes, opts, rule),
		rule,
		cells: [],
		failures: publishedPrimaries(model, codes, reasons),
		stats: { blocks: 0, largestBlock: 0, solves: 0, cached: 0, ms: 0 },
		deadline: t0 + (opts.timeLimitMs ?? 60_000)
	};
	const { cells, failures, stats } = run;
	const blocks = hiddenBlocks(model, run.ctx.hidden);
	// Failures proven by propagation need no LP (not when exact bounds are asked for).
	if (opts.failFast && !run.ctx.exactOnly && propagationFailure(run, blocks)) {
		stats.ms = performance.now() - t0;
		return { ok: false, cells, failures, stats };
	}
	let timedOut = false;
	for (const block of blocks) {
		if (opts.failFast && failures.length > 0) break;
		if (!auditBlock(run, block, timedOut)) timedOut = true;
	}
	if (timedOut) {
		failures.push({
			key: '',
			value: 0,
			kind: 'timeout',
			message: `Audit interrompu : délai de ${opts.timeLimitMs ?? 60_000} ms dépassé`
		});
	}
	stats.ms = performance.now() - t0;
	return { ok: failures.length === 0, cells, failures, stats };
}

/** Audits a release mask: statuses by cell key, missing keys meaning published. */
export function audit(
	model: Model,
	statuses: Map<string, ProtectionStatus | 'latent'>,
	opts: AuditOptions = {}
): Promise<AuditReport> {
	const codes = new Uint8Array(model.keys.length);
	for (const [key, s] of statuses) {
		const i = model.index.get(key);
		if (i === undefined) throw new Error(`Cellule inconnue : ${key}`);
		codes[i] = STATUS_CODE[s];
	}
	return auditCodes(model, codes, opts);
}
