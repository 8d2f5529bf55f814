// A local SMTP server on loopback collecting every message (reminder and invitation tests).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
	messages: { to: string[]; raw: string }[];
	port: number;
	close(): Promise<void>;
}

export async function smtp(): Promise<TestSmtp> {
	const messages: { to: string[]; raw: string }[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			let raw = '';
			stream.setEncoding('utf8');
			stream.on('data', (c: string) => (raw += c));
			stream.on('end', () => {
				messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
				callback();
			});
		}
	});
	server.listen(0, '127.0.0.1');
	await once(server.server, 'listening');
	const port = (server.server.address() as AddressInfo).port;
	return {
		messages,
		port,
		close: () => new Promise<void>((r) => server.close(() => r()))
	};
}
