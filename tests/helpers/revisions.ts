// A group revising what it sent, for the « published is published » tests: the version in force,
// its situations read back as rows a new version is built from, that new version sent, and what an
// intruder compares between the releases before and after.
import type { Kind } from '$contracts/codes';
import { validRows, type Row } from '$contracts/generate';
import type { Release } from '$lib/release';
import type { Store } from '../../src/lib/server/db';
import type { Submission } from '../../src/lib/server/db/schema';
import { dataChanged } from '../../src/lib/server/events';
import { storeSubmission } from '../../src/lib/server/submissions';

type Db = Store['db'];

/** Every cell's value and status, as an intruder differencing two releases reads them. */
export const figures = (r: Release) =>
	r.cells
		.map((c) => `${c.measure}|${c.unit}|${c.variable}|${c.code}|${c.status}|${c.value}`)
		.sort();

/** The group's submitted (in force) version of `kind` for the period. */
export function submittedVersion(
	db: Db,
	group: string,
	period: string,
	kind: Kind = 'situations'
): Promise<Submission> {
	return db
		.selectFrom('submissions')
		.selectAll()
		.where((eb) => eb.and({ group_id: group, period, kind, status: 'submitted' }))
		.executeTakeFirstOrThrow();
}

/** The situations of a stored version, as the rows of a file (empty cells for nulls). */
export async function situationRows(db: Db, submissionId: string): Promise<Row[]> {
	const stored = await db
		.selectFrom('situation_rows')
		.selectAll()
		.where('submission_id', '=', submissionId)
		.orderBy('line')
		.execute();
	return stored.map(({ submission_id: _, line: __, ...r }) =>
		Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))
	);
}

/** Sends `rows` as the group's next situations version (`file`: its name and text). */
export async function sendSituations(
	db: Db,
	group: string,
	period: string,
	rows: Row[],
	file = { name: `${group}-${period}.csv`, text: `${group} ${period} ${rows.length}` }
): Promise<Submission> {
	const stored = await storeSubmission(db, {
		groupId: group,
		kind: 'situations',
		period,
		filename: file.name,
		bytes: new TextEncoder().encode(file.text),
		rows: validRows('situations', rows),
		uploadedBy: null
	});
	dataChanged('submissions');
	return stored.submission;
}

/** The situations of the group's version in force for the period. */
export async function submittedSituations(db: Db, group: string, period: string): Promise<Row[]> {
	return situationRows(db, (await submittedVersion(db, group, period)).id);
}
