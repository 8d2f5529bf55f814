// Why: worker threads are started from a file path. In the built app that is a bundle under
// `build/workers/` (see svelte.config.js), found by walking up from the calling module; from
// sources (dev, tests) it is the `worker.ts` beside the calling module, run through tsx.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Starts the worker of the module at `callerUrl` (its `import.meta.url`): its bundle or source. */
export function spawnWorker(callerUrl: string, bundle: string): Worker {
	const here = fileURLToPath(callerUrl);
	if (here.endsWith('.ts')) {
		const source = pathToFileURL(path.join(path.dirname(here), 'worker.ts')).href;
		const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source)}); })`;
		return new Worker(boot, { eval: true });
	}
	for (let dir = path.dirname(here); ; dir = path.dirname(dir)) {
		const file = path.join(dir, bundle);
		if (existsSync(file)) return new Worker(file);
		if (path.dirname(dir) === dir) throw new Error(`${bundle} not found above ${here}`);
	}
}
