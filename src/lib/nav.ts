// Navigation by role: each persona sees the entries it may open (the server checks again).
import type { Role } from './roles';

export interface NavEntry {
	href: string;
	label: string;
}

export function navFor(roles: readonly Role[]): NavEntry[] {
	const has = (r: Role) => roles.includes(r);
	const entries: NavEntry[] = [{ href: '/', label: 'Accueil' }];
	if (has('referent')) entries.push({ href: '/groupe', label: 'Mon groupe' });
	if (has('elu') || has('analyste') || has('admin'))
		entries.push({ href: '/commune', label: 'Bilans des communes' });
	if (has('analyste') || has('admin')) entries.push({ href: '/departement', label: 'Département' });
	if (has('admin')) entries.push({ href: '/admin', label: 'Administration' });
	entries.push({ href: '/contrat', label: 'Contrat de données' });
	return entries;
}
