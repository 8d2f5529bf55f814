// Small string helpers shared by header matching and code suggestions.

export const normalizeName = (h: string) =>
	h
		.replace(/^\uFEFF/, '')
		.trim()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[\s-]+/g, '_');

export function levenshtein(a: string, b: string): number {
	if (a === b) return 0;
	const m = a.length;
	const n = b.length;
	if (!m) return n;
	if (!n) return m;
	let prev = Array.from({ length: n + 1 }, (_, j) => j);
	for (let i = 1; i <= m; i++) {
		const cur = [i];
		for (let j = 1; j <= n; j++)
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = cur;
	}
	return prev[n];
}

/** Closest candidate within a distance proportional to its length, or null. */
export function closest(value: string, candidates: readonly string[]): string | null {
	const v = normalizeName(value);
	if (v.length > 60) return null;
	let best: string | null = null;
	let bestD = Infinity;
	for (const c of candidates) {
		const d = levenshtein(v, normalizeName(c));
		if (d < bestD) {
			bestD = d;
			best = c;
		}
	}
	if (best === null) return null;
	const limit = Math.max(1, Math.min(3, Math.floor(best.length / 3)));
	if (bestD <= limit) return best;
	// prefix/containment: "decrochage" -> "decrochage_scolaire"
	const cand = candidates.find((c) => v.length >= 4 && normalizeName(c).startsWith(v));
	return cand ?? null;
}

/** A, B, … Z, AA, AB … as a spreadsheet names its columns (0-based index). */
export function columnLetter(index: number): string {
	let n = index + 1;
	let s = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		s = String.fromCharCode(65 + r) + s;
		n = Math.floor((n - 1) / 26);
	}
	return s;
}
