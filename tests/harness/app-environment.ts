// `$app/environment` for test pages built outside SvelteKit: they only ever run in the browser.
export const browser = true;
export const dev = false;
export const building = false;
export const version = 'harness';
