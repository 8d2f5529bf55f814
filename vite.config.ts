import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	css: { lightningcss: { errorRecovery: true } },
	build: { cssMinify: 'lightningcss' },
	server: { port: 3000 },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'node',
					environment: 'node',
					include: ['data-contracts/**/*.test.ts', 'src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					exclude: ['src/**/*.svelte.test.ts'],
					testTimeout: 30_000
				}
			},
			{
				// Svelte components mounted in happy-dom (`*.svelte.test.ts`): the browser build of
				// svelte, so `mount` and runes work as in the page.
				extends: './vite.config.ts',
				resolve: { conditions: ['browser'] },
				test: {
					name: 'components',
					environment: 'happy-dom',
					include: ['src/**/*.svelte.test.ts']
				}
			},
			{
				// Against the built app (`build/`): authorization matrix and browser end-to-end tests.
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts', 'tests/authz/**/*.test.ts'],
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
