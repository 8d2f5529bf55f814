// Bundle cost of the compte rendu page (README « Mesures »): after `npx vite build`, the bytes
// (raw and gzip -9) the page loads, its detectors' worker, and each reader loaded by dynamic
// import when a file of its type is dropped, read from Vite's manifest. Run: `node scripts/compte-rendu-sizes.js`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const outDir = process.env.BP_KIT_OUT || '.svelte-kit';
const root = path.join(outDir, 'output', 'client');
const manifest = JSON.parse(readFileSync(path.join(root, '.vite', 'manifest.json'), 'utf8'));

/** @param {string} key @param {Set<string>} seen */
function closure(key, seen = new Set()) {
	if (seen.has(key)) return seen;
	seen.add(key);
	for (const i of manifest[key].imports ?? []) closure(i, seen);
	return seen;
}
/** @param {string} file */
const bytes = (file) => readFileSync(path.join(root, file));
/** @param {string[]} files */
function size(files) {
	let raw = 0;
	let gz = 0;
	for (const f of files) {
		const b = bytes(f);
		raw += b.length;
		gz += gzipSync(b, { level: 9 }).length;
	}
	return `${(raw / 1024).toFixed(1)} Ko (gzip ${(gz / 1024).toFixed(1)} Ko)`;
}
const find = (suffix) => {
	const key = Object.keys(manifest).find((k) => k.endsWith(suffix));
	if (!key) throw new Error(`absent de la construction : ${suffix}`);
	return key;
};

const base = new Set();
for (const k of Object.keys(manifest))
	if (manifest[k].isEntry && /(?:app\.js|nodes\/[01]\.js)$/.test(k)) closure(k, base);
const pageChunk = Object.keys(manifest).find((k) =>
	(manifest[k].dynamicImports ?? []).includes('src/lib/compte-rendu/docx.ts')
);
const node = Object.keys(manifest).find(
	(k) => manifest[k].isEntry && (manifest[k].imports ?? []).includes(pageChunk)
);
const page = closure(node);
const own = (key) =>
	[...closure(key)].filter((k) => !page.has(k) && !base.has(k)).map((k) => manifest[k].file);

console.log(`page : ${size([...page].filter((k) => !base.has(k)).map((k) => manifest[k].file))}`);
for (const k of page)
	for (const a of manifest[k].assets ?? [])
		if (a.includes('check.worker')) console.log(`détecteurs (worker ${a}) : ${size([a])}`);
for (const [name, src] of [
	['DOCX', 'src/lib/compte-rendu/docx.ts'],
	['ODT', 'src/lib/compte-rendu/odt.ts'],
	['texte', 'src/lib/compte-rendu/text.ts'],
	['PDF', 'src/lib/compte-rendu/pdf.ts']
]) {
	const key = find(src);
	console.log(`${name} : ${size(own(key))}`);
	for (const a of manifest[key].assets ?? []) console.log(`${name}, worker ${a} : ${size([a])}`);
}
