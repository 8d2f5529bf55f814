// A real OpenID Connect provider (oidc-provider, with its development login and consent pages) on
// a loopback port, and the built app configured against it: for the single sign-on tests.
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort, startServer, type RunningServer } from './server';

export const OIDC_ACCOUNTS: Record<string, Record<string, unknown>> = {
	'agent-1': {
		email: 'agent.sso@prefecture.example',
		email_verified: true,
		name: 'Agent SSO',
		bilans_roles: ['analyste:departement:91']
	},
	'elu-evry': { email: 'elu.evry@demo.bilans.fr', email_verified: true, name: 'Élue' },
	'inconnu-non-verifie': { email: 'x@autre.example', email_verified: false }
};

export interface SsoSetup {
	app: RunningServer;
	issuer: string;
	stop(): Promise<void>;
}

export async function startWithProvider(): Promise<SsoSetup> {
	const idpPort = await freePort();
	const issuer = `http://127.0.0.1:${idpPort}`;
	// The app discovers the provider lazily, at the first SSO login: start it first.
	const app = await startServer({
		env: {
			BP_DEMO: '1',
			OIDC_ISSUER: issuer,
			OIDC_CLIENT_ID: 'bilans-partages',
			OIDC_CLIENT_SECRET: 'secret-de-test-bilans',
			OIDC_ROLE_CLAIM: 'bilans_roles'
		},
		timeoutMs: 180_000
	});
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: 'bilans-partages',
				client_secret: 'secret-de-test-bilans',
				redirect_uris: [`${app.url}/connexion/sso/retour`],
				grant_types: ['authorization_code'],
				response_types: ['code']
			}
		],
		claims: {
			openid: ['sub'],
			email: ['email', 'email_verified'],
			profile: ['name', 'bilans_roles']
		},
		cookies: { keys: ['cle-de-test-oidc'] },
		features: { devInteractions: { enabled: true } },
		async findAccount(_ctx, id) {
			if (!OIDC_ACCOUNTS[id]) return undefined;
			return { accountId: id, claims: async () => ({ sub: id, ...OIDC_ACCOUNTS[id] }) };
		}
	});
	const idp: Server = createServer(provider.callback());
	await new Promise<void>((r) => idp.listen(idpPort, '127.0.0.1', r));
	return {
		app,
		issuer,
		async stop() {
			await app.stop();
			await new Promise((r) => idp.close(r));
		}
	};
}
