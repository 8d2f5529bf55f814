// Deployment configuration, read once from the environment: the only place that knows variable names.
import path from 'node:path';

export interface AppConfig {
	databaseUrl: string | null;
	dataDir: string;
	organisationName: string;
	demo: boolean;
	logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
	const databaseUrl = env.DATABASE_URL?.trim() || null;
	const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');
	// The demo department is seeded by default on the embedded database only; elsewhere on request.
	const demoFlag = env.BP_DEMO?.trim();
	const demo = demoFlag ? demoFlag === '1' || demoFlag === 'true' : databaseUrl === null;
	return {
		databaseUrl,
		dataDir,
		organisationName: env.ORGANISATION_NAME?.trim() || "Préfecture de l'Essonne — démo",
		demo,
		logLevel: env.LOG_LEVEL?.trim() || 'info'
	};
}

let cached: AppConfig | null = null;
export function config(): AppConfig {
	cached ??= readConfig();
	return cached;
}
