// Reading a role grant from the admin form: role + scope value, the scope type follows the role
// (an elu's value is a commune code, or an EPCI SIREN of 9 digits).
import type { Role, RoleGrant } from './schema';
import { isRoleGrant } from './users';

export function grantFromForm(role: string, value: string): RoleGrant | null {
	const v = value.trim();
	const scopeType =
		role === 'referent'
			? 'group'
			: role === 'elu'
				? /^\d{9}$/.test(v)
					? 'epci'
					: 'commune'
				: 'departement';
	const g = { role: role as Role, scopeType, scopeValue: v } as RoleGrant;
	return isRoleGrant(g) ? g : null;
}
