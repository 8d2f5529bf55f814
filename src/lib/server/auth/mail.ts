// Invitation e-mails, through the app's one mailer (../mail.ts) when SMTP_URL is configured;
// otherwise the admin copies the link.
import { config, type AppConfig } from '../config';
import { logger } from '../logger';
import { smtpMailer } from '../mail';

export { mailEnabled } from '../mail';

export async function sendInvitationMail(
	to: string,
	link: string,
	organisationName: string,
	mail: AppConfig['mail'] = config().mail
): Promise<boolean> {
	const mailer = smtpMailer(mail);
	if (!mailer) return false;
	try {
		await mailer.sendMail({
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
