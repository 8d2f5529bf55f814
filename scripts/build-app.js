// Building the app with Vite in a child process, for `npm start` and `npm run bench`: one place
// that knows where the build goes and how to run it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The build folder (`BP_BUILD_DIR`, read when called so a `.env` loaded first is seen). */
export const buildDir = () => path.resolve(ROOT, process.env.BP_BUILD_DIR || 'build');

/**
 * Says `message`, runs `vite build` with its output shown, and ends the process with Vite's exit
 * code when the build fails.
 * @param {string} message
 */
export function buildApp(message) {
	console.log(message);
	const result = spawnSync(
		process.execPath,
		[path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'],
		{ cwd: ROOT, stdio: 'inherit' }
	);
	if (result.status !== 0) process.exit(result.status ?? 1);
}
