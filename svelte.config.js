import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const precompress = process.env.BP_PRECOMPRESS !== '0';
// Separate output folders let several builds (e.g. parallel test runs) coexist.
const out = process.env.BP_BUILD_DIR || 'build';
const outDir = process.env.BP_KIT_OUT || '.svelte-kit';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out, precompress }),
		outDir,
		alias: {
			$contracts: 'data-contracts',
			'$contracts/*': 'data-contracts/*'
		},
		csrf: { trustedOrigins: [] },
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
