// The server side of a referent's upload: the bytes are validated again with the contracts (the
// browser is never trusted), then stored in one transaction as a new version superseding the
// previous one, with a summary of what changed. Validation runs in a worker thread (never on the
// event loop), twice on an accepted file: once to decide (nothing is kept), once streaming the
// normalized rows into the insert in batches, so a large file is never held as objects in memory.
import type { Kysely } from 'kysely';
import type { TabularKind } from '$contracts/codes';
import type { Report } from '$contracts/report';
import type { ValidRow } from '$contracts/validate';
import type { Database, Submission } from '../db/schema';
import { currentSubmission, insertSubmission, ROW_TABLES, type StoredValue } from '../submissions';
import { ChangeTracker, type ChangeSummary } from './diff';
import { checkUpload } from '../validation/pool';
import { dataChanged } from '../events';
import { config } from '../config';
import { DEFAULT_THRESHOLD } from '../settings';
import { confirmationsFor, groupPopulation, type Confirmation } from './plausibility';

export interface UploadInput {
	groupId: string;
	period: string;
	kind: TabularKind;
	filename: string;
	bytes: Uint8Array;
	actorId: string | null;
	actorLabel: string | null;
	ip: string | null;
	/** the upload limit (default: the configured one) */
	maxBytes?: number;
	/** the deployment's k, for the re-identification warning (default: the default threshold) */
	k?: number;
	/** the referent confirmed the questions a previous attempt raised */
	confirmed?: boolean;
}

export type UploadOutcome =
	| { kind: 'refused'; report: Report }
	| { kind: 'confirm'; report: Report; questions: Confirmation[] }
	| { kind: 'duplicate'; report: Report; submission: Submission }
	| { kind: 'stored'; report: Report; submission: Submission; changes: ChangeSummary | null };

type StoredRow = Record<string, StoredValue>;

/**
 * Rows of a stored submission, keyed by canonical column name, a page at a time with a turn of
 * the event loop between pages (a million rows read at once would stall every other request).
 */
export async function* submissionRowPages(
	db: Kysely<Database>,
	kind: TabularKind,
	submissionId: string,
	pageSize = 2000
): AsyncGenerator<StoredRow[]> {
	let after = -1;
	for (;;) {
		const page = (await db
			.selectFrom(ROW_TABLES[kind])
			.selectAll()
			.where('submission_id', '=', submissionId)
			.where('line', '>', after)
			.orderBy('line')
			.limit(pageSize)
			.execute()) as StoredRow[];
		if (page.length) yield page;
		if (page.length < pageSize) return;
		after = Number(page[page.length - 1].line);
		await new Promise((r) => setImmediate(r));
	}
}

/** Rows of a stored submission, keyed by canonical column name. */
export async function submissionRows(
	db: Kysely<Database>,
	kind: TabularKind,
	submissionId: string
): Promise<StoredRow[]> {
	const rows: StoredRow[] = [];
	for await (const page of submissionRowPages(db, kind, submissionId)) rows.push(...page);
	return rows;
}

export async function submitUpload(
	db: Kysely<Database>,
	input: UploadInput
): Promise<UploadOutcome> {
	const check = await checkUpload(input.kind, input.bytes, {
		maxBytes: input.maxBytes ?? config().uploadMaxBytes,
		k: input.k ?? DEFAULT_THRESHOLD
	});
	try {
		const outcome = await storeChecked(db, input, check);
		// committed: the releases built from the versions in force are stale
		if (outcome.kind === 'stored') dataChanged('submissions');
		return outcome;
	} finally {
		check.release();
	}
}

async function storeChecked(
	db: Kysely<Database>,
	input: UploadInput,
	check: Awaited<ReturnType<typeof checkUpload>>
): Promise<UploadOutcome> {
	const { report } = check;
	if (!report.ok) return { kind: 'refused', report };

	const current = await currentSubmission(db, input.groupId, input.kind, input.period);
	if (current && current.sha256 === check.sha256)
		return { kind: 'duplicate', report, submission: current };
	if (!input.confirmed) {
		const questions = confirmationsFor(
			input.kind,
			report.rows,
			current?.row_count ?? null,
			await groupPopulation(db, input.groupId)
		);
		if (questions.length) return { kind: 'confirm', report, questions };
	}

	return db.transaction().execute(async (trx) => {
		const previous = await currentSubmission(trx, input.groupId, input.kind, input.period);
		const tracker = previous ? new ChangeTracker(input.kind, previous.version) : null;
		if (previous && tracker)
			for await (const page of submissionRowPages(trx, input.kind, previous.id))
				for (const row of page) tracker.remember(row);
		async function* rows(): AsyncGenerator<ValidRow> {
			for await (const valid of check.rows()) {
				tracker?.add(valid.row);
				yield valid;
			}
		}
		const stored = await insertSubmission(trx, {
			groupId: input.groupId,
			kind: input.kind,
			period: input.period,
			filename: input.filename,
			bytes: input.bytes,
			sha256: check.sha256,
			rows: rows(),
			uploadedBy: input.actorId,
			actorLabel: input.actorLabel,
			ip: input.ip
		});
		if (stored.duplicate) return { kind: 'duplicate', report, submission: stored.submission };
		const changes = tracker?.summary() ?? null;
		if (changes)
			await trx
				.updateTable('submissions')
				.set({ change_summary: JSON.stringify(changes) })
				.where('id', '=', stored.submission.id)
				.execute();
		return {
			kind: 'stored',
			report,
			changes,
			submission: { ...stored.submission, change_summary: changes ? JSON.stringify(changes) : null }
		};
	});
}

/** Counts by code for the audit of a refused upload (codes and counts only, never values). */
export function refusalDetails(report: Report): Record<string, number> {
	if (report.errorsByCode) return { ...report.errorsByCode };
	const out: Record<string, number> = {};
	for (const e of report.errors) out[e.code] = (out[e.code] ?? 0) + 1;
	return out;
}
