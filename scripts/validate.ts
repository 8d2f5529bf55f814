// Command line validator (contract v1): `npm run --silent validate -- --kind K FILE`.
// JSON report on stdout; exit 0 ok, 1 refused, 2 usage error. Never a stack trace.
import { readFileSync, statSync } from 'node:fs';
import { KINDS } from '../data-contracts/codes';
import { contractView, type Report } from '../data-contracts/report';
import { DEFAULT_MAX_BYTES } from '../data-contracts/reader/decode';
import { isKind, validateBytes } from '../data-contracts/validate';

const USAGE = `Usage : npm run --silent validate -- --kind <${KINDS.join('|')}> [--format json|text] [--max-size OCTETS] FICHIER`;

function usage(message: string): never {
	process.stderr.write(`${message}\n${USAGE}\n`);
	process.exit(2);
}

function parseSize(v: string): number {
	const m = /^(\d+(?:\.\d+)?)\s*(k|m|g|ko|mo|go|kb|mb|gb)?$/i.exec(v.trim());
	if (!m) usage(`Taille invalide pour --max-size : ${v}`);
	const unit = (m[2] ?? '').toLowerCase()[0];
	const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
	return Math.floor(Number(m[1]) * mult);
}

function toText(r: Report, file: string): string {
	const lines = [
		r.ok
			? `✔ ${file} : fichier accepté (${r.kind}, ${r.rows} ligne${r.rows > 1 ? 's' : ''}).`
			: `✘ ${file} : fichier refusé (${r.kind}, ${r.rows} ligne${r.rows > 1 ? 's' : ''}, ${r.errorCount ?? r.errors.length} erreur${(r.errorCount ?? r.errors.length) > 1 ? 's' : ''}).`
	];
	for (const e of r.errors)
		lines.push(
			`  ${e.sheet !== undefined ? `feuille « ${e.sheet} », ${e.cell ? `cellule ${e.cell}` : `ligne ${e.row}`}` : `ligne ${e.row}`}${e.column ? `, colonne ${e.column}` : ''} [${e.code}] ${e.message}`
		);
	if (r.truncated)
		lines.push(`  … ${(r.errorCount ?? 0) - r.errors.length} autres erreurs non affichées.`);
	for (const w of r.warnings ?? []) lines.push(`  ⚠ [${w.code}] ${w.message}`);
	return lines.join('\n') + '\n';
}

function main() {
	const args = process.argv.slice(2);
	let kind: string | undefined;
	let format = 'json';
	let maxBytes = DEFAULT_MAX_BYTES;
	const files: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		const eq = a.indexOf('=');
		const [flag, inline] =
			a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
		const value = () => inline ?? args[++i] ?? usage(`Valeur manquante pour ${flag}`);
		if (flag === '--kind') kind = value();
		else if (flag === '--format') format = value();
		else if (flag === '--max-size') maxBytes = parseSize(value());
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(USAGE + '\n');
			process.exit(0);
		} else if (a === '--') continue;
		else if (a.startsWith('-')) usage(`Option inconnue : ${a}`);
		else files.push(a);
	}
	if (!kind) usage('Option --kind obligatoire.');
	if (!isKind(kind)) usage(`Type inconnu : ${kind}.`);
	if (format !== 'json' && format !== 'text') usage(`Format inconnu : ${format} (json ou text).`);
	if (files.length !== 1)
		usage(files.length ? 'Un seul fichier à la fois.' : 'Fichier à valider manquant.');
	const file = files[0];
	let bytes: Uint8Array;
	try {
		const st = statSync(file);
		if (!st.isFile()) usage(`Ce n'est pas un fichier : ${file}`);
		if (st.size > maxBytes) {
			// refuse before reading a huge file into memory
			bytes = new Uint8Array(0);
			const r = validateBytes(kind, { length: st.size } as Uint8Array, { maxBytes });
			return finish(r, format, file);
		}
		bytes = readFileSync(file);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		usage(code === 'ENOENT' ? `Fichier introuvable : ${file}` : `Lecture impossible : ${file}`);
	}
	finish(validateBytes(kind, bytes, { maxBytes }), format, file);
}

function finish(r: Report, format: string, file: string) {
	const out =
		format === 'text'
			? toText(r, file)
			: JSON.stringify({ ...contractView(r), ...extras(r) }) + '\n';
	process.stdout.write(out, () => process.exit(r.ok ? 0 : 1));
}

// Extra fields beyond the contract: useful to people, ignored by contract consumers.
function extras(r: Report) {
	return {
		errorCount: r.errorCount,
		errorsByCode: r.errorsByCode,
		truncated: r.truncated,
		warnings: r.warnings,
		encoding: r.encoding,
		delimiter: r.delimiter
	};
}

try {
	main();
} catch {
	process.stderr.write('Erreur interne du validateur : le fichier n’a pas pu être vérifié.\n');
	process.exit(2);
}
