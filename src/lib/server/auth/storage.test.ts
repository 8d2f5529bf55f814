import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionUser } from '../../../../tests/helpers/users';
import type { Kysely } from 'kysely';
import { testStores } from '../../../../tests/helpers/stores';
import type { Database } from '../db/schema';
import { audit } from '../audit/audit';
import { getSettings, saveSettings } from '../settings';
import {
	ADDRESS_LIMIT,
	ADDRESS_WINDOW_MS,
	checkSecondFactor,
	LOCK_MINUTES,
	MAX_FAILED_LOGINS,
	passwordLogin
} from './login';
import { hashPassword } from './password';
import { consumeInvitation, createInvitation, findInvitation } from './invitations';
import { mapOidcIdentity } from './oidc';
import { hitRateLimit } from './rate-limit';
import {
	canReadCommune,
	canReadGroupBilan,
	canReadGroupRows,
	communesVisibleTo,
	groupsVisibleTo
} from './scopes';
import type { RoleGrant } from './schema';
import { createSession, deleteUserSessions, hashToken, validateSession } from './sessions';
import { newTotpSecret, totpCode } from './totp';
import { createUser, findUserById, rolesOf, setRoles, updateUser } from './users';
import { readJournal } from '../audit/journal';

const PASSWORD = 'cheval-orange-pluie-9';

async function makeUser(
	db: Kysely<Database>,
	email: string,
	grants: RoleGrant[] = [],
	extra: { demo?: boolean } = {}
) {
	const user = await createUser(db, {
		email,
		passwordHash: await hashPassword(PASSWORD, { logN: 10 }),
		...extra
	});
	await setRoles(db, user.id, grants);
	return user;
}

async function makeGroup(db: Kysely<Database>, id: string, communes: string[]) {
	await db
		.insertInto('groups')
		.values({
			id,
			name: id,
			instance_type: 'commission_clspd',
			departement: '91',
			coordinator_institution: 'commune',
			member_institutions: '["commune"]',
			demo: 0,
			created_at: '2026-01-01T00:00:00Z'
		})
		.execute();
	await db
		.insertInto('group_communes')
		.values(communes.map((c) => ({ group_id: id, commune_code: c })))
		.execute();
}

for (const backend of testStores()) {
	describe(`accounts on ${backend.name}`, () => {
		let db: Kysely<Database>;
		beforeAll(async () => {
			db = (await backend.open()).db;
			await makeGroup(db, 'evry-cve', ['91228']);
			await makeGroup(db, 'massy-clspd', ['91377']);
		});
		afterAll(() => backend.dispose());

		it(`locks an account after ${MAX_FAILED_LOGINS} wrong passwords, for ${LOCK_MINUTES} minutes`, async () => {
			const user = await makeUser(db, 'lock@x.fr');
			const t0 = new Date('2026-03-01T10:00:00Z');
			for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
				const r = await passwordLogin(
					db,
					{ email: 'lock@x.fr', password: 'wrong-password-x', ip: `10.0.0.${i}`, allowDemo: true },
					t0
				);
				expect(r).toMatchObject({ ok: false, reason: 'invalid' });
			}
			const fifth = await passwordLogin(
				db,
				{ email: 'LOCK@x.fr', password: 'wrong-password-x', ip: '10.0.1.1', allowDemo: true },
				t0
			);
			expect(fifth).toMatchObject({ ok: false, reason: 'locked', lockedNow: true });
			// Even the right password is refused while locked, from any address or app server.
			const during = await passwordLogin(
				db,
				{ email: 'lock@x.fr', password: PASSWORD, ip: '10.0.1.2', allowDemo: true },
				new Date(t0.getTime() + 14 * 60_000)
			);
			expect(during).toMatchObject({ ok: false, reason: 'locked' });
			const after = await passwordLogin(
				db,
				{ email: 'lock@x.fr', password: PASSWORD, ip: '10.0.1.3', allowDemo: true },
				new Date(t0.getTime() + 16 * 60_000)
			);
			expect(after).toMatchObject({ ok: true, needsTotp: false });
			expect((await findUserById(db, user.id))?.failed_logins).toBe(0);
		});

		it('refuses deactivated accounts, and demo accounts outside demo mode', async () => {
			const login = (email: string, password: string, ip: string, allowDemo = true) =>
				passwordLogin(db, { email, password, ip, allowDemo });
			const off = await makeUser(db, 'off@x.fr');
			await updateUser(db, off.id, { status: 'deactivated' });
			expect(await login('off@x.fr', PASSWORD, '10.1.0.1')).toMatchObject({
				ok: false,
				reason: 'deactivated'
			});
			// The same answer with a wrong password: the refusal never confirms the password.
			expect(await login('off@x.fr', 'not-the-password', '10.1.0.1')).toMatchObject({
				ok: false,
				reason: 'deactivated'
			});
			await makeUser(db, 'demo@x.fr', [], { demo: true });
			expect(await login('demo@x.fr', PASSWORD, '10.1.0.2', false)).toMatchObject({
				ok: false,
				reason: 'demo-disabled'
			});
			expect(await login('nobody@x.fr', PASSWORD, '10.1.0.3')).toMatchObject({
				ok: false,
				reason: 'invalid'
			});
		});

		it('throttles failed sign-ins per address, never successful ones', async () => {
			const t = new Date('2026-03-03T10:00:00Z');
			const users = await Promise.all([0, 1, 2].map((i) => makeUser(db, `proxy${i}@x.fr`)));
			const login = (email: string, password: string, at = t) =>
				passwordLogin(db, { email, password, ip: '10.8.8.8', allowDemo: true }, at);
			// Many agents behind one town-hall proxy: successes are never counted.
			for (let i = 0; i < ADDRESS_LIMIT + 10; i++)
				expect(await login(users[i % 3].email, PASSWORD)).toMatchObject({ ok: true });
			// Failures are, whatever the account (unknown, or locked after its fifth), up to the limit.
			expect(await login('inconnu@x.fr', 'wrong-password-x')).toMatchObject({ reason: 'invalid' });
			const target = await makeUser(db, 'cible@x.fr');
			for (let i = 1; i < ADDRESS_LIMIT; i++)
				expect(await login(target.email, 'wrong-password-x')).toMatchObject({ ok: false });
			expect(await login(users[0].email, PASSWORD)).toMatchObject({
				ok: false,
				reason: 'throttled'
			});
			// Another address is not affected; the window ends.
			expect(
				await passwordLogin(db, {
					email: users[0].email,
					password: PASSWORD,
					ip: '10.8.8.9',
					allowDemo: true
				})
			).toMatchObject({ ok: true });
			expect(
				await login(users[0].email, PASSWORD, new Date(t.getTime() + ADDRESS_WINDOW_MS + 1000))
			).toMatchObject({ ok: true });
		}, 90_000);

		it('throttles one address across accounts', async () => {
			const t = new Date('2026-03-02T10:00:00Z');
			let last;
			for (let i = 0; i < 31; i++)
				last = await hitRateLimit(db, 'login:10.9.9.9', 30, 15 * 60_000, t);
			expect(last?.allowed).toBe(false);
			expect(
				(
					await hitRateLimit(
						db,
						'login:10.9.9.9',
						30,
						15 * 60_000,
						new Date(t.getTime() + 16 * 60_000)
					)
				).allowed
			).toBe(true);
		});

		it('keeps sessions in the database: validate, expire, logout everywhere, deactivation', async () => {
			const user = await makeUser(db, 'sess@x.fr', [
				{ role: 'elu', scopeType: 'commune', scopeValue: '91228' }
			]);
			const now = new Date();
			const a = await createSession(db, { userId: user.id, method: 'password' }, now);
			const b = await createSession(db, { userId: user.id, method: 'password' }, now);
			const check = await validateSession(db, a, { allowDemo: true }, now);
			expect(check.kind).toBe('user');
			if (check.kind === 'user')
				expect(check.user.roles).toEqual([
					{ role: 'elu', scopeType: 'commune', scopeValue: '91228' }
				]);
			expect(
				(await validateSession(db, a, { allowDemo: true }, new Date(now.getTime() + 13 * 3600_000)))
					.kind
			).toBe('none');
			expect((await validateSession(db, 'forged-token', { allowDemo: true })).kind).toBe('none');
			expect(await deleteUserSessions(db, user.id)).toBe(1);
			expect((await validateSession(db, b, { allowDemo: true })).kind).toBe('none');
			const c = await createSession(db, { userId: user.id, method: 'password' });
			await updateUser(db, user.id, { status: 'deactivated' });
			expect((await validateSession(db, c, { allowDemo: true })).kind).toBe('none');
		});

		it('deletes expired sessions, with their address and browser, when a session is created', async () => {
			const user = await makeUser(db, 'purge@x.fr');
			const t0 = new Date('2026-03-02T08:00:00Z');
			const old = await createSession(
				db,
				{ userId: user.id, method: 'password', ip: '10.7.7.7', userAgent: 'Firefox' },
				t0
			);
			const stored = () =>
				db.selectFrom('sessions').select('id').where('id', '=', hashToken(old)).execute();
			await createSession(
				db,
				{ userId: user.id, method: 'password' },
				new Date(t0.getTime() + 3600_000)
			);
			expect(await stored()).toHaveLength(1);
			await createSession(
				db,
				{ userId: user.id, method: 'password' },
				new Date(t0.getTime() + 13 * 3600_000)
			);
			expect(await stored()).toHaveLength(0);
		});

		it('checks the second factor, counting wrong codes toward the lock-out', async () => {
			const user = await makeUser(db, 'totp@x.fr');
			const secret = newTotpSecret();
			await updateUser(db, user.id, { totp_secret: secret });
			const first = await passwordLogin(db, {
				email: 'totp@x.fr',
				password: PASSWORD,
				ip: '10.2.0.1',
				allowDemo: true
			});
			expect(first).toMatchObject({ ok: true, needsTotp: true });
			const row = (await findUserById(db, user.id))!;
			const good = totpCode(secret);
			const wrong = good === '123456' ? '654321' : '123456';
			expect(await checkSecondFactor(db, row, wrong)).toMatchObject({
				ok: false,
				reason: 'invalid'
			});
			expect(await checkSecondFactor(db, (await findUserById(db, user.id))!, good)).toMatchObject({
				ok: true
			});
			expect(await checkSecondFactor(db, (await findUserById(db, user.id))!, good)).toMatchObject({
				ok: false
			});
		});

		it('uses an invitation once', async () => {
			const user = await createUser(db, { email: 'invite@x.fr' });
			const token = await createInvitation(db, user.id, null);
			expect((await findInvitation(db, token))?.email).toBe('invite@x.fr');
			expect(await findInvitation(db, token, new Date(Date.now() + 8 * 86400_000))).toBeUndefined();
			expect(await consumeInvitation(db, token)).toBe(true);
			expect(await consumeInvitation(db, token)).toBe(false);
			expect(await findInvitation(db, token)).toBeUndefined();
		});

		it('maps an SSO identity by e-mail, else creates an account without roles', async () => {
			const known = await makeUser(db, 'sso@x.fr', [
				{ role: 'analyste', scopeType: 'departement', scopeValue: '91' }
			]);
			const mapped = await mapOidcIdentity(db, {
				subject: 'iss|1',
				email: 'sso@x.fr',
				emailVerified: true,
				name: null,
				grants: null
			});
			expect(mapped).toMatchObject({ created: false, user: { id: known.id } });
			expect(await rolesOf(db, known.id)).toHaveLength(1);
			const fresh = await mapOidcIdentity(db, {
				subject: 'iss|2',
				email: 'new@x.fr',
				emailVerified: true,
				name: 'N',
				grants: null
			});
			expect(fresh?.created).toBe(true);
			expect(await rolesOf(db, fresh!.user.id)).toEqual([]);
			expect(
				await mapOidcIdentity(db, {
					subject: 'iss|3',
					email: 'sso@x.fr',
					emailVerified: true,
					name: null,
					grants: null
				})
			).toBeNull();
			expect(
				await mapOidcIdentity(db, {
					subject: 'iss|4',
					email: 'unverified@x.fr',
					emailVerified: false,
					name: null,
					grants: null
				})
			).toBeNull();
			const withClaim = await mapOidcIdentity(db, {
				subject: 'iss|2',
				email: 'new@x.fr',
				emailVerified: true,
				name: null,
				grants: [{ role: 'elu', scopeType: 'commune', scopeValue: '91377' }]
			});
			expect(withClaim?.roleChanges?.added).toEqual(['elu:commune:91377']);
		});

		it('scopes: rows to referents, communes to elus and the département', async () => {
			const refA = sessionUser('ra', [
				{ role: 'referent', scopeType: 'group', scopeValue: 'evry-cve' }
			]);
			const eluA = sessionUser('ea', [{ role: 'elu', scopeType: 'commune', scopeValue: '91228' }]);
			const analyste = sessionUser('an', [
				{ role: 'analyste', scopeType: 'departement', scopeValue: '91' }
			]);
			const epci = await db
				.selectFrom('communes')
				.select('epci')
				.where('code', '=', '91228')
				.executeTakeFirstOrThrow();
			const eluEpci = sessionUser('ee', [
				{ role: 'elu', scopeType: 'epci', scopeValue: epci.epci! }
			]);
			expect(canReadGroupRows(refA, 'evry-cve')).toBe(true);
			expect(canReadGroupRows(refA, 'massy-clspd')).toBe(false);
			expect(canReadGroupRows(eluA, 'evry-cve')).toBe(false);
			expect(canReadGroupRows(analyste, 'evry-cve')).toBe(false);
			expect(await canReadGroupBilan(eluA, db, 'evry-cve')).toBe(true);
			expect(await canReadGroupBilan(eluA, db, 'massy-clspd')).toBe(false);
			expect(await canReadGroupBilan(analyste, db, 'massy-clspd')).toBe(true);
			expect(await canReadCommune(eluA, db, '91228')).toBe(true);
			expect(await canReadCommune(eluA, db, '91377')).toBe(false);
			expect(await canReadCommune(refA, db, '91228')).toBe(false);
			expect(await canReadCommune(eluEpci, db, '91228')).toBe(true);
			expect(await communesVisibleTo(eluA, db)).toEqual(['91228']);
			expect((await communesVisibleTo(eluEpci, db)).length).toBeGreaterThan(1);
			expect((await communesVisibleTo(analyste, db)).length).toBeGreaterThan(100);
			expect(await groupsVisibleTo(eluA, db)).toEqual(['evry-cve']);
			expect(await groupsVisibleTo(refA, db)).toEqual(['evry-cve']);
		});

		it('keeps settings with k never below 3 and the protection width never below 2', async () => {
			expect(await getSettings(db)).toMatchObject({ disclosureThreshold: 5, protectionWidth: 2 });
			expect(
				await saveSettings(db, {
					organisationName: 'Préfecture test',
					disclosureThreshold: 7,
					protectionWidth: 3
				})
			).toEqual(['organisationName', 'disclosureThreshold', 'protectionWidth']);
			expect(await getSettings(db)).toEqual({
				organisationName: 'Préfecture test',
				disclosureThreshold: 7,
				protectionWidth: 3
			});
			await expect(
				saveSettings(db, { organisationName: 'P', disclosureThreshold: 2, protectionWidth: 2 })
			).rejects.toThrow();
			await expect(
				saveSettings(db, {
					organisationName: 'Préfecture',
					disclosureThreshold: 5,
					protectionWidth: 1
				})
			).rejects.toThrow(/largeur de protection ne peut pas être inférieure à 2/);
		});

		it('filters the journal and the journal cannot be modified', async () => {
			await audit(
				db,
				{ action: 'login.failure', actorLabel: 'x@y.fr' },
				new Date('2026-02-01T10:00:00Z')
			);
			await audit(
				db,
				{ action: 'export.audit_log', actorLabel: 'admin@y.fr' },
				new Date('2026-02-03T10:00:00Z')
			);
			const page = await readJournal(db, {
				action: 'login.failure',
				actor: '',
				from: '2026-02-01',
				to: '2026-02-01',
				page: 1
			});
			expect(page.entries.map((e) => e.actor_label)).toEqual(['x@y.fr']);
			await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow();
			await expect(db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow();
		});
	});
}
