import { describe, expect, it } from 'vitest';
import { passageSegments } from './passage';

describe('passageSegments', () => {
	it('masks identifiers and keeps descriptions, in order', () => {
		const text = 'Kevin Durand : sa mère est hospitalisée.';
		const segs = passageSegments(text, [
			{ start: 0, end: 12, code: 'pii.name', hint: 'K…', index: 0 },
			{ start: 15, end: 22, code: 'cr.famille', hint: 'sa mère', index: 1 }
		]);
		expect(segs).toEqual([
			{ kind: 'mark', text: 'K…', code: 'pii.name', index: 0 },
			{ kind: 'text', text: ' : ' },
			{ kind: 'mark', text: 'sa mère', code: 'cr.famille', index: 1 },
			{ kind: 'text', text: ' est hospitalisée.' }
		]);
		expect(segs.map((s) => ('text' in s ? s.text : '')).join('')).not.toContain('Kevin');
	});

	it('cuts a long paragraph to the context around its findings', () => {
		const text = 'a'.repeat(1000) + 'vol' + 'b'.repeat(1000);
		const segs = passageSegments(
			text,
			[{ start: 1000, end: 1003, code: 'cr.infraction', hint: 'vol', index: 0 }],
			50
		);
		expect(segs).toEqual([
			{ kind: 'gap' },
			{ kind: 'text', text: 'a'.repeat(50) },
			{ kind: 'mark', text: 'vol', code: 'cr.infraction', index: 0 },
			{ kind: 'text', text: 'b'.repeat(50) },
			{ kind: 'gap' }
		]);
	});
});
