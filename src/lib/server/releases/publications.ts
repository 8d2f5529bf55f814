// « Published is published »: a period's figures are published once (its campaign closed, the
// analyst's « Publier la période », or automatically once complete: see publish.ts), and from then on every release of that period (commune
// pages, comparison, annual bilan, exports, PDF) is cut from the submissions in force at that
// moment. A version sent afterwards is stored and shown to its group and to the département, but
// held: it changes no published figure, so no two publications of the same period can be
// differenced. The year's regroupings are fixed by its first publication for the same reason.
import type { Kysely, Transaction } from 'kysely';
import type { Database, PublicationTable } from '../db/schema';
import { currentSubmissions } from '../submissions';
import { asPublished, type Plan } from './joint/plan';
import { PROTECTION_VERSION } from './joint/table-set';

type AnyDb = Kysely<Database> | Transaction<Database>;

/** Submission ids of a published period: group id → kind → id. */
export type PublishedIds = Record<string, Record<string, string>>;

export interface Publication {
	period: string;
	publishedAt: string;
	ids: PublishedIds;
	plan: Plan | null;
	/** The protection version its figures were protected with (see PROTECTION_VERSION). */
	protection: number;
}

function fromRow(r: PublicationTable): Publication {
	return {
		period: r.period,
		publishedAt: r.published_at,
		ids: JSON.parse(r.snapshot_json) as PublishedIds,
		plan: r.plan_json ? (JSON.parse(r.plan_json) as Plan) : null,
		protection: r.protection ?? 1
	};
}

/** The publications of a département's periods of a year (the year itself, its semesters, quarters). */
export async function publicationsOf(
	db: AnyDb,
	departement: string,
	periods: string[]
): Promise<Map<string, Publication>> {
	if (!periods.length) return new Map();
	const rows = await db
		.selectFrom('publications')
		.selectAll()
		.where('departement', '=', departement)
		.where('period', 'in', periods)
		.orderBy('published_at')
		.execute();
	return new Map(rows.map((r) => [r.period, fromRow(r)]));
}

/** The plan fixed by the year's first publication, if any. */
export function yearPlan(publications: Map<string, Publication>): Plan | null {
	// ties (two periods published at the same instant by two servers) are broken by period
	for (const p of [...publications.values()].sort(
		(a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.period.localeCompare(b.period)
	)) {
		if (p.plan) return asPublished(p.plan);
	}
	return null;
}

/** The versions in force for a period of a département's groups: what a publication records. */
export async function currentIds(
	db: AnyDb,
	departement: string,
	period: string
): Promise<PublishedIds> {
	const rows = await currentSubmissions(db)
		.innerJoin('groups', 'groups.id', 'submissions.group_id')
		.select(['submissions.id', 'submissions.group_id', 'submissions.kind'])
		.where('groups.departement', '=', departement)
		.where('submissions.period', '=', period)
		.execute();
	const ids: PublishedIds = {};
	for (const r of rows) (ids[r.group_id] ??= {})[r.kind] = r.id;
	return ids;
}

export interface PublicationInput {
	departement: string;
	period: string;
	ids: PublishedIds;
	plan: Plan | null;
	at: string;
	by: string | null;
	campaignId: string | null;
}

/** A publication's row. */
const publicationRow = (p: PublicationInput) => ({
	departement: p.departement,
	period: p.period,
	snapshot_json: JSON.stringify(p.ids),
	plan_json: p.plan ? JSON.stringify(p.plan) : null,
	published_at: p.at,
	published_by: p.by,
	campaign_id: p.campaignId,
	// the pattern the period is published with is the one this version computes, for good
	protection: PROTECTION_VERSION
});

/** Records a period's publication (in the caller's transaction); refused if already published. */
export async function recordPublication(db: AnyDb, p: PublicationInput): Promise<void> {
	await db.insertInto('publications').values(publicationRow(p)).execute();
}

/** Records a period's publication unless it already exists (the key is the département and
 * the period): true when this call recorded it. Two servers publishing the same period at once
 * both end with the one row the database kept; the caller reads it back. */
export async function recordPublicationOnce(db: AnyDb, p: PublicationInput): Promise<boolean> {
	const inserted = await db
		.insertInto('publications')
		.values(publicationRow(p))
		.onConflict((oc) => oc.columns(['departement', 'period']).doNothing())
		.returning('period')
		.executeTakeFirst();
	return Boolean(inserted);
}

/** A group's versions received after its period was published, by period: held, not published. */
export async function heldRevisions(
	db: AnyDb,
	groupId: string
): Promise<
	Array<{ period: string; kind: string; publishedVersion: number | null; version: number }>
> {
	const pubs = await db
		.selectFrom('publications')
		.innerJoin('groups', 'groups.departement', 'publications.departement')
		.select(['publications.period', 'publications.snapshot_json'])
		.where('groups.id', '=', groupId)
		.execute();
	if (!pubs.length) return [];
	const current = await currentSubmissions(db)
		.select(['id', 'period', 'kind', 'version'])
		.where('group_id', '=', groupId)
		.where(
			'period',
			'in',
			pubs.map((p) => p.period)
		)
		.execute();
	// the group's published submission of each (period, kind)
	const published = new Map<string, string>();
	for (const p of pubs) {
		const ids = (JSON.parse(p.snapshot_json) as PublishedIds)[groupId] ?? {};
		for (const [kind, id] of Object.entries(ids)) published.set(`${p.period}|${kind}`, id);
	}
	const publishedIds = new Set(published.values());
	const versions = publishedIds.size
		? await db
				.selectFrom('submissions')
				.select(['id', 'version'])
				.where('id', 'in', [...publishedIds])
				.execute()
		: [];
	const versionOf = new Map(versions.map((v) => [v.id, v.version]));
	const out = current
		.filter((c) => !publishedIds.has(c.id))
		.map((c) => {
			const id = published.get(`${c.period}|${c.kind}`);
			return {
				period: c.period,
				kind: c.kind,
				publishedVersion: id ? (versionOf.get(id) ?? null) : null,
				version: c.version
			};
		});
	return out.sort((a, b) => a.period.localeCompare(b.period) || a.kind.localeCompare(b.kind));
}
