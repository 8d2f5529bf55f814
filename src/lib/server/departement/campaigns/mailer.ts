// The reminders' mail transport: the app's one SMTP mailer when configured, a test double in tests.
import { smtpMailer, type Mailer } from '../../mail';

export type { Mailer } from '../../mail';

/** The SMTP transport when SMTP_URL is configured, otherwise none (reminders stay in the app). */
export const mailerFromEnv = (): Mailer | null => smtpMailer();
