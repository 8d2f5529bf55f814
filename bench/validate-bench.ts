// Validation of a generated 1,000,000-row `situations` file (half the rows with a comment) against
// DuckDB-WASM's read_csv of the same bytes in the same process. Goal: within 2x DuckDB's time,
// peak memory above baseline under 2x the file size. Run alone: npx tsx bench/validate-bench.ts
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRows, rowsToCsv } from '../data-contracts/generate';
import { validateBytes } from '../data-contracts/validate';
import { openNodeDuckDb } from './duckdb-node';

export interface BenchResult {
	name: string;
	rows: number;
	fileBytes: number;
	ms: number;
	peakAboveBaselineBytes?: number;
	note?: string;
}

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

async function writeFile(path: string): Promise<void> {
	const out = createWriteStream(path);
	let buf = '';
	for (const line of rowsToCsv(
		'situations',
		generateRows('situations', { seed: 2025, rows: ROWS, commentShare: 0.5 })
	)) {
		buf += line;
		if (buf.length > 1 << 20) {
			if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
			buf = '';
		}
	}
	out.write(buf);
	await new Promise<void>((r) => out.end(r));
}

async function duckdbReadCsv(bytes: Uint8Array): Promise<number> {
	const db = await openNodeDuckDb();
	const conn = db.connect();
	db.registerFileBuffer('situations.csv', bytes);
	const t = performance.now();
	conn.query(
		"CREATE TABLE s AS SELECT * FROM read_csv('situations.csv', delim=';', header=true, all_varchar=false)"
	);
	const ms = performance.now() - t;
	conn.close();
	return ms;
}

const mem = () => process.memoryUsage().rss;

export async function run(): Promise<BenchResult[]> {
	const dir = mkdtempSync(join(tmpdir(), 'validate-bench-'));
	const file = join(dir, 'situations.csv');
	try {
		await writeFile(file);
		const bytes = readFileSync(file);
		(globalThis as { gc?: () => void }).gc?.();
		const base = mem();
		let peak = base;
		let rows = 0;
		const t = performance.now();
		const report = validateBytes('situations', bytes, {
			maxBytes: Number.MAX_SAFE_INTEGER,
			onRow: () => rows++,
			onProgress: () => {
				const m = mem();
				if (m > peak) peak = m;
			}
		});
		const validateMs = performance.now() - t;
		const duckMs = await duckdbReadCsv(bytes);
		const results: BenchResult[] = [
			{
				name: 'validate situations (read + contract + identifiers + risk)',
				rows: report.rows,
				fileBytes: bytes.length,
				ms: validateMs,
				peakAboveBaselineBytes: peak - base,
				note: `ok=${report.ok} errors=${report.errorCount} valid rows=${rows}`
			},
			{ name: 'duckdb-wasm read_csv (baseline)', rows: ROWS, fileBytes: bytes.length, ms: duckMs }
		];
		const mbs = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
		process.stdout.write(
			`validate-bench: ${ROWS} rows, file ${mbs(bytes.length)}\n` +
				`  validation      ${validateMs.toFixed(0)} ms, peak memory above baseline ${mbs(peak - base)} (${((peak - base) / bytes.length).toFixed(2)}x file size)\n` +
				`  duckdb read_csv ${duckMs.toFixed(0)} ms\n` +
				`  ratio validation / duckdb = ${(validateMs / duckMs).toFixed(2)} (goal <= 2)\n`
		);
		return results;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
