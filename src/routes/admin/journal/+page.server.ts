import type { PageServerLoad } from './$types';
import { parseJournalFilter, readJournal, readableEntry } from '$lib/server/audit/journal';
import { actionLabel } from '$lib/server/audit/audit-labels';
import { requireAdmin } from '$lib/server/auth/scopes';
import { sortFr } from '$lib/format';

export const load = (async (event) => {
	requireAdmin(event);
	const filter = parseJournalFilter(event.url.searchParams);
	const journal = await readJournal(event.locals.store.db, filter);
	return {
		filter,
		total: journal.total,
		pages: journal.pages,
		// labels, never the stored codes and JSON
		entries: journal.entries.map(readableEntry),
		actions: sortFr(
			journal.actions.map((code) => ({ code, label: actionLabel(code) })),
			(a) => a.label
		)
	};
}) satisfies PageServerLoad;
