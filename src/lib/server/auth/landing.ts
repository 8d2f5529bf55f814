// Where a user lands after signing in: the page of its main role, unless it asked for another.
import type { SessionUser } from './schema';
import { safeRedirect } from './guard';

const LANDING: [string, string][] = [
	['admin', '/admin'],
	['analyste', '/departement'],
	['elu', '/commune'],
	['referent', '/groupe']
];

export function landingFor(roles: { role: string }[], redirectTo?: string | null): string {
	const asked = safeRedirect(redirectTo, '');
	if (asked && asked !== '/') return asked;
	for (const [role, path] of LANDING) if (roles.some((g) => g.role === role)) return path;
	return '/';
}

export type { SessionUser };
