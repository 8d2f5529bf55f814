import { describe, expect, it } from 'vitest';
import { validateBytes } from './validate';
import { checkHeaderShape, MAX_HEADER_BYTES, MAX_HEADER_COLUMNS } from './header-guard';
import { FIELDS } from './fields';

const enc = (s: string) => new TextEncoder().encode(s);

describe('header guard', () => {
	it('lets every contract header through, in UTF-8 and UTF-16, after blank lines', () => {
		for (const [kind, fields] of Object.entries(FIELDS)) {
			const header = fields.map((f) => f.name).join(';');
			expect(checkHeaderShape(kind, enc(`\r\n\n${header}\r\n`))).toBeNull();
			const utf16 = new Uint8Array(Buffer.from(`\uFEFF${header}\n`, 'utf16le'));
			expect(checkHeaderShape(kind, utf16)).toBeNull();
		}
		// A few unknown columns still get the detailed report.
		expect(checkHeaderShape('incidents', enc(`a,b,c,d,e,f,g,h,i,j\n1`))).toBeNull();
	});

	it('refuses 50,000 columns at once, with one French message, before reading any row', () => {
		const wide = Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(';');
		const bytes = enc(`${wide}\n${'x;'.repeat(49_999)}x\n`);
		const report = validateBytes('situations', bytes);
		expect(report.rows).toBe(0);
		expect(report.ok).toBe(false);
		expect(report.errors).toHaveLength(1);
		expect(report.errors[0]).toMatchObject({ row: 1, code: 'header.too_wide' });
		expect(report.errors[0].message).toContain('le contrat « situations » en compte 16');
		expect(checkHeaderShape('seances', enc(`${'a,'.repeat(MAX_HEADER_COLUMNS)}a`))?.code).toBe(
			'header.too_wide'
		);
	});

	it('refuses a header line of more than a few kilobytes', () => {
		const long = `ref_situation;${'x'.repeat(MAX_HEADER_BYTES)}\n1`;
		const report = validateBytes('situations', enc(long));
		expect(report.errors[0]).toMatchObject({ code: 'header.too_long' });
		expect(report.errors[0].message).toMatch(/dépasse 8 Ko/);
		// One line without any break (a binary blob, a minified file): refused the same way.
		expect(
			checkHeaderShape('incidents', new Uint8Array(MAX_HEADER_BYTES * 3).fill(0x41))?.code
		).toBe('header.too_long');
	});
});
