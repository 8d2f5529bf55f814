// Interval propagation over the additive relations: what an intruder deduces from each relation
// alone, repeated until nothing moves. Every deduction is valid, so the intruder's LP interval
// lies inside the propagated one: a cell whose propagated interval already fails the protection
// rule fails the audit without any LP. (The converse does not hold: passing here proves nothing.)
import type { Model } from './model';

/**
 * Tightens [lo, hi] of the hidden cells in place (published cells are fixed at their values).
 * Bounded work: each relation is revisited at most `maxVisits` times.
 */
export function propagateBounds(
	model: Model,
	hidden: Uint8Array,
	lo: Float64Array,
	hi: Float64Array,
	maxVisits = 40
): void {
	const { relations, values, cellRelations } = model;
	const low = (c: number) => (hidden[c] ? lo[c] : values[c]);
	const high = (c: number) => (hidden[c] ? hi[c] : values[c]);
	const queued = new Uint8Array(relations.length);
	const visits = new Uint16Array(relations.length);
	const queue: number[] = [];
	for (let r = 0; r < relations.length; r++) {
		const rel = relations[r];
		if (hidden[rel.total] || rel.parts.some((p) => hidden[p])) {
			queued[r] = 1;
			queue.push(r);
		}
	}
	const tighten = (c: number, l: number, h: number) => {
		if (l <= lo[c] && h >= hi[c]) return;
		if (l > lo[c]) lo[c] = l;
		if (h < hi[c]) hi[c] = h;
		for (const r of cellRelations[c]) {
			if (!queued[r] && visits[r] < maxVisits) {
				queued[r] = 1;
				queue.push(r);
			}
		}
	};
	for (let head = 0; head < queue.length; head++) {
		const r = queue[head];
		queued[r] = 0;
		visits[r]++;
		const { total, parts } = relations[r];
		let sumLo = 0;
		let sumHi = 0;
		let infinite = 0;
		for (const p of parts) {
			sumLo += low(p);
			const h = high(p);
			if (h === Infinity) infinite++;
			else sumHi += h;
		}
		const tLo = low(total);
		const tHi = high(total);
		if (hidden[total]) tighten(total, sumLo, infinite ? Infinity : sumHi);
		for (const p of parts) {
			if (!hidden[p]) continue;
			const pl = low(p);
			const ph = high(p);
			// the other parts' largest sum: finite only if none of them (besides p) is unbounded
			const othersHi =
				ph === Infinity ? (infinite > 1 ? Infinity : sumHi) : infinite > 0 ? Infinity : sumHi - ph;
			tighten(p, othersHi === Infinity ? pl : tLo - othersHi, tHi - (sumLo - pl));
		}
		if (head > 1 << 20) {
			queue.splice(0, head + 1);
			head = -1;
		}
	}
}
