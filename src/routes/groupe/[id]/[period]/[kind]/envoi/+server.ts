// Receives the original bytes of an upload (raw body), enforces the size limit before parsing,
// validates them again with the contracts and stores a new version — or answers with the same
// report the browser showed and stores nothing. Who may send is checked here; the work is in
// `$lib/server/referent/receive`.
import { error } from '@sveltejs/kit';
import { referentContext } from '$lib/server/referent/context';
import { loadGroup } from '$lib/server/referent/home';
import { receiveUpload } from '$lib/server/referent/receive';
import { getSettings } from '$lib/server/settings';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const { user, groupId, period, kind } = referentContext(event, event.params);
	if (!kind) error(404);
	const origin = event.request.headers.get('origin');
	if (origin && origin !== event.url.origin) error(403, 'Origine de la requête refusée.');
	const [, settings] = await Promise.all([
		loadGroup(event.locals.store.db, groupId),
		getSettings(event.locals.store.db)
	]);
	return receiveUpload(event, { user, groupId, period, kind, k: settings.disclosureThreshold });
};
