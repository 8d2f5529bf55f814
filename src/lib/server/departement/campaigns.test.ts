import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtp, type TestSmtp } from '../../../../tests/helpers/smtp';
import { testStores } from '../../../../tests/helpers/stores';
import type { Store } from '../db';
import { createUser } from '../auth/users';
import { storeSubmission } from '../submissions';
import { currentIds, publicationsOf } from '../releases/publications';
import {
	CampaignError,
	campaignBoard,
	closeCampaign,
	dueForGroups,
	entryState,
	getCampaign,
	lastDayOf,
	listCampaigns,
	openCampaign,
	openCampaignSchema,
	publishedAt,
	reminderStage,
	remindersForGroups,
	sendDueReminders
} from './campaigns';

const group = (id: string, commune: string) => ({
	row: {
		id,
		name: `Cellule ${id}`,
		instance_type: 'cellule_veille_educative',
		departement: '91',
		coordinator_institution: 'commune',
		member_institutions: JSON.stringify(['commune']),
		demo: 0,
		created_at: '2026-01-01T00:00:00.000Z'
	},
	commune
});

const bytes = (text: string) => new TextEncoder().encode(text);

function decodeQuotedPrintable(raw: string): string {
	const joined = raw.replace(/=\r?\n/g, '');
	return Buffer.from(
		joined.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
		'latin1'
	).toString('utf8');
}

for (const backend of testStores()) {
	describe(`campaigns on ${backend.name}`, () => {
		let store: Store;
		let mail: TestSmtp;
		let campaignId = '';
		beforeAll(async () => {
			store = await backend.open();
			mail = await smtp();
			for (const g of [group('g-a', '91228'), group('g-b', '91377'), group('g-c', '91228')]) {
				await store.db.insertInto('groups').values(g.row).execute();
				await store.db
					.insertInto('group_communes')
					.values({ group_id: g.row.id, commune_code: g.commune })
					.execute();
			}
			const a = await createUser(store.db, { email: 'ref.a@exemple.fr' });
			const b = await createUser(store.db, { email: 'ref.b@exemple.fr' });
			await store.db
				.insertInto('user_roles')
				.values([
					{ user_id: a.id, role: 'referent', scope_type: 'group', scope_value: 'g-a' },
					{ user_id: b.id, role: 'referent', scope_type: 'group', scope_value: 'g-b' }
				])
				.execute();
		}, 120_000);
		afterAll(async () => {
			await mail?.close();
			await backend.dispose();
		});

		it('opens a campaign for the chosen groups and refuses a second one for the period', async () => {
			campaignId = await openCampaign(
				store.db,
				'91',
				{
					period: '2026-S1',
					kinds: ['bilan', 'situations'],
					dueDate: '2026-06-30',
					groups: ['g-a', 'g-b']
				},
				null,
				new Date('2026-05-01T08:00:00Z')
			);
			const list = await listCampaigns(store.db, '91');
			expect(list).toHaveLength(1);
			expect(list[0]).toMatchObject({
				period: '2026-S1',
				kinds: ['situations', 'bilan'],
				groupCount: 2,
				status: 'open'
			});
			await expect(
				openCampaign(
					store.db,
					'91',
					{ period: '2026-S1', kinds: ['bilan'], dueDate: '2026-07-01' },
					null
				)
			).rejects.toBeInstanceOf(CampaignError);
			await expect(
				openCampaign(
					store.db,
					'91',
					{ period: '2026-S2', kinds: ['bilan'], dueDate: '2027-01-15', groups: ['inconnu'] },
					null
				)
			).rejects.toBeInstanceOf(CampaignError);
			await expect(
				openCampaign(store.db, '91', { period: '2026-S9', kinds: [], dueDate: 'demain' }, null)
			).rejects.toThrow();
		});

		it('fills the status board as groups send, with late and resent states', async () => {
			const campaign = (await getCampaign(store.db, '91', campaignId))!;
			let board = await campaignBoard(store.db, campaign, '2026-06-01');
			expect(board.entries).toHaveLength(4);
			expect(board.counts.manquant).toBe(4);
			expect(board.complete).toBe(0);

			const send = (groupId: string, text: string, at: string) =>
				storeSubmission(store.db, {
					groupId,
					kind: 'situations',
					period: '2026-S1',
					filename: 'situations.csv',
					bytes: bytes(text),
					rows: [],
					uploadedBy: null,
					uploadedAt: new Date(at)
				});
			await send('g-a', 'v1', '2026-06-10T10:00:00Z');
			await send('g-a', 'v2', '2026-07-02T10:00:00Z');
			await send('g-b', 'v1', '2026-07-03T10:00:00Z');
			board = await campaignBoard(store.db, campaign, '2026-07-05');
			const state = (g: string, k: string) =>
				board.entries.find((e) => e.groupId === g && e.kind === k)!;
			expect(state('g-a', 'situations')).toMatchObject({
				state: 'renvoye_apres_echeance',
				version: 2
			});
			expect(state('g-b', 'situations')).toMatchObject({ state: 'envoye_en_retard', version: 1 });
			expect(state('g-a', 'bilan').state).toBe('en_retard');
			expect(board.counts).toMatchObject({
				en_retard: 2,
				renvoye_apres_echeance: 1,
				envoye_en_retard: 1,
				envoye: 0
			});
			// Groups outside the campaign are not on the board.
			expect(board.entries.some((e) => e.groupId === 'g-c')).toBe(false);
		});

		it('tells the referents what is due for their groups', async () => {
			const due = await dueForGroups(store.db, ['g-a', 'g-c'], '2026-06-25');
			expect(due.map((d) => [d.groupId, d.kind, d.done])).toEqual([
				['g-a', 'bilan', false],
				['g-a', 'situations', true]
			]);
			expect(due[0].daysLeft).toBe(5);
			expect(await dueForGroups(store.db, [], '2026-06-25')).toEqual([]);
		});

		it('reminds at D−7 and on the due date, once each, in the app and by e-mail', async () => {
			const mailer = nodemailer.createTransport({
				host: '127.0.0.1',
				port: mail.port,
				secure: false,
				ignoreTLS: true
			});
			expect(reminderStage('2026-06-30', '2026-06-22')).toBeNull();
			expect(reminderStage('2026-06-30', '2026-06-23')).toBe('j-7');
			expect(reminderStage('2026-06-30', '2026-07-04')).toBe('echeance');

			expect((await sendDueReminders(store.db, '2026-06-22', mailer)).created).toBe(0);
			// Both groups have sent their situations by now (see above): only the bilans are missing.
			const first = await sendDueReminders(store.db, '2026-06-23', mailer, {
				appUrl: 'https://bilans.exemple.fr'
			});
			expect(first).toEqual({ created: 2, emailed: 2, failed: 0 });
			expect(await sendDueReminders(store.db, '2026-06-24', mailer)).toEqual({
				created: 0,
				emailed: 0,
				failed: 0
			});
			expect(mail.messages).toHaveLength(2);
			const toB = mail.messages.find((m) => m.to.includes('ref.b@exemple.fr'))!;
			const text = decodeQuotedPrintable(toB.raw);
			expect(text).toMatch(/Subject: =\?UTF-8\?Q\?Rappel/);
			expect(text).toContain('- Bilan qualitatif');
			expect(text).not.toMatch(/Situations examin/);
			expect(text).toContain('attendu au plus tard le 30/06/2026');
			expect(text).toContain('https://bilans.exemple.fr');

			// Concurrent runs on the due date: the unique row makes it once.
			const runs = await Promise.all([
				sendDueReminders(store.db, '2026-06-30', mailer),
				sendDueReminders(store.db, '2026-06-30', mailer)
			]);
			expect(runs[0].created + runs[1].created).toBe(2);
			expect(mail.messages).toHaveLength(4);

			const notices = await remindersForGroups(store.db, ['g-b']);
			expect(notices.map((n) => `${n.kind}:${n.stage}:${n.emailStatus}`).sort()).toEqual([
				'bilan:echeance:sent',
				'bilan:j-7:sent'
			]);
			const campaign = (await getCampaign(store.db, '91', campaignId))!;
			const board = await campaignBoard(store.db, campaign, '2026-06-30');
			expect(board.reminders).toEqual({ sent: 4, emailed: 4 });
			expect(
				board.entries.find((e) => e.groupId === 'g-b' && e.kind === 'bilan')!.reminders.sort()
			).toEqual(['echeance', 'j-7']);
		});

		it('without SMTP the reminders stay in the app', async () => {
			const id = await openCampaign(
				store.db,
				'91',
				{ period: '2026-S2', kinds: ['seances'], dueDate: '2027-01-15', groups: ['g-c'] },
				null
			);
			const run = await sendDueReminders(store.db, '2027-01-15', null);
			expect(run).toEqual({ created: 1, emailed: 0, failed: 0 });
			const notices = await remindersForGroups(store.db, ['g-c']);
			expect(notices).toHaveLength(1);
			expect(notices[0]).toMatchObject({ campaignId: id, stage: 'echeance', emailStatus: 'none' });
		});

		it('closing publishes the period once, with the versions then in force', async () => {
			const campaign = (await getCampaign(store.db, '91', campaignId))!;
			expect(await publishedAt(store.db, '91', '2026-S1')).toBeNull();
			const before = await currentIds(store.db, '91', '2026-S1');
			await closeCampaign(store.db, campaign, null);
			expect(await publishedAt(store.db, '91', '2026-S1')).toMatch(/^\d{4}-/);
			const [publication] = (await publicationsOf(store.db, '91', ['2026-S1'])).values();
			expect(publication.ids).toEqual(before);
			expect(Object.keys(publication.ids).sort()).toEqual(['g-a', 'g-b']);
			expect(publication.plan?.year).toBe('2026');
			const closed = (await getCampaign(store.db, '91', campaignId))!;
			expect(closed.status).toBe('closed');
			await expect(closeCampaign(store.db, closed, null)).rejects.toBeInstanceOf(CampaignError);
			await expect(closeCampaign(store.db, campaign, null)).rejects.toBeInstanceOf(CampaignError);
			// Closed campaigns send no more reminders and are not due any more.
			expect((await sendDueReminders(store.db, '2026-07-10', null)).created).toBe(0);
			expect(await dueForGroups(store.db, ['g-a'], '2026-07-10')).toEqual([]);
			expect(await publishedAt(store.db, '91', '2025-S1')).toBeNull();
		});
	});
}

describe('entry states', () => {
	it('reads the due date as a calendar day', () => {
		expect(entryState('2026-06-30', '2026-06-30', null)).toBe('manquant');
		expect(entryState('2026-06-30', '2026-07-01', null)).toBe('en_retard');
		const at = '2026-06-30T21:00:00.000Z';
		expect(entryState('2026-06-30', '2026-07-01', { version: 1, firstAt: at, lastAt: at })).toBe(
			'envoye'
		);
	});
});

describe('campaign deadline', () => {
	const input = (period: string, dueDate: string) => ({ period, kinds: ['bilan'], dueDate });
	it('refuses a deadline before the period ends, with the day it may start from', () => {
		const r = openCampaignSchema.safeParse(input('2026-S2', '2026-12-03'));
		expect(r.success).toBe(false);
		const issue = r.error!.issues[0];
		expect(issue.path).toEqual(['dueDate']);
		expect(issue.message).toContain('31 décembre 2026');
		expect(openCampaignSchema.safeParse(input('2026-S1', '2026-06-29')).success).toBe(false);
	});
	it('accepts the last day of the period or later', () => {
		expect(openCampaignSchema.safeParse(input('2026-S2', '2026-12-31')).success).toBe(true);
		expect(openCampaignSchema.safeParse(input('2026-S2', '2027-01-15')).success).toBe(true);
		expect(openCampaignSchema.safeParse(input('2026', '2027-01-31')).success).toBe(true);
		expect(lastDayOf('2026-S1')).toBe('2026-06-30');
		expect(lastDayOf('2024')).toBe('2024-12-31');
	});
});
