// The server's single store, opened, migrated and (in demo mode) seeded once per process.
import { config } from './config';
import { migrate, openStore, type Store } from './db';
import { seedDemo } from './demo/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './auth/demo-accounts';
import { logger } from './logger';

let ready: Promise<Store> | null = null;

/** A plain-text block for the person who ran `npm start`: which demo accounts to try. */
function demoBanner(): string {
	const lines = DEMO_ACCOUNTS.filter((a) => a.active).map(
		(a) => `  ${a.email.padEnd(38)} ${a.label}`
	);
	return [
		'',
		'Département de démonstration (données fictives). Comptes de démonstration,',
		`mot de passe « ${DEMO_PASSWORD} » :`,
		...lines,
		''
	].join('\n');
}

export function store(): Promise<Store> {
	ready ??= (async () => {
		const cfg = config();
		const s = openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
		await migrate(s);
		if (cfg.demo) {
			await seedDemo(s.db);
			if (!cfg.underTest) process.stdout.write(demoBanner() + '\n');
		}
		logger.info({ db: s.description, demo: cfg.demo }, 'store ready');
		return s;
	})();
	return ready;
}
