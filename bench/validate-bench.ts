// Validation of a generated 1,000,000-row `situations` file (half the rows with a comment) against
// DuckDB-WASM's read_csv of the same bytes in the same process. Goal: within 2x DuckDB's time,
// peak memory above baseline under 2x the file size. Run alone: npx tsx bench/validate-bench.ts
// (BENCH_ROWS, BENCH_ROUNDS to change the size and the number of alternate rounds).
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRows, rowsToCsv } from '../data-contracts/generate';
import { validateBytes } from '../data-contracts/validate';
import { openNodeDuckDb } from './duckdb-node';
import { median } from './stats';

export interface BenchResult {
	name: string;
	rows: number;
	fileBytes: number;
	ms: number;
	peakAboveBaselineBytes?: number;
	note?: string;
}

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function duckdbReadCsv(db: any): Promise<number> {
	const conn = db.connect();
	try {
		const t = performance.now();
		conn.query(
			"CREATE OR REPLACE TABLE s AS SELECT * FROM read_csv('situations.csv', delim=';', header=true, all_varchar=false)"
		);
		return performance.now() - t;
	} finally {
		conn.close();
	}
}

const mem = () => process.memoryUsage().rss;

export async function run(): Promise<BenchResult[]> {
	const dir = mkdtempSync(join(tmpdir(), 'validate-bench-'));
	const file = join(dir, 'situations.csv');
	try {
		await writeFile(file);
		const bytes = readFileSync(file);
		// Alternate rounds (validation, then DuckDB) and compare medians: the machine's speed drifts
		// over a minute, both sides of a round see the same drift.
		const validateRuns: number[] = [];
		const duckRuns: number[] = [];
		let report!: ReturnType<typeof validateBytes>;
		let rows = 0;
		let base = 0;
		let peak = 0;
		let firstBase = 0;
		const duck = await openNodeDuckDb();
		duck.registerFileBuffer('situations.csv', bytes);
		for (let round = 0; round < ROUNDS; round++) {
			(globalThis as { gc?: () => void }).gc?.();
			base = mem();
			let roundPeak = base;
			rows = 0;
			const t = performance.now();
			report = validateBytes('situations', bytes, {
				maxBytes: Number.MAX_SAFE_INTEGER,
				onRow: () => rows++,
				onProgress: () => {
					const m = mem();
					if (m > roundPeak) roundPeak = m;
				}
			});
			validateRuns.push(performance.now() - t);
			if (round === 0) [firstBase, peak] = [base, roundPeak];
			duckRuns.push(await duckdbReadCsv(duck));
		}
		const validateMs = median(validateRuns);
		const duckMs = median(duckRuns);
		const results: BenchResult[] = [
			{
				name: 'validate situations (read + contract + identifiers + risk)',
				rows: report.rows,
				fileBytes: bytes.length,
				ms: validateMs,
				peakAboveBaselineBytes: peak - firstBase,
				note: `ok=${report.ok} errors=${report.errorCount} valid rows=${rows}`
			},
			{ name: 'duckdb-wasm read_csv (baseline)', rows: ROWS, fileBytes: bytes.length, ms: duckMs }
		];
		const mbs = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
		process.stdout.write(
			`validate-bench: ${ROWS} rows, file ${mbs(bytes.length)}\n` +
				`  ${ROUNDS} alternate rounds, medians; ratio per round ${validateRuns.map((v, i) => `${(v / duckRuns[i]).toFixed(2)} (${v.toFixed(0)}/${duckRuns[i].toFixed(0)} ms)`).join(', ')}\n` +
				`  validation      ${validateMs.toFixed(0)} ms, peak memory above baseline ${mbs(peak - firstBase)} (${((peak - firstBase) / bytes.length).toFixed(2)}x file size)\n` +
				`  duckdb read_csv ${duckMs.toFixed(0)} ms\n` +
				`  ratio validation / duckdb = ${(validateMs / duckMs).toFixed(2)} (goal <= 2)\n`
		);
		return results;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
