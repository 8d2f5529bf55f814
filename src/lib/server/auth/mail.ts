// Outgoing mail (invitations) through SMTP_URL when configured; otherwise the admin copies the link.
import nodemailer from 'nodemailer';
import { logger } from '../logger';

export function mailEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
	return !!env.SMTP_URL?.trim();
}

export async function sendInvitationMail(
	to: string,
	link: string,
	organisationName: string,
	env: NodeJS.ProcessEnv = process.env
): Promise<boolean> {
	if (!mailEnabled(env)) return false;
	try {
		const transport = nodemailer.createTransport(env.SMTP_URL!.trim());
		await transport.sendMail({
			from: env.SMTP_FROM?.trim() || 'Bilans partagés <ne-pas-repondre@bilans.invalid>',
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
