// The server's single store, opened, migrated and (in demo mode) seeded once per process.
import { config } from './config';
import { migrate, openStore, type Store } from './db';
import { seedDemo } from './demo/seed';
import { logger } from './logger';

let ready: Promise<Store> | null = null;

export function store(): Promise<Store> {
	ready ??= (async () => {
		const cfg = config();
		const s = openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
		await migrate(s);
		if (cfg.demo) await seedDemo(s.db);
		logger.info({ db: s.description, demo: cfg.demo }, 'store ready');
		return s;
	})();
	return ready;
}
