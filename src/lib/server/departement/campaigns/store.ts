// Campaigns in the database: open, list, read, and close (which publishes the period).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { KINDS } from '$contracts/codes';
import { periodLabel, yearPeriods } from '$contracts/period';
import type { Kind } from '$contracts/codes';
import type { Database } from '../../db/schema';
import { dataChanged } from '../../events';
import {
	currentIds,
	publicationsOf,
	recordPublication,
	yearPlan
} from '../../releases/publications';
import { currentYearPlan } from '../../releases/year-data';
import { type OpenCampaignInput, openCampaignSchema } from './form';

export type Db = Kysely<Database>;

export interface Campaign {
	id: string;
	departement: string;
	period: string;
	periodLabel: string;
	kinds: Kind[];
	dueDate: string;
	status: 'open' | 'closed';
	openedAt: string;
	closedAt: string | null;
	groupCount: number;
}

export class CampaignError extends Error {}

function toCampaign(
	r: {
		id: string;
		departement: string;
		period: string;
		kinds: string;
		due_date: string;
		status: string;
		opened_at: string;
		closed_at: string | null;
	},
	groupCount: number
): Campaign {
	return {
		id: r.id,
		departement: r.departement,
		period: r.period,
		periodLabel: periodLabel(r.period),
		kinds: JSON.parse(r.kinds) as Kind[],
		dueDate: r.due_date,
		status: r.status === 'closed' ? 'closed' : 'open',
		openedAt: r.opened_at,
		closedAt: r.closed_at,
		groupCount
	};
}

/** Opens a campaign; the groups default to every group of the département. */
export async function openCampaign(
	db: Db,
	departement: string,
	input: OpenCampaignInput,
	actorId: string | null,
	now = new Date()
): Promise<string> {
	const data = openCampaignSchema.parse(input);
	const all = await db
		.selectFrom('groups')
		.select('id')
		.where('departement', '=', departement)
		.orderBy('id')
		.execute();
	const known = new Set(all.map((g) => g.id));
	const groups = data.groups.length ? [...new Set(data.groups)] : [...known];
	const foreign = groups.filter((g) => !known.has(g));
	if (foreign.length) throw new CampaignError('Groupe inconnu dans ce département.');
	if (!groups.length) throw new CampaignError('Aucun groupe dans ce département.');
	const existing = await db
		.selectFrom('campaigns')
		.select('id')
		.where('departement', '=', departement)
		.where('period', '=', data.period)
		.executeTakeFirst();
	if (existing) throw new CampaignError('Une campagne existe déjà pour cette période.');
	if ((await publicationsOf(db, departement, [data.period])).has(data.period))
		throw new CampaignError(
			'Cette période est déjà publiée : ses chiffres ne changent plus, une campagne n’y ajouterait rien.'
		);
	const id = randomUUID();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('campaigns')
			.values({
				id,
				departement,
				period: data.period,
				kinds: JSON.stringify(KINDS.filter((k) => data.kinds.includes(k))),
				due_date: data.dueDate,
				status: 'open',
				opened_by: actorId,
				opened_at: now.toISOString(),
				closed_by: null,
				closed_at: null
			})
			.execute();
		for (let i = 0; i < groups.length; i += 200)
			await trx
				.insertInto('campaign_groups')
				.values(groups.slice(i, i + 200).map((g) => ({ campaign_id: id, group_id: g })))
				.execute();
	});
	return id;
}

async function groupCounts(db: Kysely<Database>, ids: string[]): Promise<Map<string, number>> {
	if (!ids.length) return new Map();
	const rows = await db
		.selectFrom('campaign_groups')
		.select(['campaign_id', (e) => e.fn.countAll<number>().as('n')])
		.where('campaign_id', 'in', ids)
		.groupBy('campaign_id')
		.execute();
	return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
}

export async function listCampaigns(db: Db, departement: string): Promise<Campaign[]> {
	const rows = await db
		.selectFrom('campaigns')
		.selectAll()
		.where('departement', '=', departement)
		.orderBy('period', 'desc')
		.execute();
	const counts = await groupCounts(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => toCampaign(r, counts.get(r.id) ?? 0));
}

export async function getCampaign(
	db: Db,
	departement: string,
	id: string
): Promise<Campaign | null> {
	const r = await db
		.selectFrom('campaigns')
		.selectAll()
		.where('departement', '=', departement)
		.where('id', '=', id)
		.executeTakeFirst();
	if (!r) return null;
	return toCampaign(r, (await groupCounts(db, [id])).get(id) ?? 0);
}

/**
 * Closes a campaign and publishes its period: the versions in force are recorded, and every
 * release of the period is cut from them from now on (later versions are held, see
 * ../releases/publications.ts). The year's regroupings are fixed by its first publication.
 */
export async function closeCampaign(
	db: Db,
	campaign: Campaign,
	actorId: string | null,
	now = new Date()
): Promise<void> {
	if (campaign.status === 'closed') throw new CampaignError('La campagne est déjà close.');
	const at = now.toISOString();
	const year = campaign.period.slice(0, 4);
	const published = await publicationsOf(db, campaign.departement, yearPeriods(year));
	if (published.has(campaign.period)) throw new CampaignError('Cette période est déjà publiée.');
	const plan = yearPlan(published) ? null : await currentYearPlan(db, campaign.departement, year);
	const ids = await currentIds(db, campaign.departement, campaign.period);
	await db.transaction().execute(async (trx) => {
		const updated = await trx
			.updateTable('campaigns')
			.set({ status: 'closed', closed_at: at, closed_by: actorId })
			.where('id', '=', campaign.id)
			.where('status', '=', 'open')
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) !== 1)
			throw new CampaignError('La campagne est déjà close.');
		await recordPublication(trx, {
			departement: campaign.departement,
			period: campaign.period,
			ids,
			plan,
			at,
			by: actorId,
			campaignId: campaign.id
		});
	});
	// this server's release caches at once (other servers hear the database's announcement)
	dataChanged('publication');
}

/** When a département's period was published (its campaign closed), if it was. */
export async function publishedAt(
	db: Db,
	departement: string,
	period: string
): Promise<string | null> {
	return (await publicationsOf(db, departement, [period])).get(period)?.publishedAt ?? null;
}
