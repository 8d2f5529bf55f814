// A lower bound (« plancher ») on the number of cells that ANY safe protection of a model must
// hide, whatever algorithm computed it. It measures how much of a protection's cost is forced by
// the data and how much is the algorithm's own over-protection.
//
// The argument, for an intruder who knows every published value and every relation (the union
// audit's):
//  1. every primary cell is hidden (that is what primary means);
//  2. in a relation total = Σ parts whose hidden members are exactly one cell c, c is the published
//     total minus the published parts: recomputed exactly. So a relation with one cell that must
//     be hidden has at least one more hidden member — unless one of its members is latent (a
//     count no release shows is already a second unknown);
//  3. hence a relation holding exactly one must-hide cell and exactly one other member that is
//     neither must-hide nor latent forces that member: a unit whose only complement is a single
//     cell, a breakdown of two categories with one small. Forced cells are must-hide cells too,
//     and (2) is applied again until nothing moves;
//  4. the relations still needing a second hidden member after that each need one cell among their
//     candidates; relations whose candidate sets are pairwise disjoint need distinct cells, so the
//     size of any such disjoint family (chosen greedily, smallest candidate sets first) is added.
// Zeros count as candidates (hiding a zero, with its whole breakdown, is a way to protect), so is
// every total. The bound ignores what makes real protections larger (the width ≥ 2 asked of every
// primary, the cascade through the secondaries' own relations), so it is not reachable in general;
// but no safe protection hides fewer cells.
import type { Model } from './model';
import { primarySuppression, type PrimaryOptions } from './primary';

export interface FloorPart {
	model: Model;
	/** Keys of latent cells: counts no release publishes, unknowns to the intruder. */
	latent?: Iterable<string>;
}

export interface Floor {
	/** Published cells that are primary. */
	primary: number;
	/** Published cells forced by step 3 (a relation whose only possible second unknown they are). */
	forced: number;
	/** Disjoint relations still needing one more hidden cell each (step 4). */
	packed: number;
	/** primary + forced + packed: no safe protection hides fewer published cells. */
	floor: number;
	/** Keys of the primary and forced cells: hidden by every safe protection. */
	mustHide: Set<string>;
}

/**
 * The floor of a protection of linked models (e.g. the blocks of a table set) whose cells are
 * identified by key across models: a cell hidden in one is hidden in all. Primary cells are those
 * of `primarySuppression` with `opts` in each model.
 */
export function suppressionFloor(parts: FloorPart[], opts: PrimaryOptions = {}): Floor {
	const latent = new Set<string>();
	for (const p of parts) for (const key of p.latent ?? []) latent.add(key);
	const must = new Set<string>();
	for (const { model } of parts) {
		primarySuppression(model, opts).forEach((reason, c) => {
			if (reason !== null && !latent.has(model.keys[c])) must.add(model.keys[c]);
		});
	}
	const primary = must.size;
	// relations holding exactly one must-hide cell and no latent one: they need one more hidden;
	// their candidates (the members that could be that one) by key
	const needy = (model: Model, rid: number): string[] | null => {
		const r = model.relations[rid];
		let hiddenCount = 0;
		const candidates: string[] = [];
		for (const c of [r.total, ...r.parts]) {
			const key = model.keys[c];
			if (latent.has(key)) return null;
			if (must.has(key)) hiddenCount++;
			else candidates.push(key);
		}
		return hiddenCount === 1 ? candidates : null;
	};
	// step 3 until nothing moves (a cell forced in one model is must-hide in every model)
	let forced = 0;
	for (let changed = true; changed;) {
		changed = false;
		for (const { model } of parts) {
			for (let rid = 0; rid < model.relations.length; rid++) {
				const candidates = needy(model, rid);
				if (!candidates || candidates.length !== 1) continue;
				must.add(candidates[0]);
				forced++;
				changed = true;
			}
		}
	}
	// step 4: a family of open relations with pairwise disjoint candidate sets, smallest first
	const open: string[][] = [];
	for (const { model } of parts) {
		for (let rid = 0; rid < model.relations.length; rid++) {
			const candidates = needy(model, rid);
			if (candidates && candidates.length > 0) open.push(candidates.sort());
		}
	}
	open.sort((a, b) => a.length - b.length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	const used = new Set<string>();
	let packed = 0;
	for (const candidates of open) {
		if (candidates.some((key) => used.has(key))) continue;
		for (const key of candidates) used.add(key);
		packed++;
	}
	return { primary, forced, packed, floor: primary + forced + packed, mustHide: must };
}
