// Cheap safety certificates for the audit. Moving the true table along an integer direction d
// that keeps every relation balanced and touches only hidden cells yields other tables the
// intruder cannot tell apart from the truth. Rectangles through a cell (two sibling swaps, the
// hypercube idea of τ-Argus), lifted to the margins above them, give such directions; the range
// of feasible steps is an interval the intruder's bounds must contain, integer attacker included.
import type { Model } from './model';

export interface CertifyContext {
	model: Model;
	hidden: Uint8Array;
	lo: Float64Array;
	hi: Float64Array;
	/** Returns true when [lower, upper] is wide enough for cell c. */
	enough: (c: number, lower: number, upper: number) => boolean;
	/** Max hidden siblings tried along each relation. */
	maxSiblings?: number;
}

const MAX_SUPPORT = 64;

function measureOf(key: string): string {
	const i = key.indexOf('|');
	return i < 0 ? key : key.slice(0, i);
}

function swapKey(model: Model, s: number, swaps: Array<[string, string]>): string {
	const coords = { ...model.coords[s] };
	for (const [level, code] of swaps) coords[level] = code;
	const parts = Object.entries(coords)
		.map(([l, c]) => `${l}=${c}`)
		.sort();
	return `${measureOf(model.keys[s])}|${parts.join('|')}`;
}

/** Lifts a seed direction to the totals above it; null when it cannot be balanced on hidden cells. */
function lift(
	model: Model,
	hidden: Uint8Array,
	seed: Map<number, number>
): Map<number, number> | null {
	const d = new Map(seed);
	const queue = [...seed.keys()];
	let steps = 0;
	while (queue.length > 0) {
		if (++steps > 400 || d.size > MAX_SUPPORT) return null;
		const c = queue.pop() as number;
		for (const rid of model.cellRelations[c]) {
			const r = model.relations[rid];
			let sum = 0;
			for (const p of r.parts) sum += d.get(p) ?? 0;
			const t = d.get(r.total) ?? 0;
			if (t === sum) continue;
			if (!hidden[r.total] || seed.has(r.total)) return null;
			if (sum === 0) d.delete(r.total);
			else d.set(r.total, sum);
			queue.push(r.total);
		}
	}
	for (const c of d.keys()) {
		for (const rid of model.cellRelations[c]) {
			const r = model.relations[rid];
			let sum = 0;
			for (const p of r.parts) sum += d.get(p) ?? 0;
			if ((d.get(r.total) ?? 0) !== sum) return null;
		}
	}
	return d;
}

/** Largest integer steps up and down along d keeping every cell within its bounds. */
function steps(
	model: Model,
	d: Map<number, number>,
	lo: Float64Array,
	hi: Float64Array
): [number, number] {
	let up = Infinity;
	let down = Infinity;
	for (const [c, dc] of d) {
		const x = model.values[c];
		if (dc > 0) {
			up = Math.min(up, Math.floor((hi[c] - x) / dc));
			down = Math.min(down, Math.floor((x - lo[c]) / dc));
		} else {
			up = Math.min(up, Math.floor((x - lo[c]) / -dc));
			down = Math.min(down, Math.floor((hi[c] - x) / -dc));
		}
	}
	return [Math.max(0, down), Math.max(0, up)];
}

/**
 * Interval [lower, upper] of values of cell s that are certainly consistent with the release,
 * found from rectangles through s; stops as soon as `enough` holds.
 */
export function certify(ctx: CertifyContext, s: number): [number, number] {
	const { model, hidden, lo, hi } = ctx;
	const v = model.values[s];
	let lower = v;
	let upper = v;
	const rels = model.cellRelations[s]
		.map((rid) => model.relations[rid])
		.filter((r) => r.level !== null && r.parts.includes(s));
	const maxSib = ctx.maxSiblings ?? 8;
	const siblings = rels.map((r) =>
		r.parts
			.filter((p) => p !== s && hidden[p])
			.sort((a, b) => model.values[b] - model.values[a])
			.slice(0, maxSib)
	);
	for (let i = 0; i < rels.length; i++) {
		for (let j = i + 1; j < rels.length; j++) {
			const l1 = rels[i].level as string;
			const l2 = rels[j].level as string;
			if (l1 === l2) continue;
			for (const a of siblings[i]) {
				for (const b of siblings[j]) {
					const corner = model.index.get(
						swapKey(model, s, [
							[l1, model.coords[a][l1]],
							[l2, model.coords[b][l2]]
						])
					);
					if (corner === undefined || !hidden[corner]) continue;
					const d = lift(
						model,
						hidden,
						new Map([
							[s, 1],
							[a, -1],
							[b, -1],
							[corner, 1]
						])
					);
					if (!d) continue;
					const [down, up] = steps(model, d, lo, hi);
					lower = Math.min(lower, v - down);
					upper = Math.max(upper, v + up);
					if (ctx.enough(s, lower, upper)) return [lower, upper];
				}
			}
		}
	}
	return [lower, upper];
}
