// One-time invitation links (7 days): the admin sees the link, the invitee sets a password.
// Only the token's hash is stored; using it consumes it.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashToken } from './sessions';

export const INVITATION_DAYS = 7;

export async function createInvitation(
	db: Kysely<Database>,
	userId: string,
	createdBy: string | null,
	now = new Date()
): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	// A new link replaces the previous unused ones.
	await db
		.deleteFrom('invitations')
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.execute();
	await db
		.insertInto('invitations')
		.values({
			token_hash: hashToken(token),
			user_id: userId,
			created_by: createdBy,
			created_at: now.toISOString(),
			expires_at: new Date(now.getTime() + INVITATION_DAYS * 86400_000).toISOString(),
			used_at: null
		})
		.execute();
	return token;
}

export async function findInvitation(db: Kysely<Database>, token: string, now = new Date()) {
	if (!token || token.length > 100) return undefined;
	return db
		.selectFrom('invitations')
		.innerJoin('users', 'users.id', 'invitations.user_id')
		.select([
			'invitations.token_hash',
			'invitations.user_id',
			'users.email',
			'users.name',
			'users.status'
		])
		.where('invitations.token_hash', '=', hashToken(token))
		.where('invitations.used_at', 'is', null)
		.where('invitations.expires_at', '>', now.toISOString())
		.where('users.status', '=', 'active')
		.executeTakeFirst();
}

/** Marks the invitation used; false when someone used it first. */
export async function consumeInvitation(
	db: Kysely<Database>,
	token: string,
	now = new Date()
): Promise<boolean> {
	const res = await db
		.updateTable('invitations')
		.set({ used_at: now.toISOString() })
		.where('token_hash', '=', hashToken(token))
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(res.numUpdatedRows) === 1;
}
