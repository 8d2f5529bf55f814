// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Store } from '$lib/server/db';

declare global {
	namespace App {
		interface Locals {
			store: Store;
		}
		// interface Error {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
