// Order statistics shared by the benchmarks: one definition, so every bench reads its runs alike.

/** The value at rank ⌊q·n⌋ of the sorted values (q = 0.9: the 90th percentile); NaN when empty. */
export function quantile(xs: number[], q: number): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

/** The middle value (the upper one of an even count). */
export const median = (xs: number[]): number => quantile(xs, 0.5);
