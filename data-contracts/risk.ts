// Re-identification risk of uploaded microdata (sdcMicro freqCalc semantics): fk is the size of
// each record's key class on the quasi-identifiers, a missing value matching any value (a reader
// who does not know a row's quartier cannot tell it apart from rows sharing the other keys).

/** Threshold used when the caller gives none (the deployment's setting is passed by the server). */
export const DEFAULT_K = 5;

export const RISK_KEYS = ['tranche_age', 'sexe', 'quartier', 'problematique'] as const;

const compatible = (a: (string | null)[], b: (string | null)[]) =>
	a.every((v, i) => v === null || b[i] === null || v === b[i]);

/** Class size of each distinct pattern given its count; wildcards only compared where needed. */
function patternSizes(keys: (string | null)[][], counts: number[]): number[] {
	const na: number[] = [];
	keys.forEach((k, i) => {
		if (k.includes(null)) na.push(i);
	});
	return keys.map((k, i) => {
		let n = counts[i];
		if (k.includes(null)) {
			for (let j = 0; j < keys.length; j++) if (j !== i && compatible(k, keys[j])) n += counts[j];
		} else for (const j of na) if (compatible(k, keys[j])) n += counts[j];
		return n;
	});
}

/** fk per record; `null`, `undefined` or '' is a wildcard. */
export function keyClassSizes(
	records: readonly (readonly (string | null | undefined)[])[]
): number[] {
	const index = new Map<string, number>();
	const keys: (string | null)[][] = [];
	const counts: number[] = [];
	const ids = records.map((r) => {
		const key = r.map((v) => (v === undefined || v === null || v === '' ? null : v));
		const id = JSON.stringify(key);
		let p = index.get(id);
		if (p === undefined) {
			p = keys.length;
			index.set(id, p);
			keys.push(key);
			counts.push(0);
		}
		counts[p]++;
		return p;
	});
	const sizes = patternSizes(keys, counts);
	return ids.map((p) => sizes[p]);
}

/** A key value few rows hold: what a reader who knows a person could recognise. */
export interface RareValue {
	key: string;
	value: string;
	count: number;
}

/**
 * A value is rare when fewer than k rows hold it and it is an exception in the file: at most one
 * row in RARE_SHARE_INVERSE. In a small file every category is small (40 rows over 14
 * problématiques), and a warning on every row says nothing; a characteristic that almost no other
 * situation shares is what singles one out.
 */
export const RARE_SHARE_INVERSE = 40;
export const isRareCount = (count: number, records: number, k: number) =>
	count > 0 && count < k && count * RARE_SHARE_INVERSE <= records;

export interface RiskSummary {
	k: number;
	keys: readonly string[];
	records: number;
	/** values held by few rows (see isRareCount), most rare first */
	rare: RareValue[];
	/** rows (file lines) holding at least one rare value */
	rareRows: number;
	/** rows (file lines) in a class of size 1 */
	unique: number;
	/** rows in a class smaller than k */
	belowK: number;
	/** smallest class size (highest prosecutor risk = 1 / smallest) */
	smallestClass: number;
	/** file lines of the rows holding a rare value, at most `maxRows` */
	rows: number[];
}

const SEP = '\u0001';
/** Bits per key value in a numeric pattern key: 4 keys x 7 bits stay a small integer. */
const CODE_BITS = 7;
const CODE_LIMIT = 1 << CODE_BITS;

/**
 * Incremental accumulator so the validator never keeps rows in memory. Each key value is interned
 * as a small integer per key, and a row's pattern is looked up by the number combining them.
 */
export class RiskAccumulator {
	/** per distinct pattern, its values ('' = wildcard) */
	private patterns: string[][] = [];
	private lines = new Int32Array(1024);
	private rowPattern = new Int32Array(1024);
	private count = 0;
	/** per key position, value -> small integer */
	private codes: Map<string, number>[] = [];
	private byNumber = new Map<number, number>();
	/** patterns whose key does not fit a number (too many values, or one holding the separator) */
	private byString = new Map<string, number>();
	constructor(
		readonly k = DEFAULT_K,
		readonly maxRows = 1000
	) {}
	add(values: (string | undefined)[], line: number) {
		let key = 0;
		let wide = values.length !== RISK_KEYS.length;
		for (let i = 0; i < values.length && !wide; i++) {
			const v = values[i] ?? '';
			let m = this.codes[i];
			if (m === undefined) this.codes[i] = m = new Map();
			let c = m.get(v);
			if (c === undefined) {
				if (v.includes(SEP)) c = CODE_LIMIT;
				else m.set(v, (c = m.size));
			}
			if (c >= CODE_LIMIT) wide = true;
			else key = key * CODE_LIMIT + c;
		}
		let p: number | undefined;
		if (!wide) {
			p = this.byNumber.get(key);
			if (p === undefined) {
				p = this.patterns.length;
				this.patterns.push(values.map((v) => v ?? ''));
				this.byNumber.set(key, p);
			}
		} else {
			let id = values[0] ?? '';
			for (let i = 1; i < values.length; i++) id += SEP + (values[i] ?? '');
			p = this.byString.get(id);
			if (p === undefined) {
				p = this.patterns.length;
				this.patterns.push(id.split(SEP));
				this.byString.set(id, p);
			}
		}
		if (this.count === this.rowPattern.length) {
			const grow = (a: Int32Array) => {
				const b = new Int32Array(a.length * 2);
				b.set(a);
				return b;
			};
			this.rowPattern = grow(this.rowPattern);
			this.lines = grow(this.lines);
		}
		this.rowPattern[this.count] = p;
		this.lines[this.count] = line;
		this.count++;
	}
	summary(): RiskSummary {
		const patterns = this.patterns.map((values) => values.map((v) => (v === '' ? null : v)));
		const counts = new Array<number>(patterns.length).fill(0);
		for (let r = 0; r < this.count; r++) counts[this.rowPattern[r]]++;
		const fk = patternSizes(patterns, counts);
		// rows per value of each key (a wildcard holds no value)
		const width = RISK_KEYS.length;
		const byValue: Map<string, number>[] = RISK_KEYS.map(() => new Map());
		patterns.forEach((values, p) => {
			for (let i = 0; i < width; i++) {
				const v = values[i];
				if (v !== null && v !== undefined) byValue[i].set(v, (byValue[i].get(v) ?? 0) + counts[p]);
			}
		});
		const rare: RareValue[] = [];
		byValue.forEach((m, i) => {
			for (const [value, count] of m)
				if (isRareCount(count, this.count, this.k)) rare.push({ key: RISK_KEYS[i], value, count });
		});
		rare.sort((a, b) => a.count - b.count);
		const rarePattern = patterns.map((values) =>
			values.some((v, i) => v !== null && isRareCount(byValue[i].get(v) ?? 0, this.count, this.k))
		);
		let unique = 0;
		let belowK = 0;
		let rareRows = 0;
		let smallest = Infinity;
		const rows: number[] = [];
		for (let r = 0; r < this.count; r++) {
			const f = fk[this.rowPattern[r]];
			if (f === 1) unique++;
			if (f < this.k) belowK++;
			if (rarePattern[this.rowPattern[r]]) {
				rareRows++;
				if (rows.length < this.maxRows) rows.push(this.lines[r]);
			}
			if (f < smallest) smallest = f;
		}
		return {
			k: this.k,
			keys: RISK_KEYS,
			records: this.count,
			rare,
			rareRows,
			unique,
			belowK,
			smallestClass: Number.isFinite(smallest) ? smallest : 0,
			rows
		};
	}
}
