// Why: « published is published » holds only if no audience ever sees a period's figures before
// they are fixed. So a period's figures are served once the period is published, and it is
// published at one of three points, the first reached: its collection campaign is closed; the
// analyst publishes it (« Publier la période »); or, at the first audience request, it is complete
// (over, no open collection, every expected group sent). Publishing records the versions then in
// force and the year's plan; afterwards every later version (a revision, or a late group's first
// file) is held. Recording is idempotent across servers: the (département, period) key is
// inserted or ignored, then read back, so concurrent requests all serve the one publication kept.
import type { Kysely } from 'kysely';
import { periodLabel, periodLastDay, yearPeriods } from '$contracts/period';
import type { Completeness } from '$lib/completeness';
import type { Database } from '../db/schema';
import { periodCompleteness } from '../completeness';
import { closeCampaign, getCampaign } from '../departement/campaigns/store';
import { todayInParis } from '../departement/campaigns/timer';
import { dataChanged } from '../events';
import { logger } from '../logger';
import { currentYearPlan } from './year-data';
import {
	currentIds,
	publicationsOf,
	recordPublicationOnce,
	yearPlan,
	type Publication
} from './publications';

/** A period whose figures are not published yet: the page says when they will be. */
export class PeriodNotPublished extends Error {
	constructor(readonly completeness: Completeness) {
		super(`Période non publiée : ${completeness.period}`);
	}
}

export function isPeriodNotPublished(e: unknown): e is PeriodNotPublished {
	return e instanceof PeriodNotPublished;
}

/** A refusal of the analyst's « Publier la période », in words. */
export class PublishError extends Error {}

/** Whether a period (a semester or a quarter) can be published automatically: over, no open
 * collection, every expected group of the département sent its situations. */
function complete(c: Completeness): boolean {
	return !c.open && !c.ongoing && c.transmitted >= c.expected;
}

/**
 * Records the period's publication with the versions in force now and, for the year's first
 * publication, the year's plan. Idempotent: when another request (or server) published it first,
 * its publication is kept and returned.
 */
export async function publishNow(
	db: Kysely<Database>,
	p: { departement: string; period: string; by: string | null; campaignId: string | null },
	now = new Date()
): Promise<Publication> {
	const year = p.period.slice(0, 4);
	const published = await publicationsOf(db, p.departement, yearPeriods(year));
	const done = published.get(p.period);
	if (done) return done;
	const plan = yearPlan(published) ? null : await currentYearPlan(db, p.departement, year);
	const ids = await currentIds(db, p.departement, p.period);
	const recorded = await recordPublicationOnce(db, {
		departement: p.departement,
		period: p.period,
		ids,
		plan,
		at: now.toISOString(),
		by: p.by,
		campaignId: p.campaignId
	});
	if (recorded) {
		logger.info({ departement: p.departement, period: p.period, by: p.by }, 'period published');
		// this server's caches at once (others hear the database's announcement)
		dataChanged('publication');
	}
	const kept = (await publicationsOf(db, p.departement, [p.period])).get(p.period);
	if (!kept) throw new Error(`Publication introuvable : ${p.departement} ${p.period}`);
	return kept;
}

/**
 * The period's publication, recorded now if the period is complete; null (with why) otherwise.
 * Called before serving any figure of the period to an audience.
 */
export async function ensurePublished(
	db: Kysely<Database>,
	departement: string,
	period: string,
	today = todayInParis()
): Promise<{ publication: Publication | null; completeness: Completeness }> {
	const completeness = await periodCompleteness(db, { departement }, period, today);
	const known = (await publicationsOf(db, departement, [period])).get(period);
	if (known) return { publication: known, completeness };
	if (!complete(completeness)) return { publication: null, completeness };
	const publication = await publishNow(db, { departement, period, by: null, campaignId: null });
	return {
		publication,
		completeness: await periodCompleteness(db, { departement }, period, today)
	};
}

export interface PublishPlan {
	period: string;
	completeness: Completeness;
	/** groups expected for the period that have not sent their situations (sorted by name) */
	missing: Array<{ id: string; name: string }>;
	/** the period's open campaign, closed by the publication */
	campaignId: string | null;
}

/** What publishing a period would do: the groups then never counted for it, the open campaign. */
export async function publishPlan(
	db: Kysely<Database>,
	departement: string,
	period: string,
	today = todayInParis()
): Promise<PublishPlan> {
	const completeness = await periodCompleteness(db, { departement }, period, today);
	const [campaign, expected] = await Promise.all([
		db
			.selectFrom('campaigns')
			.select(['id', 'status'])
			.where('departement', '=', departement)
			.where('period', '=', period)
			.executeTakeFirst(),
		expectedGroups(db, departement, period, completeness)
	]);
	const sent = new Set(completeness.groups);
	return {
		period,
		completeness,
		missing: expected.filter((g) => !sent.has(g.id)),
		campaignId: campaign?.status === 'open' ? campaign.id : null
	};
}

async function expectedGroups(
	db: Kysely<Database>,
	departement: string,
	period: string,
	c: Completeness
): Promise<Array<{ id: string; name: string }>> {
	const campaign = await db
		.selectFrom('campaigns as c')
		.innerJoin('campaign_groups as cg', 'cg.campaign_id', 'c.id')
		.innerJoin('groups as g', 'g.id', 'cg.group_id')
		.select(['g.id', 'g.name'])
		.where('c.departement', '=', departement)
		.where('c.period', '=', period)
		.execute();
	if (campaign.length) return campaign.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	const end = periodLastDay(c.period);
	const rows = await db
		.selectFrom('groups')
		.select(['id', 'name', 'created_at'])
		.where('departement', '=', departement)
		.execute();
	return rows
		.filter((g) => g.created_at.slice(0, 10) <= end)
		.map(({ id, name }) => ({ id, name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Refuses what cannot be published, in words (the period must be over, and not published). */
export async function checkPublishable(
	db: Kysely<Database>,
	departement: string,
	period: string,
	today = todayInParis()
): Promise<void> {
	const label = periodLabel(period).toLowerCase();
	if (!/^\d{4}-(S[12]|T[1-4])$/.test(period))
		throw new PublishError('Choisissez un semestre ou un trimestre à publier.');
	if ((await publicationsOf(db, departement, [period])).has(period))
		throw new PublishError(`Le ${label} est déjà publié.`);
	const c = await periodCompleteness(db, { departement }, period, today);
	if (c.ongoing)
		throw new PublishError(
			`Le ${label} n’est pas terminé : ses chiffres ne peuvent être publiés qu’après sa fin.`
		);
	if (!c.transmitted)
		throw new PublishError(`Aucun groupe n’a transmis pour le ${label} : rien à publier.`);
}

/**
 * The analyst's « Publier la période »: publishes the period now, whoever has not sent. Closes its
 * open campaign, if any (the campaign's close is the same publication). The groups that have not
 * sent are never counted for the period: a file they send afterwards is held like a revision.
 */
export async function publishPeriod(
	db: Kysely<Database>,
	departement: string,
	period: string,
	actorId: string | null,
	today = todayInParis()
): Promise<{ publication: Publication; plan: PublishPlan }> {
	await checkPublishable(db, departement, period, today);
	const plan = await publishPlan(db, departement, period, today);
	if (plan.campaignId) {
		const campaign = await getCampaign(db, departement, plan.campaignId);
		if (campaign?.status === 'open') await closeCampaign(db, campaign, actorId);
	}
	const publication = await publishNow(db, {
		departement,
		period,
		by: actorId,
		campaignId: null
	});
	return { publication, plan };
}
