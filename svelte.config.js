import nodeAdapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { compressDirectory } from './scripts/compress.js';

const precompress = process.env.BP_PRECOMPRESS !== '0';
// Separate output folders let several builds (e.g. parallel test runs) coexist.
const out = process.env.BP_BUILD_DIR || 'build';
const outDir = process.env.BP_KIT_OUT || '.svelte-kit';

/**
 * adapter-node, with its asset precompression swapped for ours (fast brotli on the DuckDB wasm).
 * @returns {import('@sveltejs/kit').Adapter}
 */
function adapter() {
	const inner = nodeAdapter({ out, precompress });
	return {
		...inner,
		async adapt(builder) {
			const wrapped = Object.create(builder);
			wrapped.compress = compressDirectory;
			return inner.adapt(wrapped);
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
		csrf: { trustedOrigins: [] },
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
					'../eslint.config.js',
					'../svelte.config.js'
				);
			}
		}
	}
};

export default config;
