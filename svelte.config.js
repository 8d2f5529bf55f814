import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeAdapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { compressDirectory } from './scripts/compress.js';

const precompress = process.env.BP_PRECOMPRESS !== '0';
// Separate output folders let several builds (e.g. parallel test runs) coexist.
const out = process.env.BP_BUILD_DIR || 'build';
const outDir = process.env.BP_KIT_OUT || '.svelte-kit';

/**
 * The worker threads — upload validation (`src/lib/server/validation/worker.ts`) and the releases'
 * protection (`src/lib/server/releases/joint/worker.ts`) — bundled on their own into
 * `<out>/workers/`: adapter-node only bundles what the server imports, and a worker thread is
 * started from a file path.
 */
async function buildWorkers() {
	const { build } = await import('vite');
	const root = path.dirname(fileURLToPath(import.meta.url));
	await build({
		configFile: false,
		logLevel: 'warn',
		root,
		resolve: {
			alias: { $contracts: path.join(root, 'data-contracts'), $lib: path.join(root, 'src/lib') }
		},
		// the LP solver loads its WebAssembly next to its module: resolved from node_modules
		ssr: { noExternal: true, external: ['highs'], target: 'node' },
		build: {
			ssr: true,
			outDir: path.join(root, out, 'workers'),
			emptyOutDir: true,
			target: 'node20',
			minify: false,
			rollupOptions: {
				input: {
					validation: path.join(root, 'src/lib/server/validation/worker.ts'),
					releases: path.join(root, 'src/lib/server/releases/joint/worker.ts')
				},
				output: { entryFileNames: '[name].js', format: 'esm' }
			}
		}
	});
}

/**
 * adapter-node, with its asset precompression swapped for ours (fast brotli on the DuckDB wasm),
 * plus the worker threads' bundles.
 * @returns {import('@sveltejs/kit').Adapter}
 */
function adapter() {
	const inner = nodeAdapter({ out, precompress });
	return {
		...inner,
		async adapt(builder) {
			const wrapped = Object.create(builder);
			wrapped.compress = compressDirectory;
			await inner.adapt(wrapped);
			builder.log.minor('Building the worker threads');
			await buildWorkers();
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		outDir,
		alias: {
			$contracts: 'data-contracts',
			'$contracts/*': 'data-contracts/*'
		},
		// The origin check is made in hooks.server.ts (handleRequestAudit), so refusals are recorded.
		csrf: { trustedOrigins: ['*'] },
		// DuckDB-WASM compiles WebAssembly and runs in a worker; Plot and the DSFR set inline styles.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			config(tsconfig) {
				tsconfig.include.push(
					'../data-contracts/**/*.ts',
					'../scripts/**/*.ts',
					'../bench/**/*.ts',
					'../support/**/*.ts',
					'../eslint.config.js',
					'../svelte.config.js'
				);
			}
		}
	}
};

export default config;
