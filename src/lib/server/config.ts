// Deployment configuration: every environment variable the app reads, read and checked here once
// (zod), so the other modules receive typed values and a wrong value stops the server at start-up
// with a French message naming the variable, instead of being replaced by a default somewhere deep
// inside. The only module that reads `process.env` (README « Configuration » lists the same names;
// HOST, PORT, ORIGIN, BODY_SIZE_LIMIT, ADDRESS_HEADER and XFF_DEPTH are also read by adapter-node).
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const DEFAULT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_ORGANISATION_NAME = "Préfecture de l'Essonne — démo";
export const DEFAULT_MAIL_FROM = 'Bilans partagés <ne-pas-repondre@bilans.invalid>';
export const DEFAULT_SSO_LABEL = 'Se connecter avec l’authentification unique';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OidcSettings {
	issuer: string;
	clientId: string;
	clientSecret: string;
	roleClaim: string | null;
	label: string;
}

export interface AppConfig {
	databaseUrl: string | null;
	dataDir: string;
	organisationName: string;
	demo: boolean;
	/** public URL of the app (ORIGIN), put in reminder e-mails */
	origin: string | null;
	/** listening address and port (HOST, PORT), for the PDF printer reaching this server */
	host: string | null;
	port: number | null;
	logLevel: LogLevel;
	/** largest file accepted by an upload, checked before reading */
	uploadMaxBytes: number;
	/** single sign-on, when OIDC_ISSUER and OIDC_CLIENT_ID are set */
	oidc: OidcSettings | null;
	/** SMTP transport URL (null: no e-mail, links shown in the app) and sender */
	mail: { url: string | null; from: string };
	/** upload validation worker threads, and uploads waiting beyond which the server answers 503 */
	validation: { workers: number; queue: number };
	pdf: {
		/** CHROMIUM_PATH: this browser only (null: looked up on the PATH unless disabled) */
		chromiumPath: string | null;
		/** BP_PDF=0 turns the lookup off */
		enabled: boolean;
		concurrency: number;
		queue: number;
		/** base URL the printer reads the print view from (default: HOST and PORT) */
		origin: string | null;
		/** module providing Chromium automation */
		playwrightModule: string;
	};
	/** run by the test runner (VITEST, NODE_ENV=test): silent logs by default, no demo banner */
	underTest: boolean;
}

/** Variables whose value is never repeated in an error message (they may hold a password). */
const SECRET = new Set(['DATABASE_URL', 'SMTP_URL', 'OIDC_CLIENT_SECRET']);

const positiveInt = (max?: number) => {
	const expected = max
		? `un nombre entier de 1 à ${max} est attendu`
		: 'un nombre entier supérieur à 0 est attendu';
	return z
		.string()
		.regex(/^\d+$/, expected)
		.transform(Number)
		.refine((n) => n >= 1 && n <= (max ?? Number.MAX_SAFE_INTEGER), expected);
};

const url = (protocols: string[], example: string) =>
	z.string().refine((v) => {
		try {
			return protocols.includes(new URL(v).protocol);
		} catch {
			return false;
		}
	}, `une adresse de la forme ${example} est attendue`);

const flag = (values: readonly [string, ...string[]]) =>
	z.enum(values, `une des valeurs ${values.join(', ')} est attendue`);

const text = z.string();

/** The variables, by name: each optional (an empty value counts as absent). */
const schema = z
	.object({
		DATABASE_URL: url(
			['postgres:', 'postgresql:'],
			'postgres://utilisateur:motdepasse@hôte:5432/base'
		),
		DATA_DIR: text,
		ORGANISATION_NAME: text,
		BP_DEMO: flag(['1', '0', 'true', 'false']),
		ORIGIN: url(['http:', 'https:'], 'https://bilans.exemple.gouv.fr'),
		HOST: text,
		PORT: positiveInt(65535),
		LOG_LEVEL: z.enum(LOG_LEVELS, `une des valeurs ${LOG_LEVELS.join(', ')} est attendue`),
		BP_UPLOAD_MAX_BYTES: positiveInt(),
		OIDC_ISSUER: url(['http:', 'https:'], 'https://fournisseur.exemple.gouv.fr'),
		OIDC_CLIENT_ID: text,
		OIDC_CLIENT_SECRET: text,
		OIDC_ROLE_CLAIM: text,
		OIDC_LABEL: text,
		SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://utilisateur:motdepasse@hôte:587'),
		SMTP_FROM: text,
		BP_VALIDATION_WORKERS: positiveInt(64),
		BP_VALIDATION_QUEUE: positiveInt(),
		BP_PDF_CONCURRENCY: positiveInt(64),
		BP_PDF_QUEUE: positiveInt(),
		BP_PDF: flag(['1', '0']),
		BP_PDF_ORIGIN: url(['http:', 'https:'], 'http://127.0.0.1:3000'),
		BP_PLAYWRIGHT_MODULE: text,
		CHROMIUM_PATH: text,
		VITEST: text,
		NODE_ENV: text
	})
	.partial()
	.superRefine((v, ctx) => {
		// Half a single sign-on configuration is a mistake, not a request to turn it off.
		if (v.OIDC_ISSUER && !v.OIDC_CLIENT_ID)
			ctx.addIssue({
				code: 'custom',
				path: ['OIDC_CLIENT_ID'],
				message: 'obligatoire quand OIDC_ISSUER est défini'
			});
		if (v.OIDC_CLIENT_ID && !v.OIDC_ISSUER)
			ctx.addIssue({
				code: 'custom',
				path: ['OIDC_ISSUER'],
				message: 'obligatoire quand OIDC_CLIENT_ID est défini'
			});
	});

export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** A configuration refused at start-up; the message names each wrong variable, in French. */
export class ConfigError extends Error {
	constructor(readonly problems: { variable: string; message: string }[]) {
		super(
			[
				'Configuration invalide : corrigez ces variables d’environnement puis redémarrez.',
				...problems.map((p) => `- ${p.variable} : ${p.message}`)
			].join('\n')
		);
		this.name = 'ConfigError';
	}
}

/** Reads and checks the configuration; throws ConfigError naming every wrong variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
	const raw: Record<string, string> = {};
	for (const name of CONFIG_VARIABLES) {
		const value = env[name]?.trim();
		if (value) raw[name] = value;
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((issue) => {
				const variable = String(issue.path[0]);
				const shown =
					variable in raw && !SECRET.has(variable) ? ` (reçu « ${raw[variable]} »)` : '';
				return { variable, message: `${issue.message}${shown}.` };
			})
		);
	}
	const v = parsed.data;
	const underTest = !!v.VITEST || v.NODE_ENV === 'test';
	const databaseUrl = v.DATABASE_URL ?? null;
	return {
		databaseUrl,
		dataDir: path.resolve(v.DATA_DIR ?? './data'),
		organisationName: v.ORGANISATION_NAME ?? DEFAULT_ORGANISATION_NAME,
		// The demo department is seeded by default on the embedded database only; elsewhere on request.
		demo: v.BP_DEMO ? v.BP_DEMO === '1' || v.BP_DEMO === 'true' : databaseUrl === null,
		origin: v.ORIGIN ?? null,
		host: v.HOST ?? null,
		port: v.PORT ?? null,
		logLevel: v.LOG_LEVEL ?? (v.VITEST ? 'silent' : 'info'),
		uploadMaxBytes: v.BP_UPLOAD_MAX_BYTES ?? DEFAULT_UPLOAD_MAX_BYTES,
		oidc:
			v.OIDC_ISSUER && v.OIDC_CLIENT_ID
				? {
						issuer: v.OIDC_ISSUER,
						clientId: v.OIDC_CLIENT_ID,
						clientSecret: v.OIDC_CLIENT_SECRET ?? '',
						roleClaim: v.OIDC_ROLE_CLAIM ?? null,
						label: v.OIDC_LABEL ?? DEFAULT_SSO_LABEL
					}
				: null,
		mail: { url: v.SMTP_URL ?? null, from: v.SMTP_FROM ?? DEFAULT_MAIL_FROM },
		validation: {
			workers: v.BP_VALIDATION_WORKERS ?? Math.max(1, Math.min(2, availableParallelism() - 1)),
			queue: v.BP_VALIDATION_QUEUE ?? 16
		},
		pdf: {
			chromiumPath: v.CHROMIUM_PATH ?? null,
			enabled: v.BP_PDF !== '0',
			concurrency: v.BP_PDF_CONCURRENCY ?? 2,
			queue: v.BP_PDF_QUEUE ?? 8,
			origin: v.BP_PDF_ORIGIN?.replace(/\/$/, '') ?? null,
			playwrightModule: v.BP_PLAYWRIGHT_MODULE ?? 'playwright-core'
		},
		underTest
	};
}

let cached: AppConfig | null = null;
/** The process's configuration, read on first use (at start-up: `init` in hooks.server.ts). */
export function config(): AppConfig {
	cached ??= readConfig();
	return cached;
}
