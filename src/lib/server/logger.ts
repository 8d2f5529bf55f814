// Structured JSON logs (pino) for operators. Never log row data, file contents or free text:
// log identifiers of objects (submission id, group id) and counts only.
import pino from 'pino';
import { config } from './config';

export const logger = pino({
	level: config().logLevel,
	base: { app: 'bilans-partages' },
	redact: {
		paths: ['password', '*.password', 'email', '*.email', 'token', '*.token'],
		remove: true
	}
});
