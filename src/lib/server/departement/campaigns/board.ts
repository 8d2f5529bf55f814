// The status board of a campaign: for each group and kind, sent, late or missing, from the
// versions each group has sent for the period.
import { sortFr } from '$lib/format';
import { foldGroups } from '../../releases/territory-rows';
import { STATE_LABELS } from './labels';
import type { BoardEntry, EntryState, ReminderStage } from '$lib/departement/types';
import type { Campaign, Db } from './store';

/** Whether an ISO timestamp falls after the due date (a day; compared on the calendar date). */
function afterDue(at: string, due: string): boolean {
	return at.slice(0, 10) > due;
}

export function entryState(
	due: string,
	today: string,
	sent: { version: number; firstAt: string; lastAt: string } | null
): EntryState {
	if (!sent) return today > due ? 'en_retard' : 'manquant';
	if (afterDue(sent.firstAt, due)) return 'envoye_en_retard';
	if (sent.version > 1 && afterDue(sent.lastAt, due)) return 'renvoye_apres_echeance';
	return 'envoye';
}

interface SentInfo {
	version: number;
	firstAt: string;
	lastAt: string;
}

/** What each group has sent for a period, by kind. */
export async function sentFor(db: Db, groupIds: string[], period: string) {
	const sent = new Map<string, SentInfo>();
	for (let i = 0; i < groupIds.length; i += 500) {
		const rows = await db
			.selectFrom('submissions')
			.select(['group_id', 'kind', 'version', 'status', 'uploaded_at'])
			.where('group_id', 'in', groupIds.slice(i, i + 500))
			.where('period', '=', period)
			.execute();
		for (const r of rows) {
			const key = `${r.group_id}|${r.kind}`;
			const s = sent.get(key) ?? { version: 0, firstAt: r.uploaded_at, lastAt: r.uploaded_at };
			if (r.uploaded_at < s.firstAt) s.firstAt = r.uploaded_at;
			if (r.status === 'submitted' && r.version >= s.version) {
				s.version = r.version;
				s.lastAt = r.uploaded_at;
			}
			sent.set(key, s);
		}
	}
	for (const [k, s] of sent) if (s.version === 0) sent.delete(k);
	return sent;
}

async function campaignGroups(db: Db, campaignId: string) {
	const rows = await db
		.selectFrom('campaign_groups as cg')
		.innerJoin('groups as g', 'g.id', 'cg.group_id')
		.leftJoin('group_communes as gc', 'gc.group_id', 'g.id')
		.leftJoin('communes as c', 'c.code', 'gc.commune_code')
		.select(['g.id', 'g.name', 'g.instance_type', 'c.code', 'c.nom'])
		.where('cg.campaign_id', '=', campaignId)
		.execute();
	const groups = foldGroups(
		rows,
		(r) => ({
			id: r.id,
			name: r.name,
			instanceType: r.instance_type,
			communes: [] as { code: string; nom: string }[]
		}),
		(r) => (r.code && r.nom ? { code: r.code, nom: r.nom } : null)
	);
	// French collation: the database sorts "Étampes" after "Z"
	for (const g of groups.values()) g.communes = sortFr(g.communes, (c) => c.nom);
	return sortFr([...groups.values()], (g) => g.name);
}

export interface Board {
	entries: BoardEntry[];
	counts: Record<EntryState, number>;
	groups: number;
	/** groups that sent every kind required */
	complete: number;
	reminders: { sent: number; emailed: number };
}

export async function campaignBoard(db: Db, campaign: Campaign, today: string): Promise<Board> {
	const groups = await campaignGroups(db, campaign.id);
	const [sent, reminders] = await Promise.all([
		sentFor(
			db,
			groups.map((g) => g.id),
			campaign.period
		),
		db
			.selectFrom('campaign_reminders')
			.select(['group_id', 'kind', 'stage', 'email_status'])
			.where('campaign_id', '=', campaign.id)
			.execute()
	]);
	const remindersOf = new Map<string, ReminderStage[]>();
	for (const r of reminders) {
		const key = `${r.group_id}|${r.kind}`;
		remindersOf.set(key, [...(remindersOf.get(key) ?? []), r.stage as ReminderStage]);
	}
	const counts = Object.fromEntries(
		(Object.keys(STATE_LABELS) as EntryState[]).map((s) => [s, 0])
	) as Record<EntryState, number>;
	const entries: BoardEntry[] = [];
	let complete = 0;
	for (const g of groups) {
		let all = true;
		for (const kind of campaign.kinds) {
			const s = sent.get(`${g.id}|${kind}`) ?? null;
			const state = entryState(campaign.dueDate, today, s);
			if (!s) all = false;
			counts[state]++;
			entries.push({
				groupId: g.id,
				groupName: g.name,
				instanceType: g.instanceType,
				communes: g.communes,
				kind,
				state,
				version: s?.version ?? null,
				firstAt: s?.firstAt ?? null,
				lastAt: s?.lastAt ?? null,
				reminders: remindersOf.get(`${g.id}|${kind}`) ?? []
			});
		}
		if (all) complete++;
	}
	return {
		entries,
		counts,
		groups: groups.length,
		complete,
		reminders: {
			sent: reminders.length,
			emailed: reminders.filter((r) => r.email_status === 'sent').length
		}
	};
}
