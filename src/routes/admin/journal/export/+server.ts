import type { RequestHandler } from './$types';
import { auditEvent } from '$lib/server/audit/audit-event';
import { exportJournal, parseJournalFilter } from '$lib/server/audit/journal';
import { requireAdmin } from '$lib/server/auth/scopes';

export const GET: RequestHandler = async (event) => {
	requireAdmin(event);
	const filter = parseJournalFilter(event.url.searchParams);
	const { csv, rows } = await exportJournal(event.locals.store.db, filter);
	await auditEvent(event, 'export.audit_log', { rows, filter: { ...filter, page: undefined } });
	const day = new Date().toISOString().slice(0, 10);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="journal-audit-${day}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
