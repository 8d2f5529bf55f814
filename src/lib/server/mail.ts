// The app's one way out by e-mail: the SMTP transport configured by SMTP_URL (config.ts), or none,
// in which case invitations and reminders stay in the app (links shown to the admin, reminders on
// the campaign board). Invitations (auth/mail.ts) and campaign reminders (departement/campaigns.ts)
// both send through `smtpMailer`; tests pass their own `Mailer`.
import nodemailer from 'nodemailer';
import { config, type AppConfig } from './config';

export interface MailMessage {
	/** default: SMTP_FROM */
	from?: string;
	to: string;
	subject: string;
	text: string;
}

/** Sends one message; the SMTP transport or a test double. */
export interface Mailer {
	sendMail(message: MailMessage): Promise<unknown>;
}

export function mailEnabled(mail: AppConfig['mail'] = config().mail): boolean {
	return mail.url !== null;
}

let transport: { url: string; mailer: Mailer } | null = null;

/** The configured SMTP transport (created once per URL), or null when SMTP_URL is not set. */
export function smtpMailer(mail: AppConfig['mail'] = config().mail): Mailer | null {
	const url = mail.url;
	if (!url) return null;
	if (transport?.url !== url) {
		const smtp = nodemailer.createTransport(url);
		transport = {
			url,
			mailer: { sendMail: (m) => smtp.sendMail({ ...m, from: m.from || mail.from }) }
		};
	}
	return transport.mailer;
}
