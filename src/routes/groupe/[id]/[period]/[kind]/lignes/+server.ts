// The group's current rows of a kind for a period, for the preview in the referent's browser
// (the group's own data: its referents only). Row arrays in contract column order.
import { json } from '@sveltejs/kit';
import { normalizedColumns } from '$contracts/validate';
import { currentSubmission } from '$lib/server/submissions';
import { referentContext } from '$lib/server/referent/context';
import { submissionRows } from '$lib/server/referent/submit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { groupId, period, kind } = referentContext(event, event.params);
	const db = event.locals.store.db;
	const current = kind ? await currentSubmission(db, groupId, kind, period) : undefined;
	if (!kind || !current) return json({ version: null, rows: [] });
	const columns = normalizedColumns(kind);
	const rows = (await submissionRows(db, kind, current.id)).map((r) =>
		columns.map((c) => (c.type === 'BOOLEAN' ? r[c.name] === 1 : (r[c.name] ?? null)))
	);
	return json({ version: current.version, rows });
};
