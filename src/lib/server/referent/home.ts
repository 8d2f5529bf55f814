// What a referent sees of a group: its periods with the state of each kind, what is due next,
// and every version sent (with its change summary). Submissions metadata only, never rows.
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { KINDS, type Kind, type TabularKind } from '$contracts/codes';
import { parsePeriod, comparePeriods } from '$contracts/period';
import type { Database } from '../db/schema';
import { draftPeriods } from './bilan';
import { describeChanges, type ChangeSummary } from './diff';
import { dueNext, groupPeriods, kindState } from './periods';
import type { KindState, VersionEntry } from '$lib/referent/types';
import { sortFr } from '$lib/format';

/** A group with the communes it covers, as its referent's and the admin's pages show it. */
export interface GroupWithCommunes {
	id: string;
	name: string;
	instanceType: string;
	demo: boolean;
	communes: { code: string; nom: string }[];
}

export interface PeriodEntry {
	period: string;
	kinds: Record<Kind, KindState>;
	history: Record<Kind, VersionEntry[]>;
}

export async function loadGroup(db: Kysely<Database>, groupId: string): Promise<GroupWithCommunes> {
	const [group, communes] = await Promise.all([
		db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst(),
		db
			.selectFrom('group_communes')
			.innerJoin('communes', 'communes.code', 'group_communes.commune_code')
			.select(['communes.code', 'communes.nom'])
			.where('group_communes.group_id', '=', groupId)
			.execute()
			.then((rows) => sortFr(rows, (c) => c.nom))
	]);
	if (!group) error(404, 'Groupe introuvable : il a peut-être été supprimé par l’administrateur.');
	return {
		id: group.id,
		name: group.name,
		instanceType: group.instance_type,
		demo: group.demo === 1,
		communes
	};
}

/** A period the referent may send: a valid code that has started. */
export function assertPeriod(period: string, now = new Date()): void {
	const p = parsePeriod(period);
	if (!p || p.code !== period)
		error(404, 'Période inconnue : choisissez une période depuis la page du groupe.');
	if (Date.UTC(p.year, p.from - 1, 1) > now.getTime())
		error(404, 'Cette période n’a pas commencé : elle ne peut pas encore être envoyée.');
}

export function describeSummary(kind: Kind, json: string | null): string | null {
	if (!json || kind === 'bilan') return null;
	try {
		return describeChanges(kind as TabularKind, JSON.parse(json) as ChangeSummary);
	} catch {
		return null;
	}
}

/**
 * @param dueDates due dates set by open campaigns, keyed `period|kind`: they decide lateness
 */
export async function groupHome(
	db: Kysely<Database>,
	groupId: string,
	now = new Date(),
	dueDates: ReadonlyMap<string, string> = new Map()
) {
	const [group, created, submissions, drafts] = await Promise.all([
		loadGroup(db, groupId),
		db.selectFrom('groups').select('created_at').where('id', '=', groupId).executeTakeFirst(),
		db
			.selectFrom('submissions')
			.select([
				'kind',
				'period',
				'version',
				'status',
				'uploaded_at',
				'filename',
				'row_count',
				'size_bytes',
				'change_summary'
			])
			.where('group_id', '=', groupId)
			.orderBy('version', 'desc')
			.execute(),
		draftPeriods(db, groupId)
	]);
	const periods = groupPeriods(
		created?.created_at ?? now.toISOString(),
		submissions.map((s) => s.period),
		now
	);
	const entries: PeriodEntry[] = periods
		.sort((a, b) => comparePeriods(b, a))
		.map((period) => {
			const kinds = {} as Record<Kind, KindState>;
			const history = {} as Record<Kind, VersionEntry[]>;
			for (const kind of KINDS) {
				const versions = submissions.filter((s) => s.kind === kind && s.period === period);
				history[kind] = versions.map((s) => ({
					version: s.version,
					status: s.status,
					at: s.uploaded_at,
					filename: s.filename,
					rows: s.row_count,
					sizeBytes: s.size_bytes,
					changes: describeSummary(kind, s.change_summary)
				}));
				const current = versions[0];
				kinds[kind] = kindState(
					period,
					current,
					kind === 'bilan' && drafts.includes(period),
					now,
					dueDates.get(`${period}|${kind}`)
				);
			}
			return { period, kinds, history };
		});
	const next = dueNext([...entries].reverse());
	return { group, periods: entries, next };
}
