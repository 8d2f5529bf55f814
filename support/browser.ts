// Headless Chromium from the system (Debian's `chromium` package), driven by playwright-core.
// `npx playwright install` cannot run here: the browser must come from the OS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function findChromium(): string | null {
	const override = process.env.CHROMIUM_PATH;
	if (override) return existsSync(override) ? override : null;
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		try {
			const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
			if (found) return found;
		} catch {
			// not on PATH
		}
	}
	return null;
}

export interface Browser {
	context: BrowserContext;
	newPage(): Promise<Page>;
	close(): Promise<void>;
}

export async function launchBrowser(
	options: { javaScriptEnabled?: boolean } = {}
): Promise<Browser> {
	const executablePath = findChromium();
	if (!executablePath)
		throw new Error(
			'Chromium introuvable : installez le paquet `chromium` ou définissez CHROMIUM_PATH'
		);
	const profile = mkdtempSync(path.join(tmpdir(), 'bp-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		args: CHROMIUM_ARGS,
		headless: true,
		locale: 'fr-FR',
		viewport: { width: 1280, height: 900 },
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		acceptDownloads: true
	});
	return {
		context,
		newPage: () => context.newPage(),
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

/** Collects console messages and page errors so a test can assert the page logged nothing. */
export function watchConsole(page: Page): string[] {
	const messages: string[] = [];
	page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
	page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
	return messages;
}
