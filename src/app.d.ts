// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Store } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/schema';

declare global {
	namespace App {
		interface Locals {
			store: Store;
			/** set by hooks.server.ts only (handleSession); null when anonymous */
			user: SessionUser | null;
			/** a password login waiting for its second factor */
			pendingMfa: { userId: string; sessionId: string } | null;
		}
		// interface Error {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
