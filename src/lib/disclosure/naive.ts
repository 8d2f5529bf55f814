// Baseline for comparison only: hide the primary cells, then while a relation (row, column,
// margin) holds exactly one hidden cell, hide its smallest published non-zero cell. Each row and
// column then has 0 or ≥ 2 hidden cells, which is known not to be enough (see the tests).
import type { Model } from './model';
import { primarySuppression, type ProtectionStatus, type PrimaryOptions } from './primary';

export interface NaiveResult {
	/** 0 published, 1 hidden-primary, 2 hidden-secondary, by cell index. */
	codes: Uint8Array;
	statuses: Map<string, ProtectionStatus>;
	hidden: number;
}

export function naiveSuppression(model: Model, opts: PrimaryOptions = {}): NaiveResult {
	const reasons = primarySuppression(model, opts);
	const n = model.keys.length;
	const codes = new Uint8Array(n);
	for (let c = 0; c < n; c++) if (reasons[c] !== null) codes[c] = 1;
	let changed = true;
	while (changed) {
		changed = false;
		for (const r of model.relations) {
			const members = [r.total, ...r.parts];
			if (members.filter((c) => codes[c] !== 0).length !== 1) continue;
			let best = -1;
			for (const c of members) {
				if (codes[c] !== 0 || model.values[c] === 0) continue;
				if (best < 0 || model.values[c] < model.values[best]) best = c;
			}
			if (best >= 0) {
				codes[best] = 2;
				changed = true;
			}
		}
	}
	const statuses = new Map<string, ProtectionStatus>();
	const names: ProtectionStatus[] = ['published', 'hidden-primary', 'hidden-secondary'];
	let hidden = 0;
	for (let c = 0; c < n; c++) {
		statuses.set(model.keys[c], names[codes[c]]);
		if (codes[c] !== 0) hidden++;
	}
	return { codes, statuses, hidden };
}
