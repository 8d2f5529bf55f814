// A referent's upload over HTTP, for tests and benchmarks: generated files, posted by fetch or by
// curl (another process, so that sending megabytes never delays the caller's own timings).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateRows, rowsToCsv } from '../data-contracts/generate';

const exec = promisify(execFile);

export interface UploadTarget {
	/** the server's base URL */
	url: string;
	cookie: string;
	group: string;
	period: string;
	kind?: 'situations' | 'seances' | 'incidents';
}

// Generated files are large for the demo's communes: the referent has confirmed the figures
// (`confirmer=1`), as the page does after its question, so that the upload itself is measured.
const endpoint = (t: UploadTarget) =>
	`${t.url}/groupe/${t.group}/${t.period}/${t.kind ?? 'situations'}/envoi?nom=fichier.csv&confirmer=1`;
const headers = (t: UploadTarget) => ({
	cookie: t.cookie,
	origin: t.url,
	'content-type': 'text/csv',
	accept: 'application/json'
});

/** A valid `situations` file of `rows` generated rows. */
export function situationsCsv(seed: number, rows: number, period: string): string {
	return [...rowsToCsv('situations', generateRows('situations', { seed, rows, period }))].join('');
}

export function postUpload(t: UploadTarget, body: string): Promise<Response> {
	return fetch(endpoint(t), { method: 'POST', headers: headers(t), body });
}

/** Posts `file` with curl; resolves with the status (0 when curl failed) and the body. */
export async function curlUpload(
	t: UploadTarget,
	file: string
): Promise<{ status: number; body: string }> {
	const args = ['-sS', '-X', 'POST', '--data-binary', `@${file}`, '-w', '\n%{http_code}'];
	for (const [k, v] of Object.entries(headers(t))) args.push('-H', `${k}: ${v}`);
	try {
		const { stdout } = await exec('curl', [...args, endpoint(t)], { maxBuffer: 64 * 1024 * 1024 });
		const at = stdout.lastIndexOf('\n');
		return { status: Number(stdout.slice(at + 1)), body: stdout.slice(0, at) };
	} catch {
		return { status: 0, body: '' };
	}
}
