import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateBytes } from '../../data-contracts/validate';
import { decodeText } from '../../data-contracts/reader/decode';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(ROOT, 'node_modules/.bin/tsx');

/** Runs `npm run gen` with `--<flag> <value>` for each option; its file and planted identifiers. */
function gen(options: Record<string, string | number>) {
	const args = Object.entries(options).flatMap(([flag, value]) => [`--${flag}`, String(value)]);
	const dir = mkdtempSync(path.join(tmpdir(), 'bp-gen-'));
	const out = path.join(dir, 'out.csv');
	const planted = path.join(dir, 'planted.json');
	try {
		execFileSync(tsx, ['scripts/gen.ts', '--out', out, '--planted-out', planted, ...args], {
			cwd: ROOT,
			stdio: 'pipe'
		});
		return {
			bytes: readFileSync(out),
			planted: JSON.parse(readFileSync(planted, 'utf8')) as { row: number; column: string }[]
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('npm run gen', () => {
	it('writes a Windows-1252, comma-separated file that the validator accepts', () => {
		const { bytes, planted } = gen({
			kind: 'situations',
			rows: 300,
			encoding: 'win1252',
			delimiter: ','
		});
		expect(planted).toEqual([]);
		const report = validateBytes('situations', bytes);
		expect(report).toMatchObject({ ok: true, rows: 300, encoding: 'windows-1252', delimiter: ',' });
		// the comments' apostrophes are Windows-1252's 0x92, never a "?"
		const text = decodeText(bytes);
		expect(text.ok && text.text.includes('’')).toBe(true);
		expect(bytes.includes(0x92)).toBe(true);
		expect(bytes.includes(0x3f)).toBe(false);
	});

	it('plants identifiers that the validator refuses at their row and column, and nothing else', () => {
		const { bytes, planted } = gen({ kind: 'situations', rows: 400, 'pii-share': 0.1, seed: 7 });
		expect(planted.length).toBeGreaterThan(10);
		const report = validateBytes('situations', bytes);
		expect(report.ok).toBe(false);
		const refused = new Set(report.errors.map((e) => `${e.row}|${e.column}`));
		for (const p of planted) expect(refused).toContain(`${p.row}|${p.column}`);
		expect(report.errors.every((e) => e.code.startsWith('pii.'))).toBe(true);
		expect(new Set(report.errors.map((e) => e.row)).size).toBe(planted.length);
	});

	it('refuses bad arguments with a usage error', () => {
		const result = spawnSync(tsx, ['scripts/gen.ts', '--kind', 'nimporte', '--out', '/tmp/x.csv'], {
			cwd: ROOT,
			encoding: 'utf8'
		});
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('Type inconnu');
	});
});
