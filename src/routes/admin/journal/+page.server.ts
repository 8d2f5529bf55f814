import type { PageServerLoad } from './$types';
import { parseJournalFilter, readJournal } from '$lib/server/auth/journal';
import { requireAdmin } from '$lib/server/auth/scopes';

export const load = (async (event) => {
	requireAdmin(event);
	const filter = parseJournalFilter(event.url.searchParams);
	return { filter, ...(await readJournal(event.locals.store.db, filter)) };
}) satisfies PageServerLoad;
