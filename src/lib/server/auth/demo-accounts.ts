// Demo accounts, one per persona of the demo department. Demo mode only: logins and sessions of
// these accounts are refused when the deployment is not in demo mode (see login.ts, sessions.ts).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { hashPassword } from './password';
import type { RoleGrant } from './schema';
import type { Role } from '$lib/roles';
import { createUser, findUserByEmail, setRoles } from './users';

/** The documented password of every demo account (demo instances only). */
export const DEMO_PASSWORD = 'demo-bilans-2026';

export interface DemoAccount {
	email: string;
	password: string;
	label: string;
	role: Role | null;
	grants: RoleGrant[];
	active: boolean;
}

const g = (role: Role, scopeType: RoleGrant['scopeType'], scopeValue: string): RoleGrant => ({
	role,
	scopeType,
	scopeValue
});

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{
		email: 'referent.cve.evry@demo.bilans.fr',
		label: 'Référente de la cellule de veille éducative d’Évry-Courcouronnes',
		role: 'referent',
		grants: [g('referent', 'group', 'evry-courcouronnes-cve')]
	},
	{
		email: 'referent.clspd.massy@demo.bilans.fr',
		label: 'Référent de la commission du CLSPD de Massy',
		role: 'referent',
		grants: [g('referent', 'group', 'massy-clspd')]
	},
	{
		email: 'elu.evry@demo.bilans.fr',
		label: 'Élue d’Évry-Courcouronnes',
		role: 'elu',
		grants: [g('elu', 'commune', '91228')]
	},
	{
		email: 'elu.massy@demo.bilans.fr',
		label: 'Élu de Massy',
		role: 'elu',
		grants: [g('elu', 'commune', '91377')]
	},
	{
		email: 'analyste@demo.bilans.fr',
		label: 'Analyste départementale de l’Essonne',
		role: 'analyste',
		grants: [g('analyste', 'departement', '91')]
	},
	{
		email: 'admin@demo.bilans.fr',
		label: 'Administrateur de l’Essonne',
		role: 'admin',
		grants: [g('admin', 'departement', '91')]
	},
	{
		email: 'desactive@demo.bilans.fr',
		label: 'Compte désactivé (ancien référent), pour vérifier le refus',
		role: null,
		grants: [g('referent', 'group', 'evry-courcouronnes-cve')],
		active: false
	}
].map((a) => ({ active: true, ...a, password: DEMO_PASSWORD }) as DemoAccount);

/** Creates the missing demo accounts (idempotent); runs inside the demo seeding transaction. */
export async function seedDemoAccounts(
	db: Kysely<Database> | Transaction<Database>
): Promise<number> {
	// One hash for all: they share the documented password anyway.
	const hash = await hashPassword(DEMO_PASSWORD);
	let created = 0;
	for (const a of DEMO_ACCOUNTS) {
		if (await findUserByEmail(db, a.email)) continue;
		const user = await createUser(db, {
			email: a.email,
			name: a.label,
			passwordHash: hash,
			demo: true,
			status: a.active ? 'active' : 'deactivated'
		});
		await setRoles(db, user.id, a.grants);
		created++;
	}
	return created;
}
