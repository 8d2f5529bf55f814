// Minimal types for the parts of oidc-provider (shipped without types) that the SSO test uses.
declare module 'oidc-provider' {
	import type { IncomingMessage, ServerResponse } from 'node:http';

	interface Account {
		accountId: string;
		claims(): Promise<Record<string, unknown>>;
	}
	interface Configuration {
		clients: Record<string, unknown>[];
		claims?: Record<string, string[]>;
		cookies?: { keys: string[] };
		features?: Record<string, unknown>;
		findAccount(ctx: unknown, id: string): Promise<Account | undefined>;
	}
	export default class Provider {
		constructor(issuer: string, configuration: Configuration);
		callback(): (req: IncomingMessage, res: ServerResponse) => void;
	}
}
