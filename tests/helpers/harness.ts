// Test-only pages that exercise the app's browser modules (DuckDB-WASM client, charts) outside any
// route, so the app ships no test scaffolding: each folder of tests/harness/ is built by Vite on
// its own (Svelte, `$lib` and `$contracts` as in the app, `$app/environment` for a browser) into a
// temporary folder, and served from a loopback port with the app's Content-Security-Policy.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import svelteConfig from '../../svelte.config.js';
import { ROOT } from './server';

export interface RunningHarness {
	url: string;
	stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.wasm': 'application/wasm',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff'
};

/** The app's CSP (svelte.config.js), as one header: the page runs under the same rules. */
function contentSecurityPolicy(): string {
	const directives = svelteConfig.kit?.csp?.directives ?? {};
	return Object.entries(directives)
		.map(([name, sources]) => {
			const list = (sources as string[]).map((s) =>
				['self', 'none', 'unsafe-inline', 'wasm-unsafe-eval'].includes(s) ? `'${s}'` : s
			);
			return `${name} ${list.join(' ')}`;
		})
		.join('; ');
}

async function build(name: string, outDir: string): Promise<void> {
	const { build: viteBuild } = await import('vite');
	const { svelte } = await import('@sveltejs/vite-plugin-svelte');
	await viteBuild({
		configFile: false,
		root: path.join(ROOT, 'tests/harness', name),
		base: '/',
		logLevel: 'error',
		plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
		// As in vite.config.ts: the DSFR's old IE media hacks are dropped, not fatal.
		css: { lightningcss: { errorRecovery: true } },
		resolve: {
			alias: {
				$lib: path.join(ROOT, 'src/lib'),
				$contracts: path.join(ROOT, 'data-contracts'),
				'$app/environment': path.join(ROOT, 'tests/harness/app-environment.ts')
			}
		},
		build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 50_000 }
	});
}

/** Builds the test page `tests/harness/<name>/` and serves it; `stop()` removes the build. */
export async function serveHarness(name: string): Promise<RunningHarness> {
	const dir = mkdtempSync(path.join(tmpdir(), `bp-harness-${name}-`));
	try {
		await build(name, dir);
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	const csp = contentSecurityPolicy();
	const server = createServer((req, res) => {
		const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
		if (!file.startsWith(dir + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('introuvable');
			return;
		}
		res.writeHead(200, {
			'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
			'content-security-policy': csp,
			'cache-control': 'no-store'
		});
		res.end(readFileSync(file));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		async stop() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
