import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, readConfig } from './config';

function refusal(env: Record<string, string>): ConfigError {
	try {
		readConfig(env);
	} catch (e) {
		if (e instanceof ConfigError) return e;
		throw e;
	}
	throw new Error('configuration accepted');
}

describe('configuration from the environment', () => {
	it('gives the documented defaults for an empty environment', () => {
		const c = readConfig({});
		expect(c).toMatchObject({
			databaseUrl: null,
			dataDir: path.resolve('./data'),
			organisationName: "Préfecture de l'Essonne — démo",
			demo: true,
			origin: null,
			logLevel: 'info',
			uploadMaxBytes: 52_428_800,
			oidc: null,
			mail: { url: null, from: 'Bilans partagés <ne-pas-repondre@bilans.invalid>' },
			pdf: { chromiumPath: null, enabled: true, concurrency: 2, queue: 8, origin: null },
			underTest: false
		});
		expect(c.validation.queue).toBe(16);
		expect(c.validation.workers).toBeGreaterThanOrEqual(1);
		expect(c.validation.workers).toBeLessThanOrEqual(2);
		// Blank values count as absent; the demo is off by default on PostgreSQL.
		expect(readConfig({ LOG_LEVEL: '  ', DATABASE_URL: 'postgres://u:p@h:5432/b' }).demo).toBe(
			false
		);
		expect(readConfig({ VITEST: 'true' }).logLevel).toBe('silent');
	});

	it('reads valid values, typed', () => {
		const c = readConfig({
			DATABASE_URL: ' postgresql://bilans:secret@db.interne:5432/bilans ',
			DATA_DIR: '/var/lib/bilans-partages',
			ORGANISATION_NAME: 'Préfecture du Nord',
			BP_DEMO: '1',
			ORIGIN: 'https://bilans.exemple.gouv.fr',
			HOST: '0.0.0.0',
			PORT: '3001',
			LOG_LEVEL: 'warn',
			BP_UPLOAD_MAX_BYTES: '1048576',
			OIDC_ISSUER: 'https://sso.exemple.gouv.fr',
			OIDC_CLIENT_ID: 'bilans',
			OIDC_ROLE_CLAIM: 'roles',
			SMTP_URL: 'smtp://u:p@smtp.interne:587',
			SMTP_FROM: 'Bilans <bilans@exemple.gouv.fr>',
			BP_VALIDATION_WORKERS: '3',
			BP_VALIDATION_QUEUE: '4',
			BP_PDF_CONCURRENCY: '1',
			BP_PDF_QUEUE: '2',
			BP_PDF: '0',
			BP_PDF_ORIGIN: 'http://127.0.0.1:3001/',
			CHROMIUM_PATH: '/usr/bin/chromium'
		});
		expect(c).toMatchObject({
			databaseUrl: 'postgresql://bilans:secret@db.interne:5432/bilans',
			dataDir: '/var/lib/bilans-partages',
			organisationName: 'Préfecture du Nord',
			demo: true,
			origin: 'https://bilans.exemple.gouv.fr',
			host: '0.0.0.0',
			port: 3001,
			logLevel: 'warn',
			uploadMaxBytes: 1_048_576,
			oidc: {
				issuer: 'https://sso.exemple.gouv.fr',
				clientId: 'bilans',
				clientSecret: '',
				roleClaim: 'roles',
				label: 'Se connecter avec l’authentification unique'
			},
			mail: { url: 'smtp://u:p@smtp.interne:587', from: 'Bilans <bilans@exemple.gouv.fr>' },
			validation: { workers: 3, queue: 4 },
			pdf: {
				chromiumPath: '/usr/bin/chromium',
				enabled: false,
				concurrency: 1,
				queue: 2,
				origin: 'http://127.0.0.1:3001'
			}
		});
	});

	it.each([
		['BP_UPLOAD_MAX_BYTES', 'cinquante', 'nombre entier supérieur à 0'],
		['BP_UPLOAD_MAX_BYTES', '0', 'nombre entier supérieur à 0'],
		['PORT', '70000', 'de 1 à 65535'],
		['BP_VALIDATION_WORKERS', '1.5', 'nombre entier'],
		['LOG_LEVEL', 'verbeux', 'une des valeurs fatal, error, warn, info'],
		['BP_DEMO', 'oui', 'une des valeurs 1, 0, true, false'],
		['ORIGIN', 'bilans.exemple.gouv.fr', 'https://'],
		['SMTP_URL', 'http://smtp.interne', 'smtp://']
	])('refuses %s=%s with a French message naming it', (variable, value, expected) => {
		const e = refusal({ [variable]: value });
		expect(e.problems.map((p) => p.variable)).toEqual([variable]);
		expect(e.message).toMatch(/^Configuration invalide/);
		expect(e.message).toContain(`- ${variable} : `);
		expect(e.message).toContain(expected);
	});

	it('names every wrong variable at once, without repeating a password', () => {
		const e = refusal({
			DATABASE_URL: 'mysql://bilans:motdepasse-secret@db/bilans',
			BP_PDF_QUEUE: '-1',
			OIDC_ISSUER: 'https://sso.exemple.gouv.fr'
		});
		expect(e.problems.map((p) => p.variable).sort()).toEqual([
			'BP_PDF_QUEUE',
			'DATABASE_URL',
			'OIDC_CLIENT_ID'
		]);
		expect(e.message).toContain('postgres://');
		expect(e.message).toContain('« -1 »');
		expect(e.message).not.toContain('motdepasse-secret');
		expect(e.message).toContain('OIDC_CLIENT_ID : obligatoire quand OIDC_ISSUER est défini');
	});
});

describe('.env.example', () => {
	it('names every variable the configuration reads, with a value it accepts', () => {
		const text = readFileSync(path.resolve(import.meta.dirname, '../../../.env.example'), 'utf8');
		const listed = new Map(
			[...text.matchAll(/^# ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2].trim()] as const)
		);
		const runnerOnly = new Set(['VITEST', 'NODE_ENV']);
		expect(CONFIG_VARIABLES.filter((v) => !runnerOnly.has(v) && !listed.has(v))).toEqual([]);
		const env = Object.fromEntries([...listed].filter(([, v]) => v !== ''));
		expect(() => readConfig(env)).not.toThrow();
	});
});
