// Charters on SQLite and PostgreSQL: member list (contacts only for those allowed, one
// coordinator), attendance from the séances in force, local protocols versioned (never
// overwritten), the annual counts under the threshold rule, and the demo charters.
import { describe, expect, it } from 'vitest';
import { sessionUser } from '../../../../tests/helpers/users';
import { scanFreeText } from '$contracts/free-text';
import { validRows } from '$contracts/generate';
import { insertGroup, testStores, useDemoStore, useStore } from '../../../../tests/helpers/stores';
import { charterAnnual, thresholdCell } from '../departement/charter-annual';
import { protocolText } from '../demo/charters';
import { storeSubmission } from '../submissions';
import { communeCharters } from './commune';
import {
	addMember,
	attendance,
	listMembers,
	memberSchema,
	removeMember,
	setCoordinator
} from './members';
import { protocolSchema, protocolVersions, saveProtocol } from './protocols';
import { canKeepCommuneProtocol, charterReader } from './access';
import type { RoleGrant, SessionUser } from '../auth/schema';

const member = (institution: string, fonction: string, extra: Record<string, string> = {}) =>
	memberSchema.parse({ institution, fonction, ...extra });

const protocol = (texte: string, adopted_on = '2025-03-01') =>
	protocolSchema.parse({
		texte,
		adopted_on,
		limites: 'Rien d’autre que ce qui est utile à la situation.',
		regulation: 'Le coordonnateur réunit les partenaires en cas de désaccord.',
		lieu: 'Maison de quartier'
	});

function seances(presences: string[]) {
	const rows = presences.map((p, i) => ({
		date_seance: `2025-0${i + 1}-10`,
		ordre_du_jour_prealable: 'oui',
		compte_rendu: 'oui',
		nb_situations_examinees: '3',
		nb_nouvelles_situations: '1',
		evaluation_strategies_precedentes: 'oui',
		institutions_presentes: p
	}));
	return [...validRows('seances', rows)];
}

describe.each(testStores())('charters on $name', (backend) => {
	const store = useStore(backend, {
		prepare: async (db) => {
			await insertGroup(db, 'g1', ['91228']);
			await insertGroup(db, 'g2', ['91228']);
		}
	});

	it('keeps a member list with one coordinator and contacts only for those allowed', async () => {
		const db = store.db;
		const a = await addMember(
			db,
			'g1',
			member('education_nationale', 'CPE', {
				contact_name: 'Claire Démo',
				contact_email: 'claire@exemple.fr',
				coordinator: 'on'
			}),
			null
		);
		const b = await addMember(db, 'g1', member('commune', 'Coordonnateur CLSPD'), null);
		await addMember(db, 'g2', member('justice', 'Substitut'), null);
		const full = await listMembers(db, 'g1', true);
		expect(full.map((m) => [m.institution, m.coordinator, m.contactName])).toEqual([
			['education_nationale', true, 'Claire Démo'],
			['commune', false, null]
		]);
		const institutionsOnly = await listMembers(db, 'g1', false);
		expect(institutionsOnly.every((m) => m.contactName === null && m.contactEmail === null)).toBe(
			true
		);
		// the role moves: never two coordinators
		expect(await setCoordinator(db, 'g1', b, null)).toBe(true);
		const after = await listMembers(db, 'g1', false);
		expect(after.filter((m) => m.coordinator).map((m) => m.id)).toEqual([b]);
		// another group's member cannot be touched through this group
		const other = (await listMembers(db, 'g2', false))[0].id;
		expect(await setCoordinator(db, 'g1', other, null)).toBe(false);
		expect(await removeMember(db, 'g1', other)).toBe(false);
		expect(await removeMember(db, 'g1', a)).toBe(true);
		expect((await listMembers(db, 'g1', true)).map((m) => m.id)).toEqual([b]);
	});

	it('refuses a member without function, with an unknown institution or a bad e-mail', () => {
		expect(memberSchema.safeParse({ institution: 'commune', fonction: '' }).success).toBe(false);
		expect(memberSchema.safeParse({ institution: 'mairie', fonction: 'Élu' }).success).toBe(false);
		const bad = memberSchema.safeParse({
			institution: 'commune',
			fonction: 'Coordonnateur',
			contact_email: 'pas-une-adresse'
		});
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toContain('adresse électronique');
	});

	it('computes attendance from the séances in force against the list', async () => {
		const db = store.db;
		await addMember(db, 'g1', member('police_nationale', 'Délégué police-population'), null);
		const send = (filename: string, text: string, presences: string[]) =>
			storeSubmission(db, {
				groupId: 'g1',
				kind: 'seances',
				period: '2025-S1',
				filename,
				bytes: new TextEncoder().encode(text),
				rows: seances(presences),
				uploadedBy: null
			});
		await send('s.csv', 'v1', ['commune', 'commune', 'commune|justice']);
		// a corrected version supersedes the first: only its rows count
		await send('s2.csv', 'v2', [
			'commune|police_nationale',
			'commune',
			'commune|justice',
			'justice'
		]);
		const a = await attendance(db, 'g1');
		expect(a.seances).toBe(4);
		expect(a.periods).toEqual(['2025-S1']);
		expect(a.rows.map((r) => [r.institution, r.present, r.listed])).toEqual([
			['police_nationale', 1, true],
			['commune', 3, true],
			['justice', 2, false]
		]);
	});

	it('versions local protocols, never overwriting an earlier one', async () => {
		const db = store.db;
		const scope = { type: 'group' as const, id: 'g1' };
		expect(await saveProtocol(db, scope, protocol('Première version du texte local.'), null)).toBe(
			1
		);
		expect(await saveProtocol(db, scope, protocol('Deuxième version du texte local.'), null)).toBe(
			2
		);
		await saveProtocol(
			db,
			{ type: 'commune', id: '91228' },
			protocol('Texte de la commune.'),
			null
		);
		const versions = await protocolVersions(db, scope);
		expect(versions.map((v) => [v.version, v.texte])).toEqual([
			[2, 'Deuxième version du texte local.'],
			[1, 'Première version du texte local.']
		]);
		const charters = await communeCharters(db, '91228');
		expect(charters.map((c) => [c.id, c.institutions, c.protocolAdoptedOn])).toEqual([
			['g1', ['Police nationale', 'Commune'], '2025-03-01'],
			['g2', ['Justice'], null]
		]);
	});

	it('shows contacts to the group’s referents and the admin only, and refuses other communes’ élus', async () => {
		const user = (roles: RoleGrant[]) => sessionUser('u', roles, 'u@exemple.fr');
		const read = (u: SessionUser) =>
			charterReader(
				{
					locals: { user: u, store: store.store } as unknown as App.Locals,
					url: new URL('http://localhost/groupe/g1/membres'),
					request: new Request('http://localhost/groupe/g1/membres')
				},
				'g1'
			);
		const referent = await read(user([{ role: 'referent', scopeType: 'group', scopeValue: 'g1' }]));
		expect([referent.keeper, referent.seesContacts]).toEqual([true, true]);
		const admin = await read(user([{ role: 'admin', scopeType: 'departement', scopeValue: '91' }]));
		expect([admin.keeper, admin.seesContacts]).toEqual([false, true]);
		const analyst = await read(
			user([{ role: 'analyste', scopeType: 'departement', scopeValue: '91' }])
		);
		expect([analyst.keeper, analyst.seesContacts]).toEqual([false, false]);
		const elu = user([{ role: 'elu', scopeType: 'commune', scopeValue: '91228' }]);
		expect([(await read(elu)).keeper, (await read(elu)).seesContacts]).toEqual([false, false]);
		expect(await canKeepCommuneProtocol(elu, store.db, '91228')).toBe(true);
		expect(await canKeepCommuneProtocol(elu, store.db, '91377')).toBe(false);
		const otherElu = user([{ role: 'elu', scopeType: 'commune', scopeValue: '91377' }]);
		await expect(read(otherElu)).rejects.toMatchObject({ status: 403 });
		const otherReferent = user([{ role: 'referent', scopeType: 'group', scopeValue: 'g2' }]);
		await expect(read(otherReferent)).rejects.toMatchObject({ status: 403 });
	});

	it('refuses an adoption date in the future or before the 2005 protocol', () => {
		expect(() => protocol('Un texte assez long.', '2004-12-31')).toThrow();
		expect(() => protocol('Un texte assez long.', '2999-01-01')).toThrow();
	});

	it('counts groups and communes with a charter under the threshold rule', async () => {
		const db = store.db;
		// k = 3: one group with a protocol (g1) is a small count, hidden with its share
		const a = await charterAnnual(db, '91', 2025, 3);
		const line = (id: string) => a.lines.find((l) => l.id === id)!;
		expect(a.groups).toBe(2);
		expect(a.communes).toBe(1);
		expect(line('protocole_groupe').count).toEqual({ value: null, status: 'hidden' });
		expect(line('protocole_groupe').share.status).toBe('hidden');
		expect(line('membres').count).toEqual({ value: null, status: 'hidden' });
		// protocols adopted after the year are not the year's
		const before = await charterAnnual(db, '91', 2024, 3);
		expect(before.lines.find((l) => l.id === 'protocole_groupe')!.count).toEqual({
			value: 0,
			status: 'published'
		});
	});
});

describe('threshold rule of charter counts', () => {
	it('hides 1 to k − 1, publishes 0 and k', () => {
		expect(thresholdCell(0, 5)).toEqual({ value: 0, status: 'published' });
		expect(thresholdCell(4, 5)).toEqual({ value: null, status: 'hidden' });
		expect(thresholdCell(5, 5)).toEqual({ value: 5, status: 'published' });
	});
});

describe('demo charters', () => {
	const demo = useDemoStore();

	it('seeds lists, coordinators and protocols for most groups, not all', async () => {
		const a = await charterAnnual(demo.db, '91', 2025, 5);
		const value = (id: string) => a.lines.find((l) => l.id === id)!.count.value!;
		expect(a.groups).toBe(41);
		expect(value('membres')).toBeGreaterThan(20);
		expect(value('membres')).toBeLessThan(41);
		expect(value('coordination')).toBeLessThan(value('membres'));
		expect(value('protocole_groupe')).toBeGreaterThan(10);
		expect(a.lines.find((l) => l.id === 'protocole_commune')!.count.status).toBe('hidden');
	});

	it('has demo texts that pass the identifier scan', () => {
		const t = protocolText('du groupe');
		const report = scanFreeText(
			'protocole',
			Object.entries(t).map(([name, value]) => ({ name, value }))
		);
		expect(report.errors).toEqual([]);
	});
});
