// Deny by default: the explicit list of what an anonymous visitor may reach; everything else
// requires a signed-in user (pages redirect to the login form, other requests get 401).
export const PUBLIC_EXACT = new Set([
	'/',
	'/connexion',
	'/connexion/totp',
	'/connexion/sso',
	'/connexion/sso/retour',
	'/deconnexion',
	'/contrat',
	'/favicon.ico',
	'/favicon.svg'
]);
export const PUBLIC_PREFIXES = ['/invitation/', '/contrat/', '/_app/'];

export function isPublicPath(pathname: string): boolean {
	return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
}

const BASE = 'http://same-origin.invalid';

/**
 * Only same-origin paths are accepted as a post-login destination. The target is resolved as a
 * browser would (WHATWG URL: tabs and newlines dropped, `\\` read as `/`, dot segments removed) and
 * re-serialised, so what goes into `Location` is exactly the path the browser will follow, in
 * ASCII (no CR/LF, no character a header cannot carry).
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || target.length > 2000 || !target.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(target, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE || url.username || url.password) return fallback;
	// "/..//host" resolves to the path "//host", which a browser reads as another host.
	if (url.pathname.startsWith('//') || url.pathname.includes('\\')) return fallback;
	if (/^\/(de)?connexion(\/|$)/.test(url.pathname)) return fallback;
	return url.pathname + url.search + url.hash;
}
