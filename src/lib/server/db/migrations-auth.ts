// Accounts, role grants, database sessions (so several app servers can run), one-time invitation
// links, login throttling and pending SSO logins. Portable types only, as in the initial schema.
import type { Migration } from 'kysely';
import type { Dialect, MigrationDb } from './migrations';

type Db = MigrationDb;

export function authMigration(_dialect: Dialect): Migration {
	return {
		async up(db: Db) {
			await db.schema
				.createTable('users')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('email', 'text', (c) => c.notNull().unique())
				.addColumn('name', 'text')
				.addColumn('password_hash', 'text')
				.addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
				.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('totp_secret', 'text')
				.addColumn('totp_pending_secret', 'text')
				.addColumn('totp_last_counter', 'integer')
				.addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('locked_until', 'text')
				.addColumn('oidc_subject', 'text')
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.addColumn('last_login_at', 'text')
				.execute();
			await db.schema
				.createTable('user_roles')
				.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
				.addColumn('role', 'text', (c) => c.notNull())
				.addColumn('scope_type', 'text', (c) => c.notNull())
				.addColumn('scope_value', 'text', (c) => c.notNull())
				.addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role', 'scope_type', 'scope_value'])
				.execute();
			await db.schema
				.createTable('sessions')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('expires_at', 'text', (c) => c.notNull())
				.addColumn('mfa_pending', 'integer', (c) => c.notNull().defaultTo(0))
				.addColumn('method', 'text', (c) => c.notNull())
				.addColumn('ip', 'text')
				.addColumn('user_agent', 'text')
				.execute();
			await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
			await db.schema
				.createTable('invitations')
				.addColumn('token_hash', 'text', (c) => c.primaryKey())
				.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
				.addColumn('created_by', 'text')
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('expires_at', 'text', (c) => c.notNull())
				.addColumn('used_at', 'text')
				.execute();
			await db.schema
				.createTable('rate_limits')
				.addColumn('key', 'text', (c) => c.primaryKey())
				.addColumn('window_start', 'text', (c) => c.notNull())
				.addColumn('count', 'integer', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('oidc_logins')
				.addColumn('state', 'text', (c) => c.primaryKey())
				.addColumn('nonce', 'text', (c) => c.notNull())
				.addColumn('code_verifier', 'text', (c) => c.notNull())
				.addColumn('redirect_to', 'text', (c) => c.notNull())
				.addColumn('expires_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('audit_log_action')
				.on('audit_log')
				.columns(['action', 'at'])
				.execute();
			await db.schema
				.createIndex('audit_log_actor')
				.on('audit_log')
				.columns(['actor_id', 'at'])
				.execute();
		},
		async down() {
			throw new Error('irreversible');
		}
	};
}
