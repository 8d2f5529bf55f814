// Reading the audit trail for the admin page, and its CSV export for spreadsheets: UTF-8 with BOM,
// `;` separated, and no cell that a spreadsheet could run as a formula.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditEntry, Database } from '../db/schema';
import { csvDocument } from '$contracts/csv-write';
import { formatShortDateTime } from '$lib/format';
import { actionLabel, detailsText, targetLabel } from './audit-labels';

export { csvCell } from '$contracts/csv-write';

export const PAGE_SIZE = 50;
export const EXPORT_LIMIT = 100_000;

export const journalFilterSchema = z.object({
	action: z.string().trim().max(100).optional().default(''),
	actor: z.string().trim().max(320).optional().default(''),
	from: z
		.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)])
		.optional()
		.default(''),
	to: z
		.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)])
		.optional()
		.default(''),
	page: z.coerce.number().int().min(1).max(100_000).optional().default(1)
});
export type JournalFilter = z.infer<typeof journalFilterSchema>;

export function parseJournalFilter(params: URLSearchParams): JournalFilter {
	const parsed = journalFilterSchema.safeParse(Object.fromEntries(params));
	return parsed.success ? parsed.data : journalFilterSchema.parse({});
}

function filtered(db: Kysely<Database>, f: JournalFilter) {
	let q = db.selectFrom('audit_log');
	if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_]/g, '')}%`);
	if (f.actor)
		q = q.where('actor_label', 'like', `%${f.actor.toLowerCase().replace(/[%_]/g, '')}%`);
	if (f.from) q = q.where('at', '>=', `${f.from}T00:00:00.000Z`);
	if (f.to) q = q.where('at', '<=', `${f.to}T23:59:59.999Z`);
	return q;
}

export async function readJournal(db: Kysely<Database>, f: JournalFilter) {
	const total = Number(
		(
			await filtered(db, f)
				.select((e) => e.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);
	const entries = await filtered(db, f)
		.selectAll()
		.orderBy('id', 'desc')
		.limit(PAGE_SIZE)
		.offset((f.page - 1) * PAGE_SIZE)
		.execute();
	const actions = await db
		.selectFrom('audit_log')
		.select('action')
		.distinct()
		.orderBy('action')
		.execute();
	return {
		total,
		entries,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		actions: actions.map((a) => a.action)
	};
}

export async function exportJournal(
	db: Kysely<Database>,
	f: JournalFilter
): Promise<{ csv: string; rows: number }> {
	const entries = await filtered(db, f)
		.selectAll()
		.orderBy('id', 'asc')
		.limit(EXPORT_LIMIT)
		.execute();
	return { csv: journalCsv(entries), rows: entries.length };
}

const HEADER = [
	'id',
	'date',
	'acteur',
	'identifiant_acteur',
	'action',
	'cible',
	'détails',
	'adresse_ip',
	'navigateur'
];

/** An entry as people read it (labels, Paris time), for the page and the export. */
export function readableEntry(e: AuditEntry) {
	return {
		id: e.id,
		at: formatShortDateTime(e.at),
		actor: e.actor_label,
		action: actionLabel(e.action),
		target: targetLabel(e.target_type, e.target_id),
		details: detailsText(e.details),
		ip: e.ip
	};
}

export function journalCsv(entries: AuditEntry[]): string {
	return csvDocument(
		HEADER,
		entries.map((e) => {
			const r = readableEntry(e);
			return [r.id, r.at, r.actor, e.actor_id, r.action, r.target, r.details, r.ip, e.user_agent];
		})
	);
}
