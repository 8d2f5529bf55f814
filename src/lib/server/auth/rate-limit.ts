// Fixed-window counters stored in the database, so every app server shares them (failed logins
// per client address, invitation and TOTP attempts, logged denials).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface RateDecision {
	allowed: boolean;
	retryAfterSeconds: number;
	/** hits in the current window, this one included (0 when only peeked) */
	count?: number;
}

type Db = Kysely<Database>;

/** The counter of `key` and whether its window is still running at `now`. */
async function readCounter(db: Db, key: string, windowMs: number, now: Date) {
	const row = await db
		.selectFrom('rate_limits')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	const start = row ? new Date(row.window_start).getTime() : 0;
	const running = !!row && now.getTime() - start < windowMs;
	return {
		count: running ? (row?.count ?? 0) : 0,
		running,
		retryAfterSeconds: Math.ceil((start + windowMs - now.getTime()) / 1000)
	};
}

export async function hitRateLimit(
	db: Db,
	key: string,
	limit: number,
	windowMs: number,
	now = new Date()
): Promise<RateDecision> {
	return db.transaction().execute(async (trx) => {
		const counter = await readCounter(trx, key, windowMs, now);
		if (!counter.running) {
			await trx
				.insertInto('rate_limits')
				.values({ key, window_start: now.toISOString(), count: 1 })
				.onConflict((oc) =>
					oc.column('key').doUpdateSet({ window_start: now.toISOString(), count: 1 })
				)
				.execute();
			return { allowed: true, retryAfterSeconds: 0, count: 1 };
		}
		const count = counter.count + 1;
		await trx.updateTable('rate_limits').set({ count }).where('key', '=', key).execute();
		return {
			allowed: count <= limit,
			count,
			retryAfterSeconds: count <= limit ? 0 : counter.retryAfterSeconds
		};
	});
}

/** Reads a counter without counting: is the limit already reached in the current window? */
export async function peekRateLimit(
	db: Db,
	key: string,
	limit: number,
	windowMs: number,
	now = new Date()
): Promise<RateDecision> {
	const counter = await readCounter(db, key, windowMs, now);
	return counter.count < limit
		? { allowed: true, retryAfterSeconds: 0 }
		: { allowed: false, retryAfterSeconds: counter.retryAfterSeconds };
}
