// Counts of a group's rows, from which every cell of the table set is summed: the total, each
// variable's categories and the age × sex pairs, read back for any regrouped set of codes.
// Pure: no database.
import { INCIDENT_VARS, SITUATION_VARS, type Measure, type Row } from './plan';
import { parseSpec } from './cells';

const VARS: Record<Measure, string[]> = {
	situations: SITUATION_VARS.map((v) => v.name),
	incidents: INCIDENT_VARS.map((v) => v.name)
};
const AGE = 'tranche_age';
const SEX = 'sexe';

/** Counts of a set of rows by base spec: '', 'v=c' for each variable, 'tranche_age=a|sexe=s'. */
export function baseCounts(rows: Row[], measure: Measure): Map<string, number> {
	const out = new Map<string, number>();
	const bump = (k: string) => out.set(k, (out.get(k) ?? 0) + 1);
	for (const r of rows) {
		bump('');
		for (const v of VARS[measure]) bump(`${v}=${r[v]}`);
		if (measure === 'situations') bump(`${AGE}=${r[AGE]}|${SEX}=${r[SEX]}`);
	}
	return out;
}

/** Value of a spec (original codes or sets of them) from base counts. */
export function specValue(counts: Map<string, number>, spec: string): number {
	const parts = parseSpec(spec);
	if (parts.length === 0) return counts.get('') ?? 0;
	if (parts.length === 1) {
		const [v, set] = parts[0];
		return set.reduce((s, c) => s + (counts.get(`${v}=${c}`) ?? 0), 0);
	}
	const [[v1, s1], [v2, s2]] = parts;
	let n = 0;
	for (const a of s1) for (const b of s2) n += counts.get(`${v1}=${a}|${v2}=${b}`) ?? 0;
	return n;
}
