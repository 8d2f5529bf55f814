// `npm run gen -- --kind situations --rows 1000000 --out FILE [--encoding utf8|win1252]
// [--delimiter ';'|','] [--pii-share 0.01] [--comment-share 0.5] [--period 2025-S1] [--seed 1]`
// Writes a contract-valid file (the same generator as the demo seeding), optionally with a share
// of rows carrying a planted personal identifier; their row and column are listed on stderr.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { TABULAR_KINDS, type TabularKind } from '../data-contracts/codes';
import { parsePeriod } from '../data-contracts/period';
import { generateRows, hashSeed, rng, rowsToCsv, type Row } from '../data-contracts/generate';
import { plantIdentifier } from '../data-contracts/pii/plant';
import { encodeWindows1252 } from '../data-contracts/reader/win1252';

const USAGE =
	'Usage : npm run gen -- --kind <situations|seances|incidents> --rows N --out FICHIER ' +
	'[--encoding utf8|win1252] [--delimiter ";"|","] [--pii-share 0.01] [--comment-share 0.5] ' +
	'[--period 2025-S1] [--seed 1]';

function fail(message: string): never {
	process.stderr.write(`${message}\n${USAGE}\n`);
	process.exit(2);
}

function parseArgs(argv: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) fail(`Argument inattendu : ${a}`);
		const value = argv[i + 1];
		if (value === undefined || value.startsWith('--')) fail(`Valeur manquante pour ${a}`);
		out[a.slice(2)] = value;
		i++;
	}
	return out;
}

const number = (v: string | undefined, name: string, fallback: number) => {
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0) fail(`Nombre invalide pour --${name} : ${v}`);
	return n;
};

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const kind = args.kind as TabularKind;
	if (!TABULAR_KINDS.includes(kind)) fail(`Type inconnu : ${args.kind ?? '(absent)'}`);
	if (!args.out) fail('--out est obligatoire');
	const rows = number(args.rows, 'rows', 1000);
	const piiShare = number(args['pii-share'], 'pii-share', 0);
	const seed = number(args.seed, 'seed', 1);
	const period = args.period ?? '2025-S1';
	if (!parsePeriod(period)) fail(`Période invalide : ${period}`);
	const delimiter = (args.delimiter ?? ';') as ';' | ',';
	if (delimiter !== ';' && delimiter !== ',') fail('--delimiter vaut ; ou ,');
	const encoding = args.encoding ?? 'utf8';
	if (encoding !== 'utf8' && encoding !== 'win1252') fail('--encoding vaut utf8 ou win1252');

	const random = rng(hashSeed(seed, 'pii'));
	const planted: { row: number; column: string; type: string }[] = [];
	let line = 1;
	function* source(): Generator<Row> {
		for (const row of generateRows(kind, {
			rows,
			seed,
			period,
			commentShare: number(args['comment-share'], 'comment-share', 0.5)
		})) {
			line++;
			if (piiShare > 0 && random() < piiShare) {
				const p = plantIdentifier(row, kind, random);
				planted.push({ row: line, column: p.column, type: p.type });
				yield p.row;
			} else yield row;
		}
	}

	const out = createWriteStream(args.out);
	const encoder = new TextEncoder();
	let first = true;
	for (const text of rowsToCsv(kind, source(), { delimiter })) {
		const chunk =
			encoding === 'win1252'
				? encodeWindows1252(text)
				: encoder.encode(first ? '\uFEFF' + text : text);
		first = false;
		if (!out.write(chunk)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	process.stderr.write(
		`${args.out} : ${rows} lignes (${kind}, ${encoding}, « ${delimiter} »)` +
			(planted.length ? `, ${planted.length} identifiants plantés` : '') +
			'\n'
	);
	if (args['planted-out']) {
		const { writeFileSync } = await import('node:fs');
		writeFileSync(args['planted-out'], JSON.stringify(planted, null, 1));
	}
}

main().catch((e: unknown) => {
	process.stderr.write(`Erreur : ${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
