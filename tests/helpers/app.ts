// The built app and a Chromium for one describe block of the end-to-end tests: started before its
// tests, stopped after them (browser, server, temporary folder), as every Chromium file needs.
// Hooks registered after `useApp` run after its start and before its stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, watchConsole, type Browser } from './browser';
import { startServer, type RunningServer } from './server';
import { signInContext } from './session';

export interface App {
	server: RunningServer;
	browser: Browser;
	/** the page opened when asked (`page: true`) */
	page: Page;
	/** what that page logged (console messages and errors) */
	console: string[];
	/** the temporary folder made when asked (`tmp`) */
	dir: string;
}

export interface AppOptions {
	/** the demo département (BP_DEMO=1, longer start-up); true unless said otherwise */
	demo?: boolean;
	/** more environment for the server */
	env?: Record<string, string>;
	/** a demo account the browser is signed in as (over fetch, its session cookie) */
	signIn?: string;
	/** open a page and watch its console */
	page?: boolean;
	/** prefix of a temporary folder for the tests' files, removed after them */
	tmp?: string;
	/** the start hook's timeout */
	timeoutMs?: number;
}

export function useApp(options: AppOptions = {}): App {
	const demo = options.demo ?? true;
	const app = {} as App;
	beforeAll(
		async () => {
			app.server = await startServer(
				demo ? { env: { BP_DEMO: '1', ...options.env }, timeoutMs: 180_000 } : { env: options.env }
			);
			app.browser = await launchBrowser();
			if (options.signIn) await signInContext(app.browser.context, app.server.url, options.signIn);
			if (options.page) {
				app.page = await app.browser.newPage();
				app.console = watchConsole(app.page);
			}
			if (options.tmp) app.dir = mkdtempSync(path.join(tmpdir(), options.tmp));
		},
		options.timeoutMs ?? (demo ? 240_000 : 120_000)
	);
	afterAll(async () => {
		await app.browser?.close();
		await app.server?.stop();
		if (app.dir) rmSync(app.dir, { recursive: true, force: true });
	});
	return app;
}
