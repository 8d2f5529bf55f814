// Fixed-window counters stored in the database, so every app server shares them (failed logins
// per client address, invitation and TOTP attempts, logged denials).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { authDb } from './schema';

export interface RateDecision {
	allowed: boolean;
	retryAfterSeconds: number;
	/** hits in the current window, this one included (0 when only peeked) */
	count?: number;
}

export async function hitRateLimit(
	db: Kysely<Database>,
	key: string,
	limit: number,
	windowMs: number,
	now = new Date()
): Promise<RateDecision> {
	const adb = authDb(db);
	return adb.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('rate_limits')
			.selectAll()
			.where('key', '=', key)
			.executeTakeFirst();
		const start = row ? new Date(row.window_start).getTime() : 0;
		if (!row || now.getTime() - start >= windowMs) {
			await trx
				.insertInto('rate_limits')
				.values({ key, window_start: now.toISOString(), count: 1 })
				.onConflict((oc) =>
					oc.column('key').doUpdateSet({ window_start: now.toISOString(), count: 1 })
				)
				.execute();
			return { allowed: true, retryAfterSeconds: 0, count: 1 };
		}
		const count = row.count + 1;
		await trx.updateTable('rate_limits').set({ count }).where('key', '=', key).execute();
		return {
			allowed: count <= limit,
			count,
			retryAfterSeconds: count <= limit ? 0 : Math.ceil((start + windowMs - now.getTime()) / 1000)
		};
	});
}

/** Reads a counter without counting: is the limit already reached in the current window? */
export async function peekRateLimit(
	db: Kysely<Database>,
	key: string,
	limit: number,
	windowMs: number,
	now = new Date()
): Promise<RateDecision> {
	const row = await authDb(db)
		.selectFrom('rate_limits')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	const start = row ? new Date(row.window_start).getTime() : 0;
	if (!row || now.getTime() - start >= windowMs || row.count < limit)
		return { allowed: true, retryAfterSeconds: 0 };
	return {
		allowed: false,
		retryAfterSeconds: Math.ceil((start + windowMs - now.getTime()) / 1000)
	};
}
