// Today in Paris, and the hourly timer that sends the reminders due (started by the init hook).
import { logger } from '../../logger';
import type { Db } from './store';
import { type Mailer, mailerFromEnv } from './mailer';
import { sendDueReminders } from './reminders';

/** Today in the département's time zone (Europe/Paris), as YYYY-MM-DD. */
export function todayInParis(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Paris',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

/**
 * Runs `sendDueReminders` now and every `intervalMs` (default hourly) — for the server's init
 * hook. Returns a function that stops the timer. Failures are logged, never thrown.
 */
export function startReminderTimer(
	db: Db,
	options: { intervalMs?: number; mailer?: Mailer | null; appUrl?: string } = {}
): () => void {
	const tick = () =>
		sendDueReminders(db, todayInParis(), options.mailer ?? mailerFromEnv(), {
			appUrl: options.appUrl
		}).catch((err) => logger.warn({ err: (err as Error).message }, 'campaign reminders failed'));
	void tick();
	const timer = setInterval(tick, options.intervalMs ?? 3_600_000);
	timer.unref();
	return () => clearInterval(timer);
}
