import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { OIDC_STATE_COOKIE, oidcSettings, startOidcLogin } from '$lib/server/auth/oidc';
import { safeRedirect } from '$lib/server/auth/guard';
import { logger } from '$lib/server/logger';

export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	const settings = oidcSettings();
	if (!settings) error(404, 'L’authentification unique n’est pas configurée sur cette instance.');
	let target: URL;
	try {
		const started = await startOidcLogin(
			locals.store.db,
			settings,
			new URL('/connexion/sso/retour', url).href,
			safeRedirect(url.searchParams.get('redirectTo'), '')
		);
		cookies.set(OIDC_STATE_COOKIE, started.state, {
			path: '/connexion/sso',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 600
		});
		target = started.url;
	} catch (err) {
		logger.error({ err: (err as Error).message }, 'oidc start failed');
		error(
			502,
			'Le fournisseur d’identité ne répond pas. Réessayez plus tard ou connectez-vous par mot de passe.'
		);
	}
	redirect(303, target.href);
};
