// Primary suppression: which cells are sensitive by themselves, before any cell is hidden to
// stop them being recomputed. Zeros are always published (an empty cell discloses no one).
import type { Model } from './model';

export type ProtectionStatus = 'published' | 'hidden-primary' | 'hidden-secondary';
/** A: frequency 1..k−1; G: group disclosure; M: manual. */
export type PrimaryReason = 'A' | 'G' | 'M';

export interface PrimaryOptions {
	k?: number;
	/** Cell keys to hide whatever their value (τ-Argus MAN). */
	manual?: Iterable<string>;
	/**
	 * Also protect a part equal to its total (default true). Zeros are published, so when every
	 * other part is a published zero the intruder learns that the category holds the whole total
	 * whatever is hidden: hiding the part then protects nothing and only costs secondaries (and,
	 * once statuses are known, it cannot be given room: it is pinned to its total).
	 */
	groupWhole?: boolean;
	/** Cells that are never sensitive whatever their value (latent cells of a linked model, counts
	 * known to the intruder anyway). */
	insensitive?: Iterable<string>;
}

export const DEFAULT_K = 5;

export function checkK(k: number | undefined): number {
	const v = k ?? DEFAULT_K;
	if (!Number.isInteger(v) || v < 3) {
		throw new RangeError(
			`Seuil de secret invalide (${v}) : il doit être un entier au moins égal à 3`
		);
	}
	return v;
}

/**
 * Reason per cell index, or null when the cell may be published.
 * Group disclosure: in a relation `total = Σ parts` with total ≥ k, a part holding all but at most
 * one unit of the total (total − part ≤ 1) reveals the category of (nearly) every unit counted.
 */
export function primarySuppression(
	model: Model,
	opts: PrimaryOptions = {}
): (PrimaryReason | null)[] {
	const k = checkK(opts.k);
	const whole = opts.groupWhole ?? true;
	const reasons: (PrimaryReason | null)[] = model.values.map((v) => (v >= 1 && v < k ? 'A' : null));
	const skip = new Uint8Array(model.keys.length);
	for (const key of opts.insensitive ?? []) {
		const i = model.index.get(key);
		if (i !== undefined) {
			skip[i] = 1;
			reasons[i] = null;
		}
	}
	for (const r of model.relations) {
		if (!r.group || r.parts.length < 2) continue;
		const total = model.values[r.total];
		if (total < k) continue;
		for (const p of r.parts) {
			if (skip[p]) continue;
			const v = model.values[p];
			const rest = total - v;
			if (v >= k && (rest === 1 || (rest === 0 && whole)) && reasons[p] === null) reasons[p] = 'G';
		}
	}
	for (const key of opts.manual ?? []) {
		const i = model.index.get(key);
		if (i === undefined) throw new Error(`Cellule inconnue : ${key}`);
		if (reasons[i] === null) reasons[i] = 'M';
	}
	return reasons;
}
