import { describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv } from '$contracts/generate';
import { validateBytes } from '$contracts/validate';
import { buildGrid } from './grid';

/** The generated file's lines, some of them changed by `edit` (line index from 0 = header). */
function csv(rows: number, edit: (line: string, i: number) => string, seed = 5): string {
	return [...rowsToCsv('situations', generateRows('situations', { seed, rows, period: '2026-S1' }))]
		.join('')
		.split('\n')
		.map((l, i) => (i === 0 || l === '' ? l : edit(l, i)))
		.join('\n');
}

/** Lines with a phone number, a bad code, and a comment quoted over two lines. */
const dirty = (line: string, i: number): string => {
	const cells = line.split(';');
	if (i % 17 === 3) cells[cells.length - 1] = 'Rappeler la mère au 06 12 34 56 78';
	else if (i % 23 === 5) cells[4] = 'X';
	else if (i % 29 === 7) cells[cells.length - 1] = '"Suivi ; à revoir\nAppeler le 06 98 76 54 32"';
	return cells.join(';');
};

function both(bytes: Uint8Array) {
	const report = validateBytes('situations', bytes);
	const fast = buildGrid('situations', bytes, report, 500);
	const full = buildGrid('situations', bytes, report, 500, { fullRead: true });
	return { report, fast, full };
}

describe('report grid', () => {
	it('reads only the lines the report points at, as a full read would', () => {
		const text = csv(3000, dirty);
		const cases: Uint8Array[] = [
			new TextEncoder().encode('\uFEFF' + text),
			new TextEncoder().encode(text.replaceAll('\n', '\r\n')),
			new TextEncoder().encode('\n\n' + text),
			// Windows-1252: every character of these files is in Latin-1 but the curly quote.
			Uint8Array.from(text.replaceAll('’', "'"), (c) => c.charCodeAt(0)),
			// read in full: lone CR line breaks, UTF-16
			new TextEncoder().encode(text.replaceAll('\n', '\r')),
			Uint8Array.from([
				0xff,
				0xfe,
				...[...text].flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8])
			])
		];
		for (const bytes of cases) {
			const { report, fast, full } = both(bytes);
			expect(report.ok).toBe(false);
			expect(full.rows.length).toBeGreaterThan(100);
			expect(fast).toEqual(full);
		}
	});

	it('shows the rows of the re-identification warning of an accepted file', () => {
		// a few rows in quartiers that no other row of the file has
		const rare = (line: string, i: number) => {
			if (i % 4000 !== 7) return line;
			const cells = line.split(';');
			cells[5] = `QN0919${Math.floor(i / 4000)}Z`;
			return cells.join(';');
		};
		const bytes = new TextEncoder().encode(csv(20_000, rare, 11));
		const { report, fast, full } = both(bytes);
		expect(report.ok).toBe(true);
		expect(report.risk?.rareRows).toBe(5);
		expect(fast.rows.length).toBe(report.risk!.rareRows);
		expect(fast).toEqual(full);
	});

	it('keeps at most the first lines asked, and counts the others', () => {
		const { report, fast, full } = both(new TextEncoder().encode(csv(3000, dirty)));
		const few = buildGrid('situations', new TextEncoder().encode(csv(3000, dirty)), report, 10);
		expect(few.rows.map((r) => r.line)).toEqual(fast.rows.slice(0, 10).map((r) => r.line));
		expect(few.omitted).toBe(full.rows.length + full.omitted - 10);
	});
});

describe('the grid of a workbook', () => {
	it('shows the refused rows of an XLSX and an ODS as the CSV’s, masked alike', async () => {
		const { makeOds, makeXlsx } = await import('../../../tests/helpers/spreadsheets');
		const text = csv(60, dirty).replace(
			/"Suivi ; à revoir\nAppeler le 06 98 76 54 32"/g,
			'Appeler le 06 98 76 54 32'
		);
		const cells = text
			.trimEnd()
			.split('\n')
			.map((l) => l.split(';').map((v) => (v === '' ? null : v)));
		const fromCsv = both(new TextEncoder().encode(text));
		expect(fromCsv.fast.rows.length).toBeGreaterThan(3);
		for (const make of [makeXlsx, makeOds]) {
			const bytes = make([{ name: 'situations', rows: cells }]);
			const report = validateBytes('situations', bytes);
			expect(report.sheet).toBe('situations');
			const grid = buildGrid('situations', bytes, report, 500);
			expect(grid.header).toEqual(fromCsv.fast.header);
			expect(grid.rows).toEqual(fromCsv.fast.rows);
			expect(JSON.stringify(grid)).not.toContain('06 12 34 56 78');
		}
	});
});
