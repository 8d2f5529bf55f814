// Linked count tables as one model: every distinct cell once, plus the additive relations
// (total = sum of parts) of every table. Suppression and the attacker audit both work on it,
// so a cell shared by several tables (a commune's total, the département total) is one unknown.

export interface HierarchyLevel {
	/** Name of the level, used in cell keys (e.g. 'epci'). */
	name: string;
	/** Group code of each value of the level below (leaf values for the first level). */
	parentOf: Record<string, string> | Map<string, string>;
}

export interface DimSpec {
	name: string;
	values: readonly string[];
	/** Intermediate levels from the leaves upwards; the grand total is always added on top. */
	hierarchy?: HierarchyLevel[];
	/** Apply the group-disclosure rule to relations along this dimension (default true). */
	groupDisclosure?: boolean;
}

export type CountRecord = Record<string, string | number>;

export interface CrossTableSpec {
	name: string;
	/** Counted population; cells of tables with the same measure and coordinates are shared. */
	measure?: string;
	dims: DimSpec[];
	/** Leaf counts: map keyed by leaf values joined with '|' in `dims` order, or records. */
	counts: Map<string, number> | CountRecord[];
	/** Field holding the count in record input (default 'count'). */
	countField?: string;
}

export interface TableCell {
	key: string;
	value: number;
	/** Level name → code, totals omitted. */
	coords: Record<string, string>;
	/** Number of dimensions not at leaf level (0 = leaf cell of this table). */
	depth: number;
}

export interface TableRelation {
	total: string;
	parts: string[];
	/** Whether the group-disclosure rule applies to this relation. */
	group?: boolean;
	/** Level name of the parts (the coordinate they differ by), when known. */
	level?: string;
}

export interface TableSpec {
	name: string;
	cells: TableCell[];
	relations: TableRelation[];
}

export interface Relation {
	total: number;
	parts: number[];
	group: boolean;
	level: string | null;
}

export interface Model {
	keys: string[];
	values: number[];
	/** Names of the tables each cell belongs to. */
	tables: string[][];
	/** Smallest aggregation depth of the cell over its tables. */
	depth: number[];
	coords: Record<string, string>[];
	index: Map<string, number>;
	relations: Relation[];
	/** Relation indices touching each cell. */
	cellRelations: number[][];
}

interface DimNode {
	level: string | null;
	code: string | null;
	children: DimNode[];
	isLeaf: boolean;
}

const TOTAL = '*';

/** Canonical key: measure then `level=code` parts sorted, totals omitted. */
export function cellKey(measure: string, coords: Record<string, string>): string {
	const parts = Object.entries(coords)
		.filter(([, code]) => code !== TOTAL)
		.map(([level, code]) => `${level}=${code}`)
		.sort();
	return parts.length === 0 ? measure : `${measure}|${parts.join('|')}`;
}

function getParent(level: HierarchyLevel, value: string): string {
	const p = level.parentOf instanceof Map ? level.parentOf.get(value) : level.parentOf[value];
	if (p === undefined) throw new Error(`Valeur « ${value} » sans parent au niveau ${level.name}`);
	return p;
}

/** Nodes of one dimension (leaves, hierarchy groups, total) and each leaf's ancestor chain. */
function dimNodes(dim: DimSpec): { nodes: DimNode[]; chains: Map<string, DimNode[]> } {
	if (new Set(dim.values).size !== dim.values.length) {
		throw new Error(`Valeurs en double dans la dimension ${dim.name}`);
	}
	const leaves: DimNode[] = dim.values.map((v) => ({
		level: dim.name,
		code: v,
		children: [],
		isLeaf: true
	}));
	const nodes: DimNode[] = [...leaves];
	const chains = new Map<string, DimNode[]>(leaves.map((n) => [n.code as string, [n]]));
	let current = leaves;
	for (const level of dim.hierarchy ?? []) {
		const groups = new Map<string, DimNode>();
		for (const child of current) {
			const code = getParent(level, child.code as string);
			let g = groups.get(code);
			if (!g) {
				g = { level: level.name, code, children: [], isLeaf: false };
				groups.set(code, g);
				nodes.push(g);
			}
			g.children.push(child);
		}
		const up = new Map<DimNode, DimNode>();
		for (const g of groups.values()) for (const c of g.children) up.set(c, g);
		for (const chain of chains.values()) chain.push(up.get(chain[chain.length - 1]) as DimNode);
		current = [...groups.values()];
	}
	const total: DimNode = { level: null, code: null, children: current, isLeaf: false };
	nodes.push(total);
	for (const chain of chains.values()) chain.push(total);
	return { nodes, chains };
}

type Dim = ReturnType<typeof dimNodes>;

/** The table's leaf counts: coordinates (one value per dimension) and count. */
function leafCounts(spec: CrossTableSpec): Array<[string[], number]> {
	const field = spec.countField ?? 'count';
	const out: Array<[string[], number]> = [];
	if (spec.counts instanceof Map) {
		for (const [k, n] of spec.counts) out.push([k.split('|'), n]);
	} else {
		for (const rec of spec.counts) {
			out.push([spec.dims.map((d) => String(rec[d.name])), Number(rec[field] ?? 0)]);
		}
	}
	return out;
}

/** The flat layout of a table over `dims` (row-major: the last dimension varies fastest). */
interface Grid {
	dims: Dim[];
	nodeId: Array<Map<DimNode, number>>;
	strides: number[];
	total: number;
}

function grid(spec: CrossTableSpec, dims: Dim[]): Grid {
	const nodeId = dims.map(({ nodes }) => new Map(nodes.map((n, i) => [n, i])));
	const sizes = dims.map(({ nodes }) => nodes.length);
	const strides: number[] = [];
	let total = 1;
	for (let d = sizes.length - 1; d >= 0; d--) {
		strides[d] = total;
		total *= sizes[d];
	}
	if (total > 5_000_000) throw new Error(`Table ${spec.name} trop grande (${total} cellules)`);
	return { dims, nodeId, strides, total };
}

/** Every cell's value, each leaf count added to all the margins above it. */
function cellValues(spec: CrossTableSpec, g: Grid): Float64Array {
	const { dims, nodeId, strides } = g;
	const values = new Float64Array(g.total);
	for (const [coords, n] of leafCounts(spec)) {
		if (coords.length !== dims.length) throw new Error(`Coordonnées invalides dans ${spec.name}`);
		if (!Number.isInteger(n) || n < 0) throw new Error(`Effectif invalide dans ${spec.name}: ${n}`);
		const chains = coords.map((v, d) => {
			const c = dims[d].chains.get(v);
			if (!c) throw new Error(`Valeur inconnue « ${v} » pour ${spec.dims[d].name}`);
			return c;
		});
		let offsets = [0];
		for (let d = 0; d < chains.length; d++) {
			const next: number[] = [];
			for (const o of offsets) {
				for (const node of chains[d]) next.push(o + (nodeId[d].get(node) as number) * strides[d]);
			}
			offsets = next;
		}
		for (const o of offsets) values[o] += n;
	}
	return values;
}

/** Node index in each dimension of flat cell `flat`, written into `idx`. */
function unflatten(g: Grid, flat: number, idx: number[]) {
	let rem = flat;
	for (let d = 0; d < g.dims.length; d++) {
		idx[d] = Math.floor(rem / g.strides[d]);
		rem -= idx[d] * g.strides[d];
	}
}

function tableCells(measure: string, g: Grid, values: Float64Array): TableCell[] {
	const { dims } = g;
	const cells: TableCell[] = [];
	const idx = new Array(dims.length).fill(0);
	for (let flat = 0; flat < g.total; flat++) {
		unflatten(g, flat, idx);
		const coords: Record<string, string> = {};
		idx.forEach((i, d) => {
			const node = dims[d].nodes[i];
			if (node.level !== null) coords[node.level] = node.code as string;
		});
		const key = cellKey(measure, coords);
		const depth = idx.filter((i, d) => !dims[d].nodes[i].isLeaf).length;
		cells.push({ key, value: values[flat], coords, depth });
	}
	return cells;
}

/** One relation per margin and dimension: the margin is the sum of its children. */
function tableRelations(spec: CrossTableSpec, g: Grid, keys: string[]): TableRelation[] {
	const { dims, nodeId, strides } = g;
	const relations: TableRelation[] = [];
	const idx = new Array(dims.length).fill(0);
	for (let flat = 0; flat < g.total; flat++) {
		unflatten(g, flat, idx);
		for (let d = 0; d < dims.length; d++) {
			const node = dims[d].nodes[idx[d]];
			if (node.isLeaf) continue;
			const base = flat - idx[d] * strides[d];
			relations.push({
				total: keys[flat],
				parts: node.children.map((c) => keys[base + (nodeId[d].get(c) as number) * strides[d]]),
				group: spec.dims[d].groupDisclosure ?? true,
				level: node.children[0]?.level ?? undefined
			});
		}
	}
	return relations;
}

/** Builds a table with every margin (hierarchy levels and grand totals) from its leaf counts. */
export function crossTable(spec: CrossTableSpec): TableSpec {
	const measure = spec.measure ?? spec.name;
	const g = grid(spec, spec.dims.map(dimNodes));
	const values = cellValues(spec, g);
	const cells = tableCells(measure, g, values);
	const relations = tableRelations(
		spec,
		g,
		cells.map((c) => c.key)
	);
	return { name: spec.name, cells, relations };
}

/** Merges linked tables into one model; a key present in several tables is one cell. */
export function buildModel(tables: TableSpec[]): Model {
	const model: Model = {
		keys: [],
		values: [],
		tables: [],
		depth: [],
		coords: [],
		index: new Map(),
		relations: [],
		cellRelations: []
	};
	const names = new Set<string>();
	for (const t of tables) {
		if (names.has(t.name)) throw new Error(`Table en double : ${t.name}`);
		names.add(t.name);
		for (const c of t.cells) {
			const i = model.index.get(c.key);
			if (i === undefined) {
				model.index.set(c.key, model.keys.length);
				model.keys.push(c.key);
				model.values.push(c.value);
				model.tables.push([t.name]);
				model.depth.push(c.depth);
				model.coords.push(c.coords);
				model.cellRelations.push([]);
			} else {
				if (model.values[i] !== c.value) {
					throw new Error(
						`Cellule ${c.key} incohérente entre tables : ${model.values[i]} ≠ ${c.value} (${t.name})`
					);
				}
				model.tables[i].push(t.name);
				model.depth[i] = Math.min(model.depth[i], c.depth);
			}
		}
	}
	const seen = new Map<string, number>();
	for (const t of tables) {
		for (const r of t.relations) {
			const total = model.index.get(r.total);
			const parts = r.parts.map((p) => model.index.get(p));
			if (total === undefined || parts.some((p) => p === undefined)) {
				throw new Error(`Relation de ${t.name} sur une cellule inconnue (${r.total})`);
			}
			const ps = (parts as number[]).slice().sort((a, b) => a - b);
			const sum = ps.reduce((s, p) => s + model.values[p], 0);
			if (sum !== model.values[total]) {
				throw new Error(`Relation non additive dans ${t.name} : ${r.total}`);
			}
			const sig = `${total}:${ps.join(',')}`;
			const prev = seen.get(sig);
			if (prev !== undefined) {
				if (r.group !== false) model.relations[prev].group = true;
				continue;
			}
			seen.set(sig, model.relations.length);
			for (const c of [total, ...ps]) model.cellRelations[c].push(model.relations.length);
			model.relations.push({ total, parts: ps, group: r.group !== false, level: r.level ?? null });
		}
	}
	return model;
}

/** Tables defined through `crossTable` specs, merged into one model. */
export function defineTables(specs: CrossTableSpec[]): Model {
	return buildModel(specs.map(crossTable));
}
