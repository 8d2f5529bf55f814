// Outgoing mail (invitations) through SMTP_URL when configured; otherwise the admin copies the link.
import nodemailer from 'nodemailer';
import { config, type AppConfig } from '../config';
import { logger } from '../logger';

export function mailEnabled(mail: AppConfig['mail'] = config().mail): boolean {
	return mail.url !== null;
}

export async function sendInvitationMail(
	to: string,
	link: string,
	organisationName: string,
	mail: AppConfig['mail'] = config().mail
): Promise<boolean> {
	if (!mail.url) return false;
	try {
		const transport = nodemailer.createTransport(mail.url);
		await transport.sendMail({
			from: mail.from,
			to,
			subject: `Votre accès à Bilans partagés — ${organisationName}`,
			text:
				`Bonjour,\n\nUn compte a été créé pour vous sur Bilans partagés (${organisationName}).\n` +
				`Pour choisir votre mot de passe, ouvrez ce lien (valable 7 jours, utilisable une seule fois) :\n\n${link}\n\n` +
				`Si vous n'attendiez pas ce message, ignorez-le.\n`
		});
		return true;
	} catch (err) {
		logger.warn({ err: (err as Error).message }, 'invitation mail not sent');
		return false;
	}
}
