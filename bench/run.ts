// `npm run bench [-- name ...]`: every benchmark of bench/*-bench.ts, each printing its figures
// against a baseline measured in the same run (the plenary page's against its goals only).
// Browser benchmarks need the built app: it is built (with precompression, as in production)
// when missing or when `--build` is given.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp, buildDir } from '../scripts/build-app.js';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(path.join(root, 'bench'))
	.filter((f) => f.endsWith('-bench.ts'))
	.filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)))
	.sort();

if (args.includes('--build') || !existsSync(path.join(buildDir(), 'index.js')))
	buildApp('Construction de l’application pour les mesures…');

const failures: string[] = [];
for (const file of files) {
	console.log(`\n═══ ${file} ═══`);
	const started = Date.now();
	try {
		const mod = (await import(pathToFileURL(path.join(root, 'bench', file)).href)) as {
			run?: () => Promise<unknown>;
		};
		if (typeof mod.run !== 'function') throw new Error('pas de fonction run() exportée');
		await mod.run();
		console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
	} catch (e) {
		failures.push(file);
		console.error(`✖ ${file} : ${e instanceof Error ? e.message : String(e)}`);
	}
}
if (failures.length) {
	console.error(`\nMesures en échec : ${failures.join(', ')}`);
	process.exit(1);
}
