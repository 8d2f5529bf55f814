// Structured JSON logs (pino) for operators. Never log row data, file contents or free text:
// log identifiers of objects (submission id, group id) and counts only.
import pino from 'pino';

export const logger = pino({
	level: process.env.LOG_LEVEL || (process.env.VITEST ? 'silent' : 'info'),
	base: { app: 'bilans-partages' },
	redact: {
		paths: ['password', '*.password', 'email', '*.email', 'token', '*.token'],
		remove: true
	}
});
