// Period codes and their arithmetic, in one place: parsing and labels, chronological order, the
// period before, a year's stored periods, semester steps, ends and ranges. IO-free, shared by the
// worker, the server, the pages and the command line like the rest of the contracts.

/** Period codes: `2025` (year), `2025-S1`/`2025-S2` (semester), `2025-T1`..`2025-T4` (quarter). */
export const PERIOD_PATTERN = /^(\d{4})(?:-(S[12]|T[1-4]))?$/;

export interface Period {
	code: string;
	year: number;
	/** first month (1-12) and last month (1-12) covered */
	from: number;
	to: number;
}

export function parsePeriod(code: string): Period | null {
	const m = PERIOD_PATTERN.exec(code.trim());
	if (!m) return null;
	const year = Number(m[1]);
	if (year < 2000 || year > 2100) return null;
	const part = m[2];
	if (!part) return { code, year, from: 1, to: 12 };
	const n = Number(part[1]);
	if (part[0] === 'S') return { code, year, from: n === 1 ? 1 : 7, to: n === 1 ? 6 : 12 };
	return { code, year, from: (n - 1) * 3 + 1, to: n * 3 };
}

export function periodLabel(code: string): string {
	const p = parsePeriod(code);
	if (!p) return code;
	const part = code.split('-')[1];
	if (!part) return `Année ${p.year}`;
	if (part[0] === 'S') return `${part[1] === '1' ? '1er' : '2e'} semestre ${p.year}`;
	return `${part[1] === '1' ? '1er' : part[1] + 'e'} trimestre ${p.year}`;
}

/** Compares period codes chronologically (by end, then by start). */
export function comparePeriods(a: string, b: string): number {
	const pa = parsePeriod(a);
	const pb = parsePeriod(b);
	if (!pa || !pb) return a.localeCompare(b);
	return pa.year - pb.year || pa.to - pb.to || pa.from - pb.from;
}

/** First day after the period (UTC). */
export function dayAfterPeriod(code: string): Date {
	const p = parsePeriod(code);
	if (!p) throw new Error(`période invalide : ${code}`);
	return p.to === 12 ? new Date(Date.UTC(p.year + 1, 0, 1)) : new Date(Date.UTC(p.year, p.to, 1));
}

/** Last day of a period (YYYY-MM-DD), or '' for an unknown code. */
export function periodLastDay(code: string): string {
	const p = parsePeriod(code);
	if (!p) return '';
	const last = new Date(Date.UTC(p.year, p.to, 0)).getUTCDate();
	return `${p.year}-${String(p.to).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** The period just before (same granularity), for the change figures. */
export function previousPeriod(code: string): string | null {
	const p = parsePeriod(code);
	if (!p) return null;
	const part = code.split('-')[1];
	if (!part) return String(p.year - 1);
	const n = Number(part[1]);
	if (part[0] === 'S') return n === 1 ? `${p.year - 1}-S2` : `${p.year}-S1`;
	return n === 1 ? `${p.year - 1}-T4` : `${p.year}-T${n - 1}`;
}

/** The semester containing `now`. */
export function currentSemester(now: Date): string {
	return `${now.getUTCFullYear()}-S${now.getUTCMonth() < 6 ? 1 : 2}`;
}

export function nextSemester(code: string): string {
	const [y, s] = code.split('-');
	return s === 'S1' ? `${y}-S2` : `${Number(y) + 1}-S1`;
}

/** Semesters offered for a new campaign on `today` (YYYY-MM-DD): the previous, the current, the next two. */
export function suggestedSemesters(today: string): string[] {
	const y = Number(today.slice(0, 4));
	const s = Number(today.slice(5, 7)) <= 6 ? 1 : 2;
	const out: string[] = [];
	for (let i = -1; i < 3; i++) {
		const n = s - 1 + i;
		out.push(`${y + Math.floor(n / 2)}-S${(((n % 2) + 2) % 2) + 1}`);
	}
	return out.filter((p) => parsePeriod(p));
}

/** Periods of a year as stored: the year itself (annual files), its semesters and quarters. */
export function yearPeriods(year: string): string[] {
	return [year, ...['S1', 'S2', 'T1', 'T2', 'T3', 'T4'].map((p) => `${year}-${p}`)];
}

/**
 * Submission periods a release covers: the period itself, and for a year (`2025`) also its
 * semesters and quarters, so an annual release aggregates the year's semester files.
 */
export function periodsOf(period: string): string[] {
	return /^\d{4}$/.test(period) ? yearPeriods(period) : [period];
}

/** The last `n` periods up to `period`, of the same granularity, among those with data. */
export function trendPeriods(all: string[], period: string, n = 6): string[] {
	const same = all.filter((p) => p.length === period.length && p <= period);
	return same.slice(-n);
}

/** Every period between `from` and `to` (inclusive) among the given periods. */
export function periodRange(periods: readonly string[], from: string, to: string): string[] {
	const sorted = [...periods].sort();
	const a = sorted.includes(from) ? from : sorted[0];
	const b = sorted.includes(to) ? to : sorted[sorted.length - 1];
	const [lo, hi] = a <= b ? [a, b] : [b, a];
	return sorted.filter((p) => p >= lo && p <= hi);
}
