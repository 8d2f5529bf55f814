// What the referent's tests share: the demo sign-in over fetch, and the page's send-and-read step.
import type { Page } from 'playwright-core';

export { DEMO_PASSWORD, loginCookie } from '../helpers/session';

/**
 * Clicks the button `[data-testid=<button>]` once it is enabled, waits for the page's answer
 * `[data-testid=<answer>]` and returns its text.
 */
export async function clickAndRead(page: Page, button: string, answer: string): Promise<string> {
	await page.waitForSelector(`[data-testid=${button}]:not([disabled])`);
	await page.click(`[data-testid=${button}]`);
	await page.waitForSelector(`[data-testid=${answer}]`);
	return (await page.getByTestId(answer).textContent()) ?? '';
}
