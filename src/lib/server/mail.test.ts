import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtp, type TestSmtp } from '../../../tests/helpers/smtp';
import { sendInvitationMail } from './auth/mail';
import { mailEnabled, smtpMailer } from './mail';

describe('the one mailer', () => {
	let server: TestSmtp;
	beforeAll(async () => {
		server = await smtp();
	});
	afterAll(async () => {
		await server?.close();
	});

	it('is off without SMTP_URL, and invitations then report not sent', async () => {
		const off = { url: null, from: 'x <x@bilans.invalid>' };
		expect(mailEnabled(off)).toBe(false);
		expect(smtpMailer(off)).toBeNull();
		expect(await sendInvitationMail('a@bilans.invalid', 'https://l', 'Org', off)).toBe(false);
	});

	it('sends invitations and other mail through one transport, from SMTP_FROM by default', async () => {
		const mail = {
			url: `smtp://127.0.0.1:${server.port}?ignoreTLS=true`,
			from: 'Bilans <envoi@bilans.invalid>'
		};
		expect(smtpMailer(mail)).toBe(smtpMailer(mail));
		expect(await sendInvitationMail('agent@bilans.invalid', 'https://lien/1', 'Org', mail)).toBe(
			true
		);
		await smtpMailer(mail)!.sendMail({ to: 'autre@bilans.invalid', subject: 'S', text: 'T' });
		expect(server.messages.map((m) => m.to)).toEqual([
			['agent@bilans.invalid'],
			['autre@bilans.invalid']
		]);
		for (const m of server.messages) expect(m.raw).toContain('From: Bilans <envoi@bilans.invalid>');
		expect(server.messages[0].raw).toContain('https://lien/1');
	});
});
