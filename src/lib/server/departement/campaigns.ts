// Collection campaigns: the département asks its groups for a period's files by a due date, then
// follows who has sent what (a status board of group × kind), reminds the late ones (in the app,
// and by e-mail when SMTP is configured) and, at closing, publishes the period: the bilan presented
// stays the one that was checked, whatever is sent afterwards.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { KIND_LABELS, KINDS, parsePeriod, periodLabel, type Kind } from '$contracts/codes';
import { formatDate, sortFr } from '$lib/format';
import type { Database } from '../db/schema';
import { config } from '../config';
import { logger } from '../logger';
import { currentYearPlan, periodPublished } from '../releases';
import { yearPeriods } from '../releases/joint/load';
import { currentIds, publicationsOf, recordPublication, yearPlan } from '../releases/publications';
import { depDb, type DepDb } from './schema';

type Db = Kysely<Database>;

export type EntryState =
	'manquant' | 'en_retard' | 'envoye' | 'envoye_en_retard' | 'renvoye_apres_echeance';

export const STATE_LABELS: Record<EntryState, string> = {
	manquant: 'Manquant',
	en_retard: 'En retard',
	envoye: 'Envoyé',
	envoye_en_retard: 'Envoyé après l’échéance',
	renvoye_apres_echeance: 'Renvoyé après l’échéance'
};
/** The same for a count of files, singular and plural (« 160 fichiers manquants »). */
export const STATE_COUNT_LABELS: Record<EntryState, [string, string]> = {
	manquant: ['fichier manquant', 'fichiers manquants'],
	en_retard: ['fichier en retard', 'fichiers en retard'],
	envoye: ['fichier envoyé', 'fichiers envoyés'],
	envoye_en_retard: ['fichier envoyé après l’échéance', 'fichiers envoyés après l’échéance'],
	renvoye_apres_echeance: ['fichier renvoyé après l’échéance', 'fichiers renvoyés après l’échéance']
};

export type ReminderStage = 'j-7' | 'echeance';
export const STAGE_LABELS: Record<ReminderStage, string> = {
	'j-7': 'Relance à J−7',
	echeance: 'Relance à l’échéance'
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ');

/** The last day of a period (`YYYY-MM-DD`): a campaign's due date cannot precede it. */
export function lastDayOf(period: string): string | null {
	const p = parsePeriod(period);
	if (!p) return null;
	const end = new Date(Date.UTC(p.year, p.to, 0));
	return end.toISOString().slice(0, 10);
}

export const openCampaignSchema = z
	.object({
		period: z
			.string()
			.trim()
			.refine((p) => parsePeriod(p) !== null, 'Période invalide (ex. 2026-S1)'),
		kinds: z.array(z.enum(KINDS)).min(1, 'Choisissez au moins un type de fichier'),
		dueDate: isoDate,
		/** empty: every group of the département */
		groups: z.array(z.string().min(1).max(200)).default([])
	})
	.superRefine((c, ctx) => {
		// a group can only send a period's files once the period is over
		const last = lastDayOf(c.period);
		if (last && c.dueDate < last)
			ctx.addIssue({
				code: 'custom',
				path: ['dueDate'],
				message: `L’échéance ne peut pas précéder la fin de la période (${periodLabel(c.period).toLowerCase()}, qui se termine le ${formatDate(last)}) : choisissez le ${formatDate(last)} ou une date postérieure.`
			});
	});
export type OpenCampaignInput = z.input<typeof openCampaignSchema>;

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
	const d = depDb(db);
	const all = await d
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
	const existing = await d
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
	await d.transaction().execute(async (trx) => {
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

async function groupCounts(d: DepDb, ids: string[]): Promise<Map<string, number>> {
	if (!ids.length) return new Map();
	const rows = await d
		.selectFrom('campaign_groups')
		.select(['campaign_id', (e) => e.fn.countAll<number>().as('n')])
		.where('campaign_id', 'in', ids)
		.groupBy('campaign_id')
		.execute();
	return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
}

export async function listCampaigns(db: Db, departement: string): Promise<Campaign[]> {
	const d = depDb(db);
	const rows = await d
		.selectFrom('campaigns')
		.selectAll()
		.where('departement', '=', departement)
		.orderBy('period', 'desc')
		.execute();
	const counts = await groupCounts(
		d,
		rows.map((r) => r.id)
	);
	return rows.map((r) => toCampaign(r, counts.get(r.id) ?? 0));
}

export async function getCampaign(
	db: Db,
	departement: string,
	id: string
): Promise<Campaign | null> {
	const d = depDb(db);
	const r = await d
		.selectFrom('campaigns')
		.selectAll()
		.where('departement', '=', departement)
		.where('id', '=', id)
		.executeTakeFirst();
	if (!r) return null;
	return toCampaign(r, (await groupCounts(d, [id])).get(id) ?? 0);
}

export interface BoardEntry {
	groupId: string;
	groupName: string;
	instanceType: string;
	communes: { code: string; nom: string }[];
	kind: Kind;
	state: EntryState;
	/** current version, when sent */
	version: number | null;
	/** when the first version was sent */
	firstAt: string | null;
	/** when the current version was sent */
	lastAt: string | null;
	reminders: ReminderStage[];
}

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
async function sentFor(db: Db, groupIds: string[], period: string) {
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
	const rows = await depDb(db)
		.selectFrom('campaign_groups as cg')
		.innerJoin('groups as g', 'g.id', 'cg.group_id')
		.leftJoin('group_communes as gc', 'gc.group_id', 'g.id')
		.leftJoin('communes as c', 'c.code', 'gc.commune_code')
		.select(['g.id', 'g.name', 'g.instance_type', 'c.code', 'c.nom'])
		.where('cg.campaign_id', '=', campaignId)
		.execute();
	const groups = new Map<
		string,
		{ id: string; name: string; instanceType: string; communes: { code: string; nom: string }[] }
	>();
	for (const r of rows) {
		const g = groups.get(r.id) ?? {
			id: r.id,
			name: r.name,
			instanceType: r.instance_type,
			communes: []
		};
		if (r.code && r.nom) g.communes.push({ code: r.code, nom: r.nom });
		groups.set(r.id, g);
	}
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
		depDb(db)
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
		const updated = await depDb(trx)
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
	periodPublished();
}

/** When a département's period was published (its campaign closed), if it was. */
export async function publishedAt(
	db: Db,
	departement: string,
	period: string
): Promise<string | null> {
	return (await publicationsOf(db, departement, [period])).get(period)?.publishedAt ?? null;
}

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

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What the open campaigns expect from these groups (for the referent's home page). */
export async function dueForGroups(db: Db, groupIds: string[], today: string): Promise<DueItem[]> {
	if (!groupIds.length) return [];
	const rows = await depDb(db)
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
	const rows = await depDb(db)
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

/** Sends one message; a nodemailer transport or a test double. */
export interface Mailer {
	sendMail(message: { from?: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** The SMTP transport when SMTP_URL is configured, otherwise none (reminders stay in the app). */
export function mailerFromEnv(url: string | null = config().mail.url): Mailer | null {
	return url ? nodemailer.createTransport(url) : null;
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
	const d = depDb(db);
	const run: ReminderRun = { created: 0, emailed: 0, failed: 0 };
	const campaigns = await d
		.selectFrom('campaigns')
		.selectAll()
		.where('status', '=', 'open')
		.execute();
	for (const c of campaigns) {
		const stage = reminderStage(c.due_date, today);
		if (!stage) continue;
		const kinds = JSON.parse(c.kinds) as Kind[];
		const groupIds = (
			await d
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
			const claimed = await d
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
			run.created += claimed.length;
			missingByGroup.set(
				g,
				unsent.filter((k) => claimed.some((r) => r.kind === k))
			);
		}
		if (!mailer || !missingByGroup.size) continue;
		for (const [groupId, missing] of missingByGroup) {
			const recipients = await referentEmails(db, groupId);
			if (!recipients.length) continue;
			const group = await d
				.selectFrom('groups')
				.select('name')
				.where('id', '=', groupId)
				.executeTakeFirst();
			let status = 'sent';
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
				run.emailed++;
			} catch (err) {
				status = 'failed';
				run.failed++;
				logger.warn({ err: (err as Error).message, campaign: c.id }, 'reminder mail not sent');
			}
			await d
				.updateTable('campaign_reminders')
				.set({ email_status: status, email_recipients: recipients.length })
				.where('campaign_id', '=', c.id)
				.where('group_id', '=', groupId)
				.where('stage', '=', stage)
				.where('kind', 'in', missing)
				.execute();
		}
	}
	if (run.created) logger.info({ ...run, today }, 'campaign reminders');
	return run;
}

function frenchDate(iso: string): string {
	const [y, m, day] = iso.split('-');
	return `${day}/${m}/${y}`;
}

function reminderText(
	group: string,
	period: string,
	due: string,
	missing: Kind[],
	stage: ReminderStage,
	appUrl?: string
): string {
	const lines = [
		'Bonjour,',
		'',
		stage === 'j-7'
			? `Le bilan du groupe « ${group} » pour le ${periodLabel(period)} est attendu au plus tard le ${frenchDate(due)}.`
			: `Le bilan du groupe « ${group} » pour le ${periodLabel(period)} était attendu au plus tard le ${frenchDate(due)}.`,
		'',
		'Il manque encore :',
		...missing.map((k) => `- ${KIND_LABELS[k]}`),
		'',
		appUrl
			? `Vous pouvez déposer les fichiers sur Bilans partagés : ${appUrl}`
			: 'Vous pouvez déposer les fichiers sur Bilans partagés.',
		'',
		'Ce message ne contient aucune donnée nominative. Merci de ne pas y répondre.'
	];
	return lines.join('\n') + '\n';
}

async function referentEmails(db: Db, groupId: string): Promise<string[]> {
	const rows = await (
		db as unknown as Kysely<{
			users: { id: string; email: string; status: string };
			user_roles: { user_id: string; role: string; scope_type: string; scope_value: string };
		}>
	)
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

/** Today in the département's time zone (Europe/Paris), as YYYY-MM-DD. */
export function todayInParis(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Paris',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

/**
 * Runs `sendDueReminders` now and every `intervalMs` (default hourly) — for the server's init
 * hook. Returns a function that stops the timer. Failures are logged, never thrown.
 */
export function startReminderTimer(
	db: Db,
	options: { intervalMs?: number; mailer?: Mailer | null; appUrl?: string } = {}
): () => void {
	const tick = () =>
		sendDueReminders(db, todayInParis(), options.mailer ?? mailerFromEnv(), {
			appUrl: options.appUrl
		}).catch((err) => logger.warn({ err: (err as Error).message }, 'campaign reminders failed'));
	void tick();
	const timer = setInterval(tick, options.intervalMs ?? 3_600_000);
	timer.unref();
	return () => clearInterval(timer);
}
