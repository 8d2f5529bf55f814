// Reading a role grant from the admin form: role + scope value, the scope type follows the role
// (an elu's value is a commune code, or an EPCI SIREN of 9 digits); and reading the whole role
// form, whose intent is explicit: it states the set of roles the admin saw (`present`), which of
// them to keep, and at most one to add. A post that does not match the roles as they are, or
// that would remove every role without the confirmation box, changes nothing.
import { z } from 'zod';
import type { RoleGrant } from '../auth/schema';
import type { Role } from '$lib/roles';
import { grantKey, isRoleGrant, parseGrant } from '../auth/users';

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

export const roleFormSchema = z.object({
	present: z.array(z.string().max(300)).max(200),
	keep: z.array(z.string().max(300)).max(200),
	role: z.string().max(40).default(''),
	scope: z.string().max(100).default(''),
	confirmEmpty: z.literal('oui').optional()
});

export type RolePlan =
	| { ok: true; grants: RoleGrant[] }
	| { ok: false; status: 400 | 409; message: string; confirmEmpty?: boolean };

/** The full set of roles a submitted role form asks for, checked against the current one. */
export function planRoles(
	form: FormData,
	current: RoleGrant[],
	defaultScope: (role: string) => string
): RolePlan {
	const parsed = roleFormSchema.safeParse({
		present: form.getAll('present').map(String),
		keep: form.getAll('keep').map(String),
		role: form.get('role') ?? undefined,
		scope: form.get('scope') ?? undefined,
		confirmEmpty: form.get('confirmEmpty') ?? undefined
	});
	if (!parsed.success)
		return {
			ok: false,
			status: 400,
			message: 'Formulaire des rôles incomplet : rechargez la page.'
		};
	const { present, keep, role, scope, confirmEmpty } = parsed.data;
	const now = new Set(current.map(grantKey));
	const seen = new Set(present);
	if (seen.size !== now.size || [...now].some((k) => !seen.has(k)))
		return {
			ok: false,
			status: 409,
			message:
				'Les rôles de cet utilisateur ne sont plus ceux affichés (modifiés entre-temps, ou formulaire incomplet) : rien n’a été changé. Rechargez la page et recommencez.'
		};
	if (keep.some((k) => !seen.has(k)))
		return { ok: false, status: 400, message: 'Un rôle à conserver n’est pas un rôle actuel.' };
	const grants = keep.map(parseGrant).filter((g): g is RoleGrant => !!g);
	if (role) {
		const g = grantFromForm(role, scope || defaultScope(role));
		if (!g) return { ok: false, status: 400, message: 'Périmètre invalide pour ce rôle.' };
		grants.push(g);
	}
	if (!grants.length && current.length && !confirmEmpty)
		return {
			ok: false,
			status: 400,
			confirmEmpty: true,
			message:
				'Tous les rôles de cet utilisateur seraient retirés : il ne pourrait plus rien consulter. Cochez « Retirer tous les rôles » pour confirmer.'
		};
	return { ok: true, grants };
}
