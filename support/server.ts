// Starts the built app (`build/`) on a free loopback port with a fresh data folder (and a fresh
// PostgreSQL schema when asked), waits until it answers, and stops it. Shared by every test that
// needs the real server: authorization matrix, end-to-end tests, benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BUILD_DIR = path.resolve(ROOT, process.env.BP_BUILD_DIR || 'build');
export const BUILD_ENTRY = path.join(BUILD_DIR, 'index.js');

export interface RunningServer {
	url: string;
	port: number;
	dataDir: string;
	process: ChildProcess;
	/** everything the server wrote on stdout/stderr so far */
	output(): string;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerOptions {
	env?: Record<string, string>;
	/** reuse a data folder (restart tests); a fresh one otherwise */
	dataDir?: string;
	/** keep the data folder on stop */
	keepData?: boolean;
	/** wait for this path to answer (default `/`) */
	readyPath?: string;
	timeoutMs?: number;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

export function assertBuilt(): void {
	if (!existsSync(BUILD_ENTRY)) {
		throw new Error('build/ is missing: run `BP_PRECOMPRESS=0 npx vite build` (npm test does it)');
	}
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
	assertBuilt();
	const port = await freePort();
	const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'bp-server-'));
	const url = `http://127.0.0.1:${port}`;
	let log = '';
	const child = spawn(process.execPath, [BUILD_ENTRY], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: url,
			DATA_DIR: dataDir,
			BODY_SIZE_LIMIT: '60M',
			LOG_LEVEL: 'warn',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill(signal);
			await exited;
		}
		if (!options.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
	};

	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
		try {
			const res = await fetch(url + (options.readyPath ?? '/'), { redirect: 'manual' });
			if (res.status < 500) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop('SIGKILL');
			throw new Error(`server did not answer within the timeout:\n${log}`);
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	return { url, port, dataDir, process: child, output: () => log, stop };
}

/** The server's "table set protected" log lines for a département's period. */
export function tableSetBuilds(
	server: RunningServer,
	period: string,
	departement = '91'
): string[] {
	return server
		.output()
		.split('\n')
		.filter(
			(l) =>
				l.includes('"table set protected"') &&
				l.includes(`"departement":"${departement}"`) &&
				l.includes(`"period":"${period}"`)
		);
}

/** How long an anonymous `GET /` takes, body read (it must answer 200). */
export async function timedHome(server: RunningServer): Promise<number> {
	const t = performance.now();
	const res = await fetch(`${server.url}/`);
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`GET / a répondu ${res.status}`);
	return performance.now() - t;
}
