// Roles, scopes and the signed-in user as the app sees them. The accounts tables themselves are
// typed with every other table in `db/schema.ts`; the roles themselves in `$lib/roles`.
import type { Role } from '$lib/roles';

export const SCOPE_TYPES = ['group', 'commune', 'epci', 'departement'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	referent: 'Référent de groupe',
	elu: 'Élu',
	analyste: 'Analyste départemental',
	admin: 'Administrateur'
};
export const SCOPE_LABELS: Record<ScopeType, string> = {
	group: 'Groupe',
	commune: 'Commune',
	epci: 'EPCI',
	departement: 'Département'
};
/** Which scope types each role accepts. */
export const ROLE_SCOPES: Record<Role, readonly ScopeType[]> = {
	referent: ['group'],
	elu: ['commune', 'epci'],
	analyste: ['departement'],
	admin: ['departement']
};

export interface RoleGrant {
	role: Role;
	scopeType: ScopeType;
	scopeValue: string;
}

/** The signed-in user as every load, action and endpoint sees it (`locals.user`). */
export interface SessionUser {
	id: string;
	email: string;
	name: string | null;
	roles: RoleGrant[];
	totpEnabled: boolean;
	demo: boolean;
	sessionId: string;
	/** `password` or `sso` */
	method: string;
}
