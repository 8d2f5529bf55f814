// The one mail transport of the reminders: SMTP when configured, a test double in tests.
import nodemailer from 'nodemailer';
import { config } from '../../config';

export interface Mailer {
	sendMail(message: { from?: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** The SMTP transport when SMTP_URL is configured, otherwise none (reminders stay in the app). */
export function mailerFromEnv(url: string | null = config().mail.url): Mailer | null {
	return url ? nodemailer.createTransport(url) : null;
}
