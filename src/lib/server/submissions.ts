// Storing a group's submission: original bytes + sha256, normalized rows and a new version that
// supersedes the previous one, all in one transaction. Rows arrive as the contracts' validator
// emits them (typed values and the file line) and are stored as such. Storage knows nothing of
// the release caches: whoever stores announces it once committed (`dataChanged` in `events.ts`).
import { createHash, randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Kind, TabularKind } from '$contracts/codes';
import { FIELDS } from '$contracts/fields';
import type { ValidRow } from '$contracts/validate';
import type { Database, Submission } from './db/schema';
import { audit } from './audit/audit';

export interface BilanContent {
	institution_designee: string;
	faits_marquants: string;
	difficultes: string;
	bonnes_pratiques: string;
	perspectives: string;
}

export interface SubmissionInput {
	groupId: string;
	kind: Kind;
	period: string;
	filename: string;
	bytes: Uint8Array;
	/** the bytes' SHA-256 when already computed (off the main thread) */
	sha256?: string;
	/** the validator's rows (normalized, with their file line) for tabular kinds */
	rows?: Iterable<ValidRow> | AsyncIterable<ValidRow>;
	bilan?: BilanContent;
	uploadedBy: string | null;
	uploadedAt?: Date;
	actorLabel?: string | null;
	ip?: string | null;
}

export interface StoredSubmission {
	submission: Submission;
	duplicate: boolean;
}

export function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** The table holding the rows of each tabular kind. */
export const ROW_TABLES = {
	situations: 'situation_rows',
	seances: 'seance_rows',
	incidents: 'incident_rows'
} as const;
export type RowTable = (typeof ROW_TABLES)[TabularKind];

/** A value as stored: booleans as 0/1, the portable type (SQLite has none). */
export type StoredValue = string | number | null;

/**
 * A valid row as stored: the contract's normalized values under their field names, with the
 * line the file holds it on (the one the report points at). Columns are the contract's fields
 * (`FIELDS`), which a test checks against the migrated tables.
 */
export function storedRow(
	kind: TabularKind,
	submissionId: string,
	{ line, row }: ValidRow
): Record<string, StoredValue> {
	const out: Record<string, StoredValue> = { submission_id: submissionId, line };
	for (const f of FIELDS[kind]) {
		const v = row[f.name] ?? null;
		out[f.name] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
	}
	return out;
}

const CHUNK = 200;

async function insertRows(
	trx: Transaction<Database>,
	id: string,
	kind: TabularKind,
	rows: Iterable<ValidRow> | AsyncIterable<ValidRow>
) {
	let count = 0;
	let batch: Record<string, StoredValue>[] = [];
	const flush = async () => {
		if (!batch.length) return;
		await trx
			.insertInto(ROW_TABLES[kind])
			.values(batch as Insertable<Database[RowTable]>[])
			.execute();
		batch = [];
	};
	for await (const row of rows) {
		batch.push(storedRow(kind, id, row));
		count++;
		if (batch.length === CHUNK) await flush();
	}
	await flush();
	return count;
}

/**
 * The versions in force: for each group, kind and period, the latest submitted one (older versions
 * are `superseded`). The one place that says what « current » means; callers add their filters,
 * joins and columns.
 */
export function currentSubmissions(db: Kysely<Database> | Transaction<Database>) {
	return db.selectFrom('submissions').where('submissions.status', '=', 'submitted');
}

/** The current (latest submitted) version of a group's kind for a period, if any. */
export async function currentSubmission(
	db: Kysely<Database>,
	groupId: string,
	kind: Kind,
	period: string
): Promise<Submission | undefined> {
	return db
		.selectFrom('submissions')
		.selectAll()
		.where('group_id', '=', groupId)
		.where('kind', '=', kind)
		.where('period', '=', period)
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/** The bytes a group sent as one version of a kind for a period, exactly as received. */
export async function originalFile(
	db: Kysely<Database>,
	groupId: string,
	kind: Kind,
	period: string,
	version: number
): Promise<{ id: string; filename: string; sha256: string; bytes: Uint8Array } | undefined> {
	return db
		.selectFrom('submissions')
		.innerJoin('submission_files', 'submission_files.submission_id', 'submissions.id')
		.select([
			'submissions.id',
			'submissions.filename',
			'submissions.sha256',
			'submission_files.bytes'
		])
		.where('submissions.group_id', '=', groupId)
		.where('submissions.kind', '=', kind)
		.where('submissions.period', '=', period)
		.where('submissions.version', '=', version)
		.executeTakeFirst();
}

/** Inserts within a caller's transaction (the demo seeding stores hundreds in one). */
export async function insertSubmission(
	trx: Transaction<Database>,
	input: SubmissionInput
): Promise<StoredSubmission> {
	const hash = input.sha256 ?? sha256(input.bytes);
	const previous = await currentSubmission(trx, input.groupId, input.kind, input.period);
	if (previous && previous.sha256 === hash) return { submission: previous, duplicate: true };

	const id = randomUUID();
	const at = (input.uploadedAt ?? new Date()).toISOString();
	const version = (previous?.version ?? 0) + 1;
	if (previous) {
		await trx
			.updateTable('submissions')
			.set({ status: 'superseded' })
			.where('id', '=', previous.id)
			.execute();
	}
	await trx
		.insertInto('submissions')
		.values({
			id,
			group_id: input.groupId,
			kind: input.kind,
			period: input.period,
			version,
			status: 'submitted',
			sha256: hash,
			filename: input.filename.slice(0, 200),
			size_bytes: input.bytes.byteLength,
			row_count: 0,
			uploaded_by: input.uploadedBy,
			uploaded_at: at,
			supersedes: previous?.id ?? null,
			change_summary: null
		})
		.execute();
	await trx
		.insertInto('submission_files')
		.values({ submission_id: id, bytes: input.bytes })
		.execute();
	let rowCount = 0;
	if (input.kind === 'bilan') {
		if (!input.bilan) throw new Error('bilan content required');
		await trx
			.insertInto('bilan_rows')
			.values({ submission_id: id, ...input.bilan })
			.execute();
		rowCount = 1;
	} else {
		rowCount = await insertRows(trx, id, input.kind, input.rows ?? []);
	}
	await trx.updateTable('submissions').set({ row_count: rowCount }).where('id', '=', id).execute();
	await audit(
		trx,
		{
			actorId: input.uploadedBy,
			actorLabel: input.actorLabel ?? null,
			action: 'submission.create',
			targetType: 'submission',
			targetId: id,
			details: {
				group: input.groupId,
				kind: input.kind,
				period: input.period,
				version,
				rows: rowCount
			},
			ip: input.ip ?? null
		},
		new Date(at)
	);
	const submission = await trx
		.selectFrom('submissions')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	return { submission, duplicate: false };
}

export async function storeSubmission(
	db: Kysely<Database>,
	input: SubmissionInput
): Promise<StoredSubmission> {
	return db.transaction().execute((trx) => insertSubmission(trx, input));
}
