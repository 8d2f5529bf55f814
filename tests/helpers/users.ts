// The signed-in user a request carries (`locals.user`), for tests of scopes and form actions.
import type { RoleGrant, SessionUser } from '../../src/lib/server/auth/schema';

/** A user signed in with a password, holding `roles`, without TOTP, not a demo account. */
export function sessionUser(id: string, roles: RoleGrant[], email = `${id}@x.fr`): SessionUser {
	return {
		id,
		email,
		name: null,
		roles,
		totpEnabled: false,
		demo: false,
		sessionId: 's',
		method: 'password'
	};
}
