import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const precompress = process.env.BP_PRECOMPRESS !== '0';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress }),
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
