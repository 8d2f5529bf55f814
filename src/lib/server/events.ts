// Why: what derives from the data (the release caches) must hear of this server's committed
// changes, but the modules that write (settings, campaigns, publications) sit below it and must
// not import it. Writers announce here; the caches subscribe when they are loaded. Listeners run
// at once, in the writer's call, so the next read already sees the change. Other servers' changes
// come from the database (db/notify.ts).
import { logger } from './logger';

/** What changed: a stored submission (or the registry), the settings, a period's publication. */
export type DataScope = 'submissions' | 'settings' | 'publication';

type Listener = (scope: DataScope) => void;

const listeners = new Set<Listener>();

/** Calls `listener` after each change this server commits; returns what unsubscribes it. */
export function onDataChanged(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Announces a committed change to every listener (a failing listener does not stop the others). */
export function dataChanged(scope: DataScope): void {
	for (const listener of listeners) {
		try {
			listener(scope);
		} catch (e) {
			logger.error({ scope, err: String(e) }, 'data change listener failed');
		}
	}
}
