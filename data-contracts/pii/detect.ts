// Personal-identifier detection in headers and free-text cells (contract v1, "What a personal
// identifier is"). Checksummed identifiers are refused outright; formats and names use French
// context words, and stay quiet on places, institutions, legal references, months and counts.
// One file per detector (types, formats, names with its tokenizer and word lists, header,
// reference); this module runs them on free text and keeps the public names in one place.
import type { PiiFinding } from './types';
import { scanFormats } from './formats';
import { scanNames } from './names';

export { PII_LABELS, PII_TYPES, piiMessage, type PiiFinding, type PiiType } from './types';
export { tokenSpans } from './tokenize';
export { normHeader, scanHeader } from './header';
export { scanRef } from './ref';

/** All personal identifiers found in a free-text value, in order of position. */
export function scanText(text: string): PiiFinding[] {
	const out: PiiFinding[] = [];
	if (!text) return out;
	scanFormats(text, out);
	scanNames(text, out);
	if (out.length <= 1) return out;
	out.sort((a, b) => a.start - b.start || b.end - a.end);
	// drop findings nested in an earlier one
	const kept: PiiFinding[] = [];
	for (const f of out) {
		const last = kept[kept.length - 1];
		if (last && f.start >= last.start && f.end <= last.end) continue;
		kept.push(f);
	}
	return kept;
}
