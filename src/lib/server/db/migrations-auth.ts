// Accounts, role grants, database sessions (so several app servers can run), one-time invitation
// links, login throttling and pending SSO logins. Portable types only, as in the initial schema.
import type { Migration } from 'kysely';
import type { Dialect, MigrationDb } from './migrations';
import { createSchema } from './migration-tables';

type Db = MigrationDb;

export function authMigration(_dialect: Dialect): Migration {
	return {
		async up(db: Db) {
			await createSchema(
				db,
				`users: id pk, email! unique, name, password_hash, status! =active, demo! int =0,
					totp_secret, totp_pending_secret, totp_last_counter int, failed_logins! int =0,
					locked_until, oidc_subject, created_at!, updated_at!, last_login_at;
				user_roles: user_id! >users.id cascade, role!, scope_type!, scope_value!,
					primary key (user_id, role, scope_type, scope_value);
				sessions: id pk, user_id! >users.id cascade, created_at!, expires_at!,
					mfa_pending! int =0, method!, ip, user_agent;
				index sessions_user on sessions: user_id;
				invitations: token_hash pk, user_id! >users.id cascade, created_by, created_at!,
					expires_at!, used_at;
				rate_limits: key pk, window_start!, count! int;
				oidc_logins: state pk, nonce!, code_verifier!, redirect_to!, expires_at!;
				index audit_log_action on audit_log: action, at;
				index audit_log_actor on audit_log: actor_id, at;`
			);
		},
		async down() {
			throw new Error('irreversible');
		}
	};
}
