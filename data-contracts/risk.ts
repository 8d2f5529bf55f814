// Re-identification risk of uploaded microdata (sdcMicro freqCalc semantics): fk is the size of
// each record's key class on the quasi-identifiers, a missing value matching any value (a reader
// who does not know a row's quartier cannot tell it apart from rows sharing the other keys).

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

export interface RiskSummary {
	k: number;
	keys: readonly string[];
	records: number;
	/** rows (file lines) in a class of size 1 */
	unique: number;
	/** rows in a class smaller than k */
	belowK: number;
	/** smallest class size (highest prosecutor risk = 1 / smallest) */
	smallestClass: number;
	/** file lines of rows below k, at most `maxRows` */
	rows: number[];
}

/** Incremental accumulator so the validator never keeps rows in memory. */
export class RiskAccumulator {
	private keys: string[] = [];
	private lines: number[] = [];
	private idx = new Map<string, number>();
	private rowPattern: number[] = [];
	constructor(
		readonly k = 5,
		readonly maxRows = 1000
	) {}
	add(values: (string | undefined)[], line: number) {
		let id = values[0] ?? '';
		for (let i = 1; i < values.length; i++) id += '\u0001' + (values[i] ?? '');
		let p = this.idx.get(id);
		if (p === undefined) {
			p = this.keys.length;
			this.keys.push(id);
			this.idx.set(id, p);
		}
		this.rowPattern.push(p);
		this.lines.push(line);
	}
	summary(): RiskSummary {
		const patterns = this.keys.map((id) => id.split('\u0001').map((v) => (v === '' ? null : v)));
		const counts = new Array<number>(this.keys.length).fill(0);
		for (const p of this.rowPattern) counts[p]++;
		const fk = patternSizes(patterns, counts);
		let unique = 0;
		let belowK = 0;
		let smallest = Infinity;
		const rows: number[] = [];
		for (let r = 0; r < this.rowPattern.length; r++) {
			const f = fk[this.rowPattern[r]];
			if (f === 1) unique++;
			if (f < this.k) {
				belowK++;
				if (rows.length < this.maxRows) rows.push(this.lines[r]);
			}
			if (f < smallest) smallest = f;
		}
		return {
			k: this.k,
			keys: RISK_KEYS,
			records: this.rowPattern.length,
			unique,
			belowK,
			smallestClass: Number.isFinite(smallest) ? smallest : 0,
			rows
		};
	}
}
