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
	'/sante',
	'/favicon.ico',
	'/favicon.svg',
	'/robots.txt'
]);
export const PUBLIC_PREFIXES = ['/invitation/', '/contrat/', '/_app/'];

export function isPublicPath(pathname: string): boolean {
	return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
}

/** Only same-site relative paths are accepted as a post-login destination. */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
		return fallback;
	if (target.startsWith('/connexion') || target.startsWith('/deconnexion')) return fallback;
	return target;
}
