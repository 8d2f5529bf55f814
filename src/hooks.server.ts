// Request pipeline: a sequence of named handles. `init` opens, migrates and seeds the store once.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { store } from '$lib/server/app';

export const init: ServerInit = async () => {
	await store();
};

const handleStore: Handle = async ({ event, resolve }) => {
	event.locals.store = await store();
	return resolve(event);
};

export const handle = sequence(handleStore);
