// French number formatting, IO-free so that the contracts' messages (CLI, worker, server) and the
// app's tables, charts and exports write a number the same way: ICU versions differ in the space
// they put between thousands (U+00A0 or U+202F), so it is always normalised here.

/** Narrow no-break space: thousands separator, and before « % » and « ‰ ». */
export const NNBSP = '\u202f';
/** Typographic minus sign for negative changes. */
export const MINUS = '\u2212';

const formatters = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = JSON.stringify(options);
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.NumberFormat('fr-FR', options);
		formatters.set(key, f);
	}
	return f;
}

/** 1234.5 → "1 234,5" (narrow no-break space), with a fixed number of decimals. */
export function formatNumber(value: number, decimals = 0): string {
	if (!Number.isFinite(value)) return '';
	// Avoid "-0".
	const v = Object.is(value, -0) ? 0 : value;
	return nf({ minimumFractionDigits: decimals, maximumFractionDigits: decimals })
		.format(v)
		.replace(/[\s\u00a0\u202f]/g, NNBSP)
		.replace('-', MINUS);
}
