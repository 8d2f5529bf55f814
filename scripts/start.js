// `npm start`: builds the app when the sources are newer than the build, then serves it.
// Flags: --demo (seed the demo department even on PostgreSQL), --no-build. Reads `.env` when
// present (see `.env.example`); variables already set in the environment win.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp, buildDir as buildFolder, ROOT as root } from './build-app.js';

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
const buildDir = buildFolder();
const stamp = path.join(buildDir, '.built-at');
const args = new Set(process.argv.slice(2));

function newest(entry) {
	const full = path.join(root, entry);
	if (!existsSync(full)) return 0;
	const st = statSync(full);
	if (!st.isDirectory()) return st.mtimeMs;
	let max = st.mtimeMs;
	for (const child of readdirSync(full)) max = Math.max(max, newest(path.join(entry, child)));
	return max;
}

const sources = [
	'src',
	'static',
	'data-contracts',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts'
];
const needsBuild =
	!existsSync(path.join(buildDir, 'index.js')) ||
	!existsSync(stamp) ||
	Math.max(...sources.map(newest)) > statSync(stamp).mtimeMs;

if (needsBuild && !args.has('--no-build')) {
	buildApp('Construction de l’application (première fois ou sources modifiées)…');
	writeFileSync(stamp, new Date().toISOString());
}

const port = process.env.PORT ?? '3000';
const env = {
	...process.env,
	PORT: port,
	HOST: process.env.HOST ?? '127.0.0.1',
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '60M',
	// Without ORIGIN, adapter-node assumes https and refuses every form posted over plain http.
	ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
	...(args.has('--demo') ? { BP_DEMO: '1' } : {})
};
console.log(`Bilans partagés : ${env.ORIGIN}`);
const server = spawn(process.execPath, [path.join(buildDir, 'index.js')], {
	cwd: root,
	env,
	stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
