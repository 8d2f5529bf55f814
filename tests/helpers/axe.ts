// Accessibility audit with axe-core, injected through the DevTools protocol: the app's CSP
// (rightly) refuses inline scripts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations inside `selector` (the whole document by default). */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
	await page.evaluate(AXE);
	return page.evaluate(async (sel) => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const result = await axe.run(sel ?? document, { resultTypes: ['violations'] });
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}, selector);
}
