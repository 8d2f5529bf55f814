// The release mask: primary suppression, Gaussian secondary suppression over all linked tables,
// then interval protection checked by the LP audit. When the audit finds a hidden cell too
// narrowly bounded, its smallest published neighbour is hidden too (and kept non-recomputable),
// and the loop runs again until the audit passes.
import { auditCodes, type AuditCache, type AuditOptions, type AuditReport } from './audit';
import { gaussSuppression } from './gauss';
import type { Model } from './model';
import { checkK, primarySuppression, type CellStatus, type PrimaryReason } from './primary';

export interface ProtectOptions {
	k?: number;
	protectionWidth?: number;
	/** Keys hidden in the previous period's release: preferred as secondary suppressions. */
	previousMask?: Iterable<string>;
	manual?: Iterable<string>;
	statusKnowledge?: boolean;
	/** Bounds reported for 'primary' cells only (default) or 'all' hidden cells. */
	boundsFor?: AuditOptions['boundsFor'];
	maxIterations?: number;
	timeLimitMs?: number;
}

export interface ProtectedCell {
	key: string;
	value: number;
	status: CellStatus;
	reason: PrimaryReason | null;
	tables: string[];
}

export interface Protected {
	ok: boolean;
	cells: ProtectedCell[];
	/** Status of every cell by key. */
	statuses: Map<string, CellStatus>;
	audit: AuditReport;
	stats: {
		primary: number;
		secondary: number;
		iterations: number;
		gaussMs: number;
		auditMs: number;
		ms: number;
	};
}

/** Candidates most wanted published first: outside the previous mask, large, aggregated. */
export function candidateOrder(model: Model, previous: Set<number>): number[] {
	const idx = model.keys.map((_, i) => i);
	return idx.sort(
		(a, b) =>
			Number(previous.has(a)) - Number(previous.has(b)) ||
			model.values[b] - model.values[a] ||
			model.depth[b] - model.depth[a] ||
			(model.keys[a] < model.keys[b] ? -1 : 1)
	);
}

/** Smallest published non-zero cell sharing a relation with c (searching outwards if needed). */
function neighbour(
	model: Model,
	c: number,
	hidden: Uint8Array,
	previous: Set<number>
): number | null {
	const seen = new Set<number>([c]);
	let frontier = [c];
	while (frontier.length > 0) {
		const found: number[] = [];
		const next: number[] = [];
		for (const f of frontier) {
			for (const rid of model.cellRelations[f]) {
				const r = model.relations[rid];
				for (const x of [r.total, ...r.parts]) {
					if (seen.has(x)) continue;
					seen.add(x);
					if (hidden[x]) next.push(x);
					else if (model.values[x] > 0) found.push(x);
				}
			}
		}
		if (found.length > 0) {
			found.sort(
				(a, b) =>
					Number(previous.has(b)) - Number(previous.has(a)) ||
					model.values[a] - model.values[b] ||
					model.depth[a] - model.depth[b] ||
					(model.keys[a] < model.keys[b] ? -1 : 1)
			);
			return found[0];
		}
		frontier = next;
	}
	return null;
}

export async function protect(model: Model, opts: ProtectOptions = {}): Promise<Protected> {
	const t0 = performance.now();
	const k = checkK(opts.k);
	const n = model.keys.length;
	const reasons = primarySuppression(model, { k, manual: opts.manual });
	const previous = new Set<number>();
	for (const key of opts.previousMask ?? []) {
		const i = model.index.get(key);
		if (i !== undefined) previous.add(i);
	}
	const order = candidateOrder(model, previous);
	const protectSet = new Uint8Array(n);
	const forced = new Uint8Array(n);
	for (let c = 0; c < n; c++) {
		if (reasons[c] !== null) protectSet[c] = 1;
		else if (model.values[c] === 0) forced[c] = 1;
	}
	const cache: AuditCache = new Map();
	const auditOpts: AuditOptions = {
		k,
		protectionWidth: opts.protectionWidth,
		statusKnowledge: opts.statusKnowledge,
		boundsFor: opts.boundsFor ?? 'primary',
		manual: opts.manual,
		cache
	};
	const maxIter = opts.maxIterations ?? 50;
	let gaussMs = 0;
	let auditMs = 0;
	let iterations = 0;
	let codes = new Uint8Array(n);
	let report: AuditReport;
	for (;;) {
		iterations++;
		const g = gaussSuppression(model, { protect: protectSet, forcedPublish: forced, order });
		gaussMs += g.stats.ms;
		codes = new Uint8Array(n);
		for (let c = 0; c < n; c++) if (g.hidden[c]) codes[c] = reasons[c] !== null ? 1 : 2;
		const left =
			opts.timeLimitMs === undefined ? undefined : opts.timeLimitMs - (performance.now() - t0);
		report = await auditCodes(model, codes, { ...auditOpts, timeLimitMs: left });
		auditMs += report.stats.ms;
		const weak = report.failures.filter((f) => f.kind === 'exact' || f.kind === 'interval');
		if (weak.length === 0 || report.failures.length > weak.length || iterations >= maxIter) break;
		let added = 0;
		for (const f of weak) {
			const c = model.index.get(f.key) as number;
			const nb = neighbour(model, c, g.hidden, previous);
			if (nb !== null && !protectSet[nb]) {
				protectSet[nb] = 1;
				added++;
			}
		}
		if (added === 0) break;
	}

	const statuses = new Map<string, CellStatus>();
	const cells: ProtectedCell[] = [];
	let primary = 0;
	let secondary = 0;
	const names: CellStatus[] = ['published', 'hidden-primary', 'hidden-secondary'];
	for (let c = 0; c < n; c++) {
		const status = names[codes[c]];
		if (codes[c] === 1) primary++;
		if (codes[c] === 2) secondary++;
		statuses.set(model.keys[c], status);
		cells.push({
			key: model.keys[c],
			value: model.values[c],
			status,
			reason: reasons[c],
			tables: model.tables[c]
		});
	}
	return {
		ok: report.ok,
		cells,
		statuses,
		audit: report,
		stats: { primary, secondary, iterations, gaussMs, auditMs, ms: performance.now() - t0 }
	};
}
