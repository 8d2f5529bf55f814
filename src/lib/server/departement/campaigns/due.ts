// What the open campaigns expect from a referent's groups (their home page).
import { KIND_LABELS } from '$contracts/codes';
import { periodLabel } from '$contracts/period';
import type { Kind } from '$contracts/codes';
import { STATE_LABELS } from './labels';
import type { EntryState } from '$lib/departement/types';
import type { Db } from './store';
import { entryState, sentFor } from './board';

export interface DueItem {
	campaignId: string;
	period: string;
	periodLabel: string;
	dueDate: string;
	groupId: string;
	kind: Kind;
	kindLabel: string;
	state: EntryState;
	stateLabel: string;
	version: number | null;
	/** days until the due date (negative once passed) */
	daysLeft: number;
	done: boolean;
}

export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What the open campaigns expect from these groups (for the referent's home page). */
export async function dueForGroups(db: Db, groupIds: string[], today: string): Promise<DueItem[]> {
	if (!groupIds.length) return [];
	const rows = await db
		.selectFrom('campaigns as c')
		.innerJoin('campaign_groups as cg', 'cg.campaign_id', 'c.id')
		.select(['c.id', 'c.period', 'c.kinds', 'c.due_date', 'cg.group_id'])
		.where('c.status', '=', 'open')
		.where('cg.group_id', 'in', groupIds)
		.orderBy('c.due_date')
		.execute();
	const items: DueItem[] = [];
	for (const period of new Set(rows.map((r) => r.period))) {
		const forPeriod = rows.filter((r) => r.period === period);
		const sent = await sentFor(
			db,
			forPeriod.map((r) => r.group_id),
			period
		);
		for (const r of forPeriod)
			for (const kind of JSON.parse(r.kinds) as Kind[]) {
				const s = sent.get(`${r.group_id}|${kind}`) ?? null;
				const state = entryState(r.due_date, today, s);
				items.push({
					campaignId: r.id,
					period,
					periodLabel: periodLabel(period),
					dueDate: r.due_date,
					groupId: r.group_id,
					kind,
					kindLabel: KIND_LABELS[kind],
					state,
					stateLabel: STATE_LABELS[state],
					version: s?.version ?? null,
					daysLeft: daysBetween(today, r.due_date),
					done: !!s
				});
			}
	}
	return items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.kind.localeCompare(b.kind));
}
