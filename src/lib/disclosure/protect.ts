// The release mask: primary suppression, Gaussian secondary suppression over all linked tables,
// then interval protection checked by the LP audit. When the audit finds a hidden cell too
// narrowly bounded, its smallest published neighbour is hidden too (and kept non-recomputable),
// one in each of its relations if it still fails after that, and the loop runs again until the
// audit passes (or the same cells keep failing: see `stallAfter`).
import {
	auditCodes,
	LATENT,
	WitnessStore,
	type AuditFailure,
	type AuditOptions,
	type AuditReport
} from './audit';
import { gaussSuppression } from './gauss';
import type { Model } from './model';
import { checkK, primarySuppression, type ProtectionStatus, type PrimaryReason } from './primary';

/** The publish-back pass audits a candidate only when the hidden cells it is linked to number at
 * most this many (a count, not a time: the result stays a function of the data); larger
 * components cost a large LP per candidate for little gain (measured on the 10× bench). */
const PUBLISH_BACK_MAX_HIDDEN = 60;

/** Room (value − k) wanted from a secondary suppression when statuses are known. */
const ROOM = 2;

export interface ProtectOptions {
	k?: number;
	protectionWidth?: number;
	/**
	 * Keys published whatever happens unless primary (like zeros): e.g. the margins of linked
	 * tables, so that secondary suppressions stay inside the tables, which then stay separate
	 * blocks for the audit (and the audit cache) instead of one block through hidden margins.
	 */
	publish?: Iterable<string>;
	/** Keys hidden in the previous period's release: preferred as secondary suppressions. */
	previousMask?: Iterable<string>;
	/** Keys of latent cells: inner counts that no release publishes (never published, never in
	 * the result), unknowns ≥ 0 to the intruder; sensitive unless also `insensitive`. */
	latent?: Iterable<string>;
	/** Keys hidden whatever happens (hidden in an earlier publication: they stay hidden). */
	keepHidden?: Iterable<string>;
	/** See `PrimaryOptions.insensitive`. */
	insensitive?: Iterable<string>;
	/** See `AuditOptions.hiddenNonZero`. */
	hiddenNonZero?: boolean;
	manual?: Iterable<string>;
	/** See `PrimaryOptions.groupWhole`. */
	groupWhole?: boolean;
	statusKnowledge?: boolean;
	/** Bounds reported for 'primary' cells only (default) or 'all' hidden cells. */
	boundsFor?: AuditOptions['boundsFor'];
	maxIterations?: number;
	/** Stop repairing once the same cells have failed after this many repairs in a row: their
	 * neighbours give them no room (the caller then changes the tables, e.g. withdraws a unit). */
	stallAfter?: number;
	timeLimitMs?: number;
	/** Witness tables of earlier protections of the same release (e.g. before a regrouping). */
	witnesses?: WitnessStore;
	/**
	 * Once the audit passes, try to publish each secondary cell again (largest first), keeping it
	 * published when the audit still passes: the repair loop adds cells a round at a time and
	 * Gauss picks candidates by a fixed order, so some of them end up protecting nothing that the
	 * others do not already protect (see `publishBack`).
	 */
	publishBack?: boolean;
}

export interface ProtectedCell {
	key: string;
	value: number;
	status: ProtectionStatus;
	reason: PrimaryReason | null;
	tables: string[];
}

export interface Protected {
	ok: boolean;
	cells: ProtectedCell[];
	/** Status of every cell by key. */
	statuses: Map<string, ProtectionStatus>;
	audit: AuditReport;
	stats: {
		primary: number;
		secondary: number;
		iterations: number;
		gaussMs: number;
		auditMs: number;
		/** Secondary cells published again by the publish-back pass. */
		publishedBack: number;
		ms: number;
	};
}

/**
 * Candidates most wanted published first: outside the previous mask, large, aggregated.
 * With `weakBelow` (status knowledge), cells below it come first: an intruder who knows that a
 * hidden-secondary cell is ≥ k learns from a secondary of value v only that it moves down by at
 * most v − k, so a secondary just above k gives its primaries almost no room; Gauss, which
 * suppresses the candidates it reaches last, then picks the smallest cells with real room.
 */
export function candidateOrder(
	model: Model,
	previous: Set<number>,
	weakBelow = 0,
	never?: Uint8Array
): number[] {
	const idx = model.keys.map((_, i) => i).filter((i) => !never?.[i]);
	const weak = (c: number) => Number(model.values[c] < weakBelow);
	return idx.sort(
		(a, b) =>
			Number(previous.has(a)) - Number(previous.has(b)) ||
			weak(b) - weak(a) ||
			model.values[b] - model.values[a] ||
			model.depth[b] - model.depth[a] ||
			(model.keys[a] < model.keys[b] ? -1 : 1)
	);
}

/**
 * Published non-zero cells to hide so that hidden cell c gets room: in each relation of c, the
 * smallest published cell of value ≥ `roomFrom` (else the largest one), searching outwards
 * through hidden cells when none of c's relations has a published non-zero cell. Cells of the
 * previous mask come first. With `perRelation` (status knowledge, or a cell that one neighbour
 * did not protect) every relation of c gets one: the room of a primary has to come from both its
 * row and its column; otherwise a single neighbour is tried first.
 */
function neighbours(
	model: Model,
	c: number,
	hidden: Uint8Array,
	forced: Uint8Array,
	previous: Set<number>,
	roomFrom: number,
	perRelation: boolean
): number[] {
	const better = (a: number, b: number) => {
		const va = model.values[a];
		const vb = model.values[b];
		const ra = va >= roomFrom;
		const rb = vb >= roomFrom;
		return (
			Number(previous.has(b)) - Number(previous.has(a)) ||
			Number(rb) - Number(ra) ||
			(ra ? va - vb : vb - va) ||
			model.depth[a] - model.depth[b] ||
			(model.keys[a] < model.keys[b] ? -1 : 1)
		);
	};
	const seen = new Set<number>([c]);
	let frontier = [c];
	while (frontier.length > 0) {
		const found: number[][] = [];
		const next: number[] = [];
		for (const f of frontier) {
			for (const rid of model.cellRelations[f]) {
				const r = model.relations[rid];
				const here: number[] = [];
				for (const x of [r.total, ...r.parts]) {
					if (x === f) continue;
					if (hidden[x]) {
						if (!seen.has(x)) next.push(x);
					} else if (!forced[x]) here.push(x);
					seen.add(x);
				}
				if (here.length) found.push(here);
			}
		}
		if (found.length > 0) {
			const picks = found.map((list) => list.sort(better)[0]);
			if (perRelation) return [...new Set(picks)];
			return [picks.sort(better)[0]];
		}
		frontier = next;
	}
	return [];
}

/** Per-cell flags and orders fixed before the repair loop. */
interface Setup {
	k: number;
	n: number;
	reasons: (PrimaryReason | null)[];
	latent: Uint8Array;
	/** Cells never published (latent or kept hidden). */
	never: Uint8Array;
	previous: Set<number>;
	knows: boolean;
	roomFrom: number;
	order: number[];
	/** Cells Gauss must protect: the primaries, then the repairs' neighbours. */
	protectSet: Uint8Array;
	/** Cells Gauss must publish: `publish` keys and zeros, unless primary or never published. */
	forced: Uint8Array;
}

/** Indices of the keys of `list` that the model has. */
function indicesOf(model: Model, list: Iterable<string> | undefined): number[] {
	const out: number[] = [];
	for (const key of list ?? []) {
		const i = model.index.get(key);
		if (i !== undefined) out.push(i);
	}
	return out;
}

function setup(model: Model, opts: ProtectOptions): Setup {
	const k = checkK(opts.k);
	const n = model.keys.length;
	const reasons = primarySuppression(model, {
		k,
		manual: opts.manual,
		groupWhole: opts.groupWhole,
		insensitive: opts.insensitive
	});
	const latent = new Uint8Array(n);
	const never = new Uint8Array(n);
	for (const i of indicesOf(model, opts.latent)) never[i] = latent[i] = 1;
	for (const i of indicesOf(model, opts.keepHidden)) never[i] = 1;
	const previous = new Set<number>(indicesOf(model, opts.previousMask));
	const knows = opts.statusKnowledge ?? false;
	// a secondary of value v gives its neighbours k − v units of room once its status is known
	const roomFrom = knows ? k + ROOM : 1;
	const order = candidateOrder(model, previous, knows ? roomFrom : 0, never);
	const protectSet = new Uint8Array(n);
	const forced = new Uint8Array(n);
	for (const i of indicesOf(model, opts.publish)) forced[i] = 1;
	for (let c = 0; c < n; c++) {
		if (reasons[c] !== null) {
			protectSet[c] = 1;
			forced[c] = 0;
		} else if (never[c]) forced[c] = 0;
		else if (model.values[c] === 0) forced[c] = 1;
	}
	return { k, n, reasons, latent, never, previous, knows, roomFrom, order, protectSet, forced };
}

function auditOptionsFor(opts: ProtectOptions, k: number): AuditOptions {
	return {
		k,
		protectionWidth: opts.protectionWidth,
		statusKnowledge: opts.statusKnowledge,
		boundsFor: opts.boundsFor ?? 'primary',
		manual: opts.manual,
		groupWhole: opts.groupWhole,
		insensitive: opts.insensitive,
		hiddenNonZero: opts.hiddenNonZero,
		cache: new Map(),
		witnesses: opts.witnesses ?? new WitnessStore()
	};
}

/** Status codes of Gauss's mask (never-published cells hidden too, in `hidden` as well). */
function maskCodes(s: Setup, hidden: Uint8Array): Uint8Array {
	const codes = new Uint8Array(s.n);
	for (let c = 0; c < s.n; c++) {
		if (s.never[c]) hidden[c] = 1;
		if (s.latent[c]) codes[c] = LATENT;
		else if (hidden[c]) codes[c] = s.reasons[c] !== null ? 1 : 2;
	}
	return codes;
}

/** Adds to `protectSet` the neighbours that give room to the cells failing the audit. */
function addNeighbours(
	model: Model,
	s: Setup,
	weak: AuditFailure[],
	hidden: Uint8Array,
	failedBefore: Set<number>
): { added: number; failedNow: Set<number> } {
	let added = 0;
	const failedNow = new Set<number>();
	for (const f of weak) {
		const c = model.index.get(f.key) as number;
		failedNow.add(c);
		// a cell still failing after one repair gets a neighbour in each of its relations: its
		// room has to come through a cycle of cells, which one neighbour a round builds slowly
		const perRelation = s.knows || failedBefore.has(c);
		for (const nb of neighbours(model, c, hidden, s.forced, s.previous, s.roomFrom, perRelation)) {
			if (s.protectSet[nb]) continue;
			s.protectSet[nb] = 1;
			added++;
		}
	}
	return { added, failedNow };
}

interface Repaired {
	codes: Uint8Array;
	report: AuditReport;
	iterations: number;
	gaussMs: number;
	auditMs: number;
}

/** Gauss then the audit, hiding neighbours of the failing cells, until the audit passes (or
 * fails otherwise, stalls, or runs out of iterations). */
async function repairLoop(
	model: Model,
	s: Setup,
	opts: ProtectOptions,
	auditOpts: AuditOptions,
	t0: number
): Promise<Repaired> {
	const maxIter = opts.maxIterations ?? 50;
	let gaussMs = 0;
	let auditMs = 0;
	let iterations = 0;
	let codes: Uint8Array;
	let report: AuditReport;
	let lastWeak = '';
	let stalled = 0;
	let failedBefore = new Set<number>();
	for (;;) {
		iterations++;
		const g = gaussSuppression(model, {
			protect: s.protectSet,
			forcedPublish: s.forced,
			order: s.order,
			never: s.never
		});
		gaussMs += g.stats.ms;
		codes = maskCodes(s, g.hidden);
		const left =
			opts.timeLimitMs === undefined ? undefined : opts.timeLimitMs - (performance.now() - t0);
		report = await auditCodes(model, codes, { ...auditOpts, timeLimitMs: left });
		auditMs += report.stats.ms;
		const weak = report.failures.filter((f) => f.kind === 'exact' || f.kind === 'interval');
		if (weak.length === 0 || report.failures.length > weak.length || iterations >= maxIter) break;
		const weakKeys = weak
			.map((f) => f.key)
			.sort()
			.join('\n');
		stalled = weakKeys === lastWeak ? stalled + 1 : 0;
		lastWeak = weakKeys;
		if (opts.stallAfter !== undefined && stalled >= opts.stallAfter) break;
		const { added, failedNow } = addNeighbours(model, s, weak, g.hidden, failedBefore);
		failedBefore = failedNow;
		if (added === 0) break;
	}
	return { codes, report, iterations, gaussMs, auditMs };
}

/** What remains of the time limit (at least 1 ms), if any. */
function remaining(opts: ProtectOptions, t0: number): number | undefined {
	return opts.timeLimitMs === undefined
		? undefined
		: Math.max(1, opts.timeLimitMs - (performance.now() - t0));
}

/**
 * Publish-back: each secondary cell, largest first (then by key), published again if the audit
 * of the part of the model it touches still passes; otherwise hidden again. Each step keeps the
 * audit passing, so the result passes it too (checked once more on the whole model). Updates
 * `run` (codes, report, audit time) and returns how many cells were published again.
 */
async function publishBack(
	model: Model,
	s: Setup,
	run: Repaired,
	opts: ProtectOptions,
	auditOpts: AuditOptions,
	t0: number
): Promise<number> {
	let publishedBack = 0;
	const codes = run.codes;
	const before = codes.slice();
	const manual = opts.manual ? [...opts.manual] : undefined;
	const candidates: number[] = [];
	for (let c = 0; c < s.n; c++) if (codes[c] === 2 && !s.never[c]) candidates.push(c);
	candidates.sort(
		(a, b) => model.values[b] - model.values[a] || (model.keys[a] < model.keys[b] ? -1 : 1)
	);
	for (const c of candidates) {
		codes[c] = 0;
		const part = localModel(model, codes, c, PUBLISH_BACK_MAX_HIDDEN);
		if (!part) {
			// too large a hidden component to audit once per candidate: left hidden
			codes[c] = 2;
			continue;
		}
		const { sub, map } = part;
		const subCodes = Uint8Array.from(map, (g) => codes[g]);
		const local = await auditCodes(sub, subCodes, {
			...auditOpts,
			manual: manual?.filter((key) => sub.index.has(key)),
			cache: undefined,
			failFast: true,
			timeLimitMs: remaining(opts, t0)
		});
		run.auditMs += local.stats.ms;
		if (local.ok) publishedBack++;
		else codes[c] = 2;
	}
	if (publishedBack > 0) {
		const whole = await auditCodes(model, codes, {
			...auditOpts,
			timeLimitMs: remaining(opts, t0)
		});
		run.auditMs += whole.stats.ms;
		if (whole.ok) run.report = whole;
		else {
			// cannot happen (each step was audited exactly); never serve an unaudited mask
			run.codes = before;
			publishedBack = 0;
		}
	}
	return publishedBack;
}

/** The published cells (latent ones left out) with their statuses, and their counts. */
function protectedCells(model: Model, s: Setup, codes: Uint8Array) {
	const statuses = new Map<string, ProtectionStatus>();
	const cells: ProtectedCell[] = [];
	let primary = 0;
	let secondary = 0;
	const names: ProtectionStatus[] = ['published', 'hidden-primary', 'hidden-secondary'];
	for (let c = 0; c < s.n; c++) {
		if (s.latent[c]) continue;
		const status = names[codes[c]];
		if (codes[c] === 1) primary++;
		if (codes[c] === 2) secondary++;
		statuses.set(model.keys[c], status);
		cells.push({
			key: model.keys[c],
			value: model.values[c],
			status,
			reason: s.reasons[c],
			tables: model.tables[c]
		});
	}
	return { statuses, cells, primary, secondary };
}

export async function protect(model: Model, opts: ProtectOptions = {}): Promise<Protected> {
	const t0 = performance.now();
	const s = setup(model, opts);
	const auditOpts = auditOptionsFor(opts, s.k);
	const run = await repairLoop(model, s, opts, auditOpts, t0);
	const publishedBack =
		opts.publishBack && run.report.ok ? await publishBack(model, s, run, opts, auditOpts, t0) : 0;
	const { statuses, cells, primary, secondary } = protectedCells(model, s, run.codes);
	return {
		ok: run.report.ok,
		cells,
		statuses,
		audit: run.report,
		stats: {
			primary,
			secondary,
			iterations: run.iterations,
			gaussMs: run.gaussMs,
			auditMs: run.auditMs,
			publishedBack,
			ms: performance.now() - t0
		}
	};
}

/**
 * The hidden cells linked to c through relations (c's hidden component once c is published),
 * and the relations touching them: the only part of the model whose audit publishing c changes.
 * The intruder's bounds of these cells depend on nothing else (other hidden cells share no
 * relation with them; published cells are constants), so auditing this part alone is exact.
 */
export function localModel(
	model: Model,
	codes: Uint8Array,
	c: number,
	maxHidden = Infinity
): { sub: Model; map: number[] } | null {
	const inSet = new Set<number>();
	const rels = new Set<number>();
	const stack = [c];
	const seen = new Set<number>([c]);
	while (stack.length) {
		const x = stack.pop() as number;
		for (const rid of model.cellRelations[x]) {
			if (rels.has(rid)) continue;
			rels.add(rid);
			const r = model.relations[rid];
			for (const y of [r.total, ...r.parts]) {
				inSet.add(y);
				if (codes[y] !== 0 && !seen.has(y)) {
					seen.add(y);
					if (seen.size > maxHidden) return null;
					stack.push(y);
				}
			}
		}
	}
	const map = [...inSet].sort((a, b) => a - b);
	const local = new Map(map.map((g, i) => [g, i]));
	const sub: Model = {
		keys: map.map((g) => model.keys[g]),
		values: map.map((g) => model.values[g]),
		tables: map.map((g) => model.tables[g]),
		depth: map.map((g) => model.depth[g]),
		coords: map.map((g) => model.coords[g]),
		index: new Map(map.map((g, i) => [model.keys[g], i])),
		relations: [],
		cellRelations: map.map(() => [])
	};
	for (const rid of [...rels].sort((a, b) => a - b)) {
		const r = model.relations[rid];
		const rel = {
			total: local.get(r.total) as number,
			parts: r.parts.map((p) => local.get(p) as number),
			group: r.group,
			level: r.level
		};
		for (const x of [rel.total, ...rel.parts]) sub.cellRelations[x].push(sub.relations.length);
		sub.relations.push(rel);
	}
	return { sub, map };
}
