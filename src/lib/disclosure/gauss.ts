// Secondary suppression by Gaussian elimination (after Statistics Norway's GaussSuppression).
// Unknowns are the unpublished cells; the attacker knows the tables' additive relations. A cell
// s is recomputable iff the unit vector e_s lies in the row space of the relations restricted to
// unpublished cells. We keep that space in reduced row echelon form (arithmetic modulo a prime,
// so no float drift and no coefficient growth) and publish candidates one at a time, most
// wanted first: publishing c projects out column c; if that would put some e_s (s protected)
// in the space, c is suppressed instead. Pivots prefer cells published last, so the large
// margins published first are mostly non-pivot columns and publishing them costs no fill-in.
import type { Model } from './model';

const P = 67108859; // prime < 2^26: products of two residues stay exact in a double

function mulmod(a: number, b: number): number {
	return (a * b) % P;
}

function inverse(a: number): number {
	let [r0, r1] = [P, a];
	let [t0, t1] = [0, 1];
	while (r1 !== 0) {
		const q = Math.floor(r0 / r1);
		[r0, r1] = [r1, r0 - q * r1];
		[t0, t1] = [t1, t0 - q * t1];
	}
	return ((t0 % P) + P) % P;
}

export interface GaussInput {
	/** 1 = cell never published and never to become recomputable (primary, pseudo-primary). */
	protect: Uint8Array;
	/** 1 = cell published whatever happens (zeros). */
	forcedPublish: Uint8Array;
	/** Other cells, most wanted published first. */
	order: number[];
	/** 1 = cell never published, without needing protection (latent or kept hidden): preferred
	 * as pivots, like protected cells. */
	never?: Uint8Array;
}

export interface GaussResult {
	hidden: Uint8Array;
	stats: { rows: number; fill: number; ms: number };
}

class Echelon {
	rows: (Map<number, number> | null)[] = [];
	rowPivot: number[] = [];
	pivotRow: Int32Array;
	colRows: Set<number>[];
	fill = 0;

	constructor(
		n: number,
		private prio: Float64Array
	) {
		this.pivotRow = new Int32Array(n).fill(-1);
		this.colRows = Array.from({ length: n }, () => new Set<number>());
	}

	/** target -= f * src; `id` is target's row id (−1 while not yet registered). */
	axpy(target: Map<number, number>, f: number, src: Map<number, number>, id: number) {
		for (const [c, v] of src) {
			const nv = ((target.get(c) ?? 0) - mulmod(f, v) + P) % P;
			if (nv === 0) {
				target.delete(c);
				if (id >= 0) this.colRows[c].delete(id);
			} else {
				if (!target.has(c)) {
					if (id >= 0) this.colRows[c].add(id);
					this.fill++;
				}
				target.set(c, nv);
			}
		}
	}

	bestPivot(row: Map<number, number>, exclude = -1): number {
		let best = -1;
		for (const c of row.keys()) {
			if (c === exclude) continue;
			if (
				best < 0 ||
				this.prio[c] > this.prio[best] ||
				(this.prio[c] === this.prio[best] && this.colRows[c].size < this.colRows[best].size)
			) {
				best = c;
			}
		}
		return best;
	}

	/** Makes `q` the pivot of row `id` (row already free of other pivots) and clears column q. */
	setPivot(id: number, q: number) {
		const row = this.rows[id] as Map<number, number>;
		const inv = inverse(row.get(q) as number);
		if (inv !== 1) for (const [c, v] of row) row.set(c, mulmod(v, inv));
		this.rowPivot[id] = q;
		this.pivotRow[q] = id;
		for (const t of [...this.colRows[q]]) {
			if (t === id) continue;
			const tr = this.rows[t] as Map<number, number>;
			this.axpy(tr, tr.get(q) as number, row, t);
		}
	}

	addRelation(entries: Array<[number, number]>) {
		const id = this.rows.length;
		const row = new Map<number, number>();
		for (const [c, v] of entries) row.set(c, ((((row.get(c) ?? 0) + v) % P) + P) % P);
		for (const [c, v] of [...row]) if (v === 0) row.delete(c);
		for (const c of [...row.keys()]) {
			const pr = this.pivotRow[c];
			if (pr < 0) continue;
			const f = row.get(c);
			if (f) this.axpy(row, f, this.rows[pr] as Map<number, number>, -1);
		}
		if (row.size === 0) return;
		this.rows.push(row);
		this.rowPivot.push(-1);
		for (const c of row.keys()) this.colRows[c].add(id);
		this.setPivot(id, this.bestPivot(row));
	}

	/** Whether publishing c would make a protected cell recomputable. */
	wouldDisclose(c: number, protect: Uint8Array): boolean {
		const pr = this.pivotRow[c];
		if (pr < 0) {
			for (const t of this.colRows[c]) {
				if (protect[this.rowPivot[t]] && (this.rows[t] as Map<number, number>).size === 2)
					return true;
			}
			return false;
		}
		const r = this.rows[pr] as Map<number, number>;
		if (r.size === 1) return false;
		const q = this.bestPivot(r, c);
		if (r.size === 2 && protect[q]) return true;
		const fq = r.get(q) as number;
		for (const t of this.colRows[q]) {
			if (t === pr || !protect[this.rowPivot[t]]) continue;
			const tr = this.rows[t] as Map<number, number>;
			// t' = t − (t[q]/r[q]) r, with column c dropped; singleton iff only its pivot survives
			const f = mulmod(tr.get(q) as number, inverse(fq));
			let size = 0;
			for (const [col, v] of tr) {
				if (col === c) continue;
				const nv = (((v - mulmod(f, r.get(col) ?? 0)) % P) + P) % P;
				if (nv !== 0) size++;
			}
			for (const [col, v] of r) {
				if (col === c || tr.has(col)) continue;
				if (mulmod(f, v) !== 0) size++;
			}
			if (size === 1) return true;
		}
		return false;
	}

	publish(c: number) {
		const pr = this.pivotRow[c];
		if (pr < 0) {
			for (const t of this.colRows[c]) (this.rows[t] as Map<number, number>).delete(c);
			this.colRows[c].clear();
			return;
		}
		const r = this.rows[pr] as Map<number, number>;
		r.delete(c);
		this.colRows[c].delete(pr);
		this.pivotRow[c] = -1;
		if (r.size === 0) {
			this.rows[pr] = null;
			this.rowPivot[pr] = -1;
			return;
		}
		this.setPivot(pr, this.bestPivot(r));
	}
}

export function gaussSuppression(model: Model, input: GaussInput): GaussResult {
	const t0 = performance.now();
	const n = model.keys.length;
	const prio = new Float64Array(n);
	input.order.forEach((c, i) => (prio[c] = i + 1));
	for (let c = 0; c < n; c++) {
		if (input.protect[c]) prio[c] = n + 2;
		else if (input.never?.[c]) prio[c] = n + 1;
	}

	const ech = new Echelon(n, prio);
	for (const r of model.relations) {
		ech.addRelation([[r.total, 1], ...r.parts.map((p): [number, number] => [p, -1])]);
	}
	const relRows = ech.rows.length;

	for (let c = 0; c < n; c++) if (input.forcedPublish[c] && !input.protect[c]) ech.publish(c);

	const hidden = new Uint8Array(n);
	for (let c = 0; c < n; c++) if (input.protect[c]) hidden[c] = 1;
	for (const c of input.order) {
		if (input.protect[c] || input.forcedPublish[c]) continue;
		if (ech.wouldDisclose(c, input.protect)) hidden[c] = 1;
		else ech.publish(c);
	}
	return { hidden, stats: { rows: relRows, fill: ech.fill, ms: performance.now() - t0 } };
}
