// Reminders at D−7 and on the due date: recorded once per campaign, group, kind and stage (the
// referent's notifications), mailed to the group's referents when SMTP is configured.
import { randomUUID } from 'node:crypto';
import { KIND_LABELS } from '$contracts/codes';
import { periodLabel } from '$contracts/period';
import type { Kind } from '$contracts/codes';
import type { Selectable } from 'kysely';
import type { CampaignTable } from '../../db/schema';
import { config } from '../../config';
import { logger } from '../../logger';
import { STAGE_LABELS } from './labels';
import type { ReminderStage } from '$lib/departement/types';
import type { Db } from './store';
import { daysBetween } from './due';
import { type Mailer, mailerFromEnv } from './mailer';
import { sentFor } from './board';
import { reminderText } from './texts';

export interface ReminderNotice {
	id: string;
	campaignId: string;
	period: string;
	periodLabel: string;
	dueDate: string;
	groupId: string;
	groupName: string;
	kind: Kind;
	kindLabel: string;
	stage: ReminderStage;
	stageLabel: string;
	createdAt: string;
	emailStatus: string;
}

/** Reminders sent to these groups (the referent's notifications), newest first. */
export async function remindersForGroups(
	db: Db,
	groupIds: string[],
	limit = 50
): Promise<ReminderNotice[]> {
	if (!groupIds.length) return [];
	const rows = await db
		.selectFrom('campaign_reminders as r')
		.innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
		.innerJoin('groups as g', 'g.id', 'r.group_id')
		.select([
			'r.id',
			'r.campaign_id',
			'c.period',
			'c.due_date',
			'r.group_id',
			'g.name',
			'r.kind',
			'r.stage',
			'r.created_at',
			'r.email_status'
		])
		.where('r.group_id', 'in', groupIds)
		.orderBy('r.created_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		campaignId: r.campaign_id,
		period: r.period,
		periodLabel: periodLabel(r.period),
		dueDate: r.due_date,
		groupId: r.group_id,
		groupName: r.name,
		kind: r.kind as Kind,
		kindLabel: KIND_LABELS[r.kind as Kind] ?? r.kind,
		stage: r.stage as ReminderStage,
		stageLabel: STAGE_LABELS[r.stage as ReminderStage] ?? r.stage,
		createdAt: r.created_at,
		emailStatus: r.email_status
	}));
}

/** The stage due on `today` for a due date, if any. */
export function reminderStage(due: string, today: string): ReminderStage | null {
	const left = daysBetween(today, due);
	if (left <= 0) return 'echeance';
	if (left <= 7) return 'j-7';
	return null;
}

export interface ReminderRun {
	created: number;
	emailed: number;
	failed: number;
}

type OpenCampaign = Selectable<CampaignTable>;

/**
 * Reminds the groups of every open campaign of what they have not sent, at D−7 and on the due
 * date. Idempotent: the unique (campaign, group, kind, stage) row is claimed before any mail, so
 * two servers or two runs never send the same reminder twice. Past the due date only the due-date
 * reminder is sent (no late D−7 message).
 */
export async function sendDueReminders(
	db: Db,
	today: string,
	mailer: Mailer | null = mailerFromEnv(),
	options: { from?: string; appUrl?: string } = {}
): Promise<ReminderRun> {
	const run: ReminderRun = { created: 0, emailed: 0, failed: 0 };
	const campaigns = await db
		.selectFrom('campaigns')
		.selectAll()
		.where('status', '=', 'open')
		.execute();
	for (const c of campaigns) {
		const stage = reminderStage(c.due_date, today);
		if (!stage) continue;
		const missingByGroup = await claimReminders(db, c, stage);
		for (const missing of missingByGroup.values()) run.created += missing.length;
		if (!mailer) continue;
		for (const [groupId, missing] of missingByGroup) {
			const status = await mailReminder(db, mailer, c, stage, groupId, missing, options);
			if (status === 'sent') run.emailed++;
			else if (status === 'failed') run.failed++;
		}
	}
	if (run.created) logger.info({ ...run, today }, 'campaign reminders');
	return run;
}

/** Claims the reminders of a campaign's stage still owed: group id → the kinds it is reminded of. */
async function claimReminders(
	db: Db,
	c: OpenCampaign,
	stage: ReminderStage
): Promise<Map<string, Kind[]>> {
	const kinds = JSON.parse(c.kinds) as Kind[];
	const groupIds = (
		await db
			.selectFrom('campaign_groups')
			.select('group_id')
			.where('campaign_id', '=', c.id)
			.execute()
	).map((r) => r.group_id);
	const sent = await sentFor(db, groupIds, c.period);
	const missingByGroup = new Map<string, Kind[]>();
	for (const g of groupIds) {
		const unsent = kinds.filter((kind) => !sent.has(`${g}|${kind}`));
		if (!unsent.length) continue;
		// One statement claims every missing kind of the group: another server running the
		// same reminders at the same moment gets all of them or none, so a group is mailed once.
		const claimed = await db
			.insertInto('campaign_reminders')
			.values(
				unsent.map((kind) => ({
					id: randomUUID(),
					campaign_id: c.id,
					group_id: g,
					kind,
					stage,
					created_at: new Date().toISOString(),
					email_status: 'none',
					email_recipients: 0
				}))
			)
			.onConflict((oc) => oc.columns(['campaign_id', 'group_id', 'kind', 'stage']).doNothing())
			.returning('kind')
			.execute();
		if (!claimed.length) continue;
		missingByGroup.set(
			g,
			unsent.filter((k) => claimed.some((r) => r.kind === k))
		);
	}
	return missingByGroup;
}

/** Mails a group's referents what it still owes and records the outcome; null when none is active. */
async function mailReminder(
	db: Db,
	mailer: Mailer,
	c: OpenCampaign,
	stage: ReminderStage,
	groupId: string,
	missing: Kind[],
	options: { from?: string; appUrl?: string }
): Promise<'sent' | 'failed' | null> {
	const recipients = await referentEmails(db, groupId);
	if (!recipients.length) return null;
	const group = await db
		.selectFrom('groups')
		.select('name')
		.where('id', '=', groupId)
		.executeTakeFirst();
	let status: 'sent' | 'failed' = 'sent';
	try {
		await mailer.sendMail({
			from: options.from || config().mail.from,
			to: recipients.join(', '),
			subject: `${stage === 'j-7' ? 'Rappel' : 'Échéance'} : bilan ${periodLabel(c.period)} — ${group?.name ?? groupId}`,
			text: reminderText(
				group?.name ?? groupId,
				c.period,
				c.due_date,
				missing,
				stage,
				options.appUrl
			)
		});
	} catch (err) {
		status = 'failed';
		logger.warn({ err: (err as Error).message, campaign: c.id }, 'reminder mail not sent');
	}
	await db
		.updateTable('campaign_reminders')
		.set({ email_status: status, email_recipients: recipients.length })
		.where('campaign_id', '=', c.id)
		.where('group_id', '=', groupId)
		.where('stage', '=', stage)
		.where('kind', 'in', missing)
		.execute();
	return status;
}

async function referentEmails(db: Db, groupId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('user_roles as r')
		.innerJoin('users as u', 'u.id', 'r.user_id')
		.select('u.email')
		.where('r.role', '=', 'referent')
		.where('r.scope_type', '=', 'group')
		.where('r.scope_value', '=', groupId)
		.where('u.status', '=', 'active')
		.orderBy('u.email')
		.execute();
	return rows.map((r) => r.email);
}
