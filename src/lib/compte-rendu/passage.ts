// The passage of a block shown with its findings: identifiers replaced by their masked hint (as
// the CSV report's grid masks a refused cell), descriptions of the situation kept and marked; a
// long paragraph is cut to the context around its findings.
import type { CrFinding } from '$contracts/compte-rendu/check';

export type Segment =
	| { kind: 'text'; text: string }
	| { kind: 'mark'; text: string; code: string; index: number }
	| { kind: 'gap' };

/** Segments of `text` around `findings` (sorted by start, not overlapping after the first). */
export function passageSegments(
	text: string,
	findings: readonly (Pick<CrFinding, 'start' | 'end' | 'code' | 'hint'> & { index: number })[],
	context = 160
): Segment[] {
	const out: Segment[] = [];
	let at = 0;
	const plain = (from: number, to: number, first: boolean, last: boolean) => {
		if (to <= from) return;
		const s = text.slice(from, to);
		if (s.length <= 2 * context + 20) {
			out.push({ kind: 'text', text: s });
			return;
		}
		if (!first) out.push({ kind: 'text', text: s.slice(0, context) });
		out.push({ kind: 'gap' });
		if (!last) out.push({ kind: 'text', text: s.slice(s.length - context) });
	};
	findings.forEach((f, i) => {
		if (f.start < at) return;
		plain(at, f.start, i === 0, false);
		out.push({
			kind: 'mark',
			text: f.code.startsWith('pii.') ? f.hint : text.slice(f.start, f.end),
			code: f.code,
			index: f.index
		});
		at = f.end;
	});
	plain(at, text.length, findings.length === 0, true);
	return out;
}
