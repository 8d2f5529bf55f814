// Plenary sessions on SQLite and PostgreSQL: only the commune's published bilans can be
// presented, a group's bilan knows when it went to a plenary, only the commune's élu and the
// admin may record one, and a text holding a personal identifier is refused before any storage.
import { describe, expect, it } from 'vitest';
import { sessionUser } from '../../../../tests/helpers/users';
import { generateRows, validRows } from '$contracts/generate';
import { insertGroup, testStores, useStore } from '../../../../tests/helpers/stores';
import type { Store } from '../db';
import type { ScopeType, SessionUser } from '../auth/schema';
import type { Role } from '$lib/roles';
import { canManagePlenary, canReadCommune } from '../auth/scopes';
import { storeSubmission } from '../submissions';
import { saveSessionAction } from './session-form';
import {
	createSession,
	getSession,
	listSessions,
	plenaryCandidates,
	presentationDates,
	UnknownPresentation,
	updateSession,
	type PlenaryInput
} from './sessions';

const EVRY = '91228';
const MASSY = '91377';

const user = (role: Role, scopeType: ScopeType, scopeValue: string) =>
	sessionUser(`u-${role}-${scopeValue}`, [{ role, scopeType, scopeValue }], `${role}@exemple.fr`);

async function send(db: Store['db'], groupId: string, period: string) {
	const rows = [...generateRows('situations', { seed: 3, period, rows: 6, refOffset: 500 })];
	await storeSubmission(db, {
		groupId,
		kind: 'situations',
		period,
		filename: 'situations.csv',
		bytes: new TextEncoder().encode(JSON.stringify(rows) + groupId),
		rows: validRows('situations', rows),
		uploadedBy: null
	});
}

const input = (over: Partial<PlenaryInput> = {}): PlenaryInput => ({
	date: '2025-10-09',
	presented: ['evry-a|2025-S1'],
	orientations: 'Renforcer la veille éducative au collège.',
	diagnostic: 'Hausse du décrochage scolaire constatée par les partenaires.',
	...over
});

for (const backend of testStores()) {
	describe(`plenary sessions (${backend.name})`, () => {
		const store = useStore(backend, {
			prepare: async (db) => {
				await insertGroup(db, 'evry-a', [EVRY], 'Cellule A');
				await insertGroup(db, 'massy-a', [MASSY], 'Cellule Massy');
				await send(db, 'evry-a', '2025-S1');
				await send(db, 'massy-a', '2025-S1');
			}
		});

		it('offers only the commune’s groups’ published bilans', async () => {
			const c = await plenaryCandidates(store.db, EVRY);
			expect(c.map((x) => x.key)).toEqual(['evry-a|2025-S1']);
			expect(c[0]).toMatchObject({ groupName: 'Cellule A', periodLabel: '1er semestre 2025' });
		});

		it('records, lists, reads and edits a session; the group’s bilan knows its date', async () => {
			expect(await presentationDates(store.db, ['evry-a'], '2025-S1')).toEqual(new Map());
			const id = await createSession(store.db, EVRY, input(), 'u1');
			expect(await listSessions(store.db, EVRY)).toEqual([
				{ id, date: '2025-10-09', presentedCount: 1 }
			]);
			expect(await listSessions(store.db, MASSY)).toEqual([]);
			// another commune cannot read it through its own address
			expect(await getSession(store.db, MASSY, id)).toBeNull();
			const s = await getSession(store.db, EVRY, id);
			expect(s?.presented).toEqual([
				{
					groupId: 'evry-a',
					groupName: 'Cellule A',
					period: '2025-S1',
					periodLabel: '1er semestre 2025'
				}
			]);
			expect((await presentationDates(store.db, ['evry-a'], '2025-S1')).get('evry-a')).toBe(
				'2025-10-09'
			);
			// an earlier session presenting the same bilan: the first date is the one shown
			await createSession(store.db, EVRY, input({ date: '2025-09-01' }), 'u1');
			expect((await presentationDates(store.db, ['evry-a'], '2025-S1')).get('evry-a')).toBe(
				'2025-09-01'
			);
			expect(
				await updateSession(store.db, EVRY, id, input({ presented: [], date: '2025-10-10' }), 'u2')
			).toBe(true);
			expect((await getSession(store.db, EVRY, id))?.presented).toEqual([]);
			expect(await updateSession(store.db, MASSY, id, input({ presented: [] }), 'u2')).toBe(false);
		});

		it('refuses a bilan of another commune or of a period not sent', async () => {
			for (const presented of [['massy-a|2025-S1'], ['evry-a|2024-S2']])
				await expect(createSession(store.db, EVRY, input({ presented }), 'u1')).rejects.toThrow(
					UnknownPresentation
				);
			const before = await listSessions(store.db, EVRY);
			expect(before.every((s) => s.date !== '2025-10-09' || s.presentedCount === 0)).toBe(true);
		});

		it('lets the commune’s élu and the admin record; the analyst and others read or not', async () => {
			const db = store.db;
			expect(await canManagePlenary(user('elu', 'commune', EVRY), db, EVRY)).toBe(true);
			expect(await canManagePlenary(user('admin', 'departement', '91'), db, EVRY)).toBe(true);
			expect(await canManagePlenary(user('elu', 'commune', MASSY), db, EVRY)).toBe(false);
			expect(await canManagePlenary(user('analyste', 'departement', '91'), db, EVRY)).toBe(false);
			expect(await canManagePlenary(user('admin', 'departement', '75'), db, EVRY)).toBe(false);
			expect(await canManagePlenary(user('referent', 'group', 'evry-a'), db, EVRY)).toBe(false);
			expect(await canManagePlenary(null, db, EVRY)).toBe(false);
			expect(await canReadCommune(user('analyste', 'departement', '91'), db, EVRY)).toBe(true);
		});

		it('refuses a diagnosis holding a personal identifier, pointing at it, storing nothing', async () => {
			const before = (await listSessions(store.db, EVRY)).length;
			const post = (u: SessionUser | null, diagnostic: string) => {
				const body = new FormData();
				body.set('date', '2025-12-01');
				body.append('presente', 'evry-a|2025-S1');
				body.set('orientations', 'Renforcer la veille éducative.');
				body.set('diagnostic', diagnostic);
				const request = new Request('http://localhost/commune/91228/pleniere/nouvelle', {
					method: 'POST',
					body
				});
				const event = {
					locals: { store: store.store, user: u },
					url: new URL(request.url),
					request,
					getClientAddress: () => '127.0.0.1'
				} as unknown as Parameters<typeof saveSessionAction>[0];
				return saveSessionAction(event, EVRY, null);
			};
			const refused = await post(
				user('elu', 'commune', EVRY),
				'Situation suivie sans difficulté.\nJoindre la famille au 06 12 34 56 78 avant la séance.'
			);
			expect('status' in refused && refused.status).toBe(400);
			const data = (refused as { data: Record<string, unknown> }).data as {
				message: string;
				report: { errors: { column: string; row: number }[] };
				values: { diagnostic: string };
			};
			expect(data.message).toMatch(/^Rien n’a été enregistré : 1 passage ressemble/);
			expect(data.report.errors[0]).toMatchObject({ column: 'Diagnostic partagé', row: 2 });
			expect(data.values.diagnostic).toContain('Situation suivie');
			expect(await listSessions(store.db, EVRY)).toHaveLength(before);
			const audited = await store.db
				.selectFrom('audit_log')
				.select(['action', 'details'])
				.where('action', '=', 'texte.refuse')
				.execute();
			expect(audited).toHaveLength(1);
			expect(audited[0].details).not.toContain('06 12');
			// the same form without the number is stored and audited
			const ok = await post(user('elu', 'commune', EVRY), 'Situation suivie sans difficulté.');
			expect(ok).toMatchObject({ saved: true });
			expect(await listSessions(store.db, EVRY)).toHaveLength(before + 1);
			const created = await store.db
				.selectFrom('audit_log')
				.select(['target_id', 'details'])
				.where('action', '=', 'plenary.create')
				.executeTakeFirstOrThrow();
			expect(created.target_id).toBe(EVRY);
			expect(JSON.parse(created.details ?? '{}')).toMatchObject({ date: '2025-12-01', groups: 1 });
			// the analyst may read, never record: 403 before reading the form
			await expect(post(user('analyste', 'departement', '91'), 'Texte.')).rejects.toMatchObject({
				status: 403
			});
		});
	});
}
