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
		csrf: { trustedOrigins: [] }
	}
};

export default config;
