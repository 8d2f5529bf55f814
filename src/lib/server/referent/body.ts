// Reads an upload's body with the size limit enforced before anything is parsed: a declared
// Content-Length above the limit is refused at once, and the bytes are counted while reading so
// a body without (or lying about) its length is cut off as soon as it passes the limit.
import type { Report } from '$contracts/report';
import { formatBytes } from '$lib/format';

export class TooLarge extends Error {
	constructor(readonly limit: number) {
		super('body too large');
	}
}

export function tooLargeReport(kind: string, limit: number, size?: number): Report {
	return {
		ok: false,
		kind,
		rows: 0,
		errors: [
			{
				row: 1,
				column: '',
				code: 'file.too_large',
				message: `Fichier trop volumineux${size ? ` (${formatBytes(size)})` : ''} : la taille maximale est ${formatBytes(limit)}. Déposez un fichier par période ou découpez-le.`
			}
		],
		errorCount: 1,
		errorsByCode: { 'file.too_large': 1 }
	};
}

export async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit) throw new TooLarge(limit);
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > limit) {
			await reader.cancel().catch(() => undefined);
			throw new TooLarge(limit);
		}
		parts.push(value);
	}
	if (parts.length === 1) return parts[0];
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out;
}
