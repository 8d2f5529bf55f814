// Precompression of the built client assets (gzip + brotli), like adapter-node's own, except that
// big files (the DuckDB-WASM binaries, 34–39 MB) get a fast brotli level: maximum quality on them
// costs minutes per build for a few percent.
import { createReadStream, createWriteStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

const EXTENSIONS = new Set([
	'.html',
	'.js',
	'.mjs',
	'.json',
	'.css',
	'.svg',
	'.xml',
	'.wasm',
	'.txt'
]);
const BIG = 2 * 1024 * 1024;

/**
 * @param {string} dir
 * @returns {Generator<string>}
 */
function* files(dir) {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return;
	}
	for (const e of entries) {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) yield* files(full);
		else if (EXTENSIONS.has(path.extname(e.name))) yield full;
	}
}

/** @param {string} file */
async function compressFile(file) {
	const size = statSync(file).size;
	const brotli = zlib.createBrotliCompress({
		params: {
			[zlib.constants.BROTLI_PARAM_MODE]:
				path.extname(file) === '.wasm'
					? zlib.constants.BROTLI_MODE_GENERIC
					: zlib.constants.BROTLI_MODE_TEXT,
			[zlib.constants.BROTLI_PARAM_QUALITY]: size > BIG ? 5 : zlib.constants.BROTLI_MAX_QUALITY,
			[zlib.constants.BROTLI_PARAM_SIZE_HINT]: size
		}
	});
	const gzip = zlib.createGzip({ level: size > BIG ? 6 : zlib.constants.Z_BEST_COMPRESSION });
	await Promise.all([
		pipeline(createReadStream(file), brotli, createWriteStream(`${file}.br`)),
		pipeline(createReadStream(file), gzip, createWriteStream(`${file}.gz`))
	]);
}

/**
 * Compresses every compressible file below `directory`, a few at a time.
 * @param {string} directory
 */
export async function compressDirectory(directory) {
	const queue = [...files(directory)];
	const workers = Array.from({ length: 4 }, async () => {
		for (let f = queue.shift(); f; f = queue.shift()) await compressFile(f);
	});
	await Promise.all(workers);
}
