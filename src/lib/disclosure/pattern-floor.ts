// A second, tighter lower bound on the number of cells ANY safe protection must hide: the
// smallest hiding pattern that meets conditions every safe pattern meets, found by a mixed
// integer program (HiGHS, as the audit). `suppressionFloor` (floor.ts) counts only what primary
// cells force; this one also follows the cascade through the secondaries.
//
// The argument, for the union audit's intruder (every published value and relation known, the
// hidden pattern seen, a hidden non-zero cell known to hold at least 1):
//  1. primary cells, and cells hidden by rule (`mustHide`), are hidden;
//  2. a relation without latent member whose hidden members are exactly one cell c gives c exactly.
//     In a safe pattern c is then not primary, and publishing c tells the intruder nothing he did
//     not know: the pattern without c is safe too, and smaller. So a smallest safe pattern has no
//     relation with exactly one hidden member: for each member c, Σ hidden(r) − 2·hidden(c) ≥ 0;
//  3. a primary part c (value v) of a relation whose total is published is at most
//     v + Σ (v_s − 1) over the relation's other hidden non-zero parts s (each at least 1): with the
//     audit's upper margin (its interval must reach v + 1) one of them must hold 2 or more, and
//     for width w its interval [1, v + Σ …] asks Σ min(v_s − 1, w + 1 − v) ≥ w + 1 − v; a hidden
//     total lifts both conditions.
// Any safe pattern, made smallest by step 2, satisfies all three, so the program's optimum (or,
// when its time runs out, its proven dual bound) is hidden by no fewer cells than any safe
// protection. The bound ignores the cells' interplay across relations, so it is not reachable in
// general; where it is above a rule's count, no safe protection hides fewer cells than that rule.
import { loadSolver } from './audit';
import type { FloorPart } from './floor';
import { checkK, primarySuppression } from './primary';

export interface PatternFloorOptions {
	k?: number;
	/** Minimum width of a primary cell's interval (at least 2). */
	width?: number;
	/** The audit's upper margin: a primary cell's interval reaches its value + 1 (default true). */
	upperMargin?: boolean;
	/** Keys hidden by a rule of the protection beyond primary suppression. */
	mustHide?: Iterable<string>;
	timeLimitMs?: number;
}

export interface PatternFloor {
	/** No safe protection hides fewer published (non-latent) cells. */
	floor: number;
	/** Whether the program was solved to optimality (else `floor` is its proven dual bound). */
	optimal: boolean;
	cells: number;
	constraints: number;
	ms: number;
}

interface Row {
	coefs: Map<number, number>;
	lower: number;
}

/** The rows of steps 2 and 3 for one relation (see the top of this file). */
function relationRows(
	members: number[],
	total: number,
	values: number[],
	primary: Uint8Array,
	width: number,
	upperMargin: boolean
): Row[] {
	const rows: Row[] = [];
	for (const c of members) {
		const coefs = new Map<number, number>();
		for (const d of members) coefs.set(d, d === c ? -1 : 1);
		rows.push({ coefs, lower: 0 });
	}
	for (const c of members) {
		if (c === total || !primary[c]) continue;
		const v = values[c];
		const others = members.filter((d) => d !== c && d !== total);
		if (upperMargin) {
			const coefs = new Map<number, number>([[total, 1]]);
			for (const d of others) if (values[d] >= 2) coefs.set(d, 1);
			rows.push({ coefs, lower: 1 });
		}
		const need = width + 1 - v;
		if (need > 0) {
			const coefs = new Map<number, number>([[total, need]]);
			for (const d of others) {
				const room = Math.min(values[d] - 1, need);
				if (room > 0) coefs.set(d, room);
			}
			rows.push({ coefs, lower: need });
		}
	}
	return rows;
}

/** The program's columns: one per published (non-latent) cell across the parts, by key. */
function columns(parts: FloorPart[], k: number, mustHide: Iterable<string>) {
	const latent = new Set<string>();
	for (const p of parts) for (const key of p.latent ?? []) latent.add(key);
	const index = new Map<string, number>();
	const values: number[] = [];
	const primaryKeys = new Set<string>();
	for (const { model } of parts) {
		const reasons = primarySuppression(model, { k, groupWhole: false });
		model.keys.forEach((key, c) => {
			if (latent.has(key)) return;
			if (!index.has(key)) {
				index.set(key, values.length);
				values.push(model.values[c]);
			}
			if (reasons[c] !== null) primaryKeys.add(key);
		});
	}
	const primary = new Uint8Array(values.length);
	const forced = new Array<number>(values.length).fill(0);
	for (const key of primaryKeys) primary[index.get(key) as number] = 1;
	for (const key of [...primaryKeys, ...mustHide]) {
		const i = index.get(key);
		if (i !== undefined) forced[i] = 1;
	}
	return { latent, index, values, primary, forced };
}

/** Minimises the hidden cells under `rows`, cells in `forced` hidden; the optimum, or the proven
 * dual bound when the time limit stops the search. */
async function solve(rows: Row[], forced: number[], timeLimitMs?: number) {
	const highs = await loadSolver();
	const n = forced.length;
	const starts: number[] = [];
	const indices: number[] = [];
	const coefs: number[] = [];
	for (const row of rows) {
		starts.push(indices.length);
		for (const [i, a] of [...row.coefs].sort((x, y) => x[0] - y[0])) {
			indices.push(i);
			coefs.push(a);
		}
	}
	starts.push(indices.length);
	const model = highs.createModel({
		numCols: n,
		numRows: rows.length,
		colCost: new Array(n).fill(1),
		colLower: forced,
		colUpper: new Array(n).fill(1),
		rowLower: rows.map((r) => r.lower),
		rowUpper: new Array(rows.length).fill(highs.infinity),
		matrix: { format: 'csr', numRows: rows.length, numCols: n, starts, indices, values: coefs },
		integrality: new Array(n).fill(highs.constants.variableType.integer)
	});
	try {
		model.options.set({
			output_flag: false,
			...(timeLimitMs ? { time_limit: timeLimitMs / 1000 } : {})
		});
		model.run();
		const optimal = model.getModelStatus() === highs.constants.modelStatus.optimal;
		const bound = optimal ? model.getObjectiveValue() : Number(model.info.get('mip_dual_bound'));
		return { bound, optimal };
	} finally {
		model.dispose();
	}
}

/** The smallest-pattern bound of linked models whose cells are identified by key across them. */
export async function patternFloor(
	parts: FloorPart[],
	opts: PatternFloorOptions = {}
): Promise<PatternFloor> {
	const t0 = performance.now();
	const k = checkK(opts.k);
	const width = Math.max(2, opts.width ?? 2);
	const { latent, index, values, primary, forced } = columns(parts, k, opts.mustHide ?? []);
	const rows: Row[] = [];
	for (const { model } of parts) {
		for (const r of model.relations) {
			const keys = [r.total, ...r.parts].map((c) => model.keys[c]);
			if (keys.some((key) => latent.has(key))) continue;
			const members = keys.map((key) => index.get(key) as number);
			rows.push(
				...relationRows(members, members[0], values, primary, width, opts.upperMargin ?? true)
			);
		}
	}
	const fixed = forced.reduce((s, f) => s + f, 0);
	const { bound, optimal } = rows.length
		? await solve(rows, forced, opts.timeLimitMs)
		: { bound: fixed, optimal: true };
	return {
		floor: Number.isFinite(bound) ? Math.max(fixed, Math.ceil(bound - 1e-6)) : fixed,
		optimal,
		cells: values.length,
		constraints: rows.length,
		ms: performance.now() - t0
	};
}
