// Compression of the pages and page data the server renders (static assets are precompressed at
// build time). Brotli at a fast level, else gzip; only text responses worth compressing.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /^(text\/html|application\/json|text\/plain|text\/csv)/;
const MIN_BYTES = 1024;

export async function compressResponse(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		request.method !== 'GET' ||
		response.status !== 200 ||
		!response.body ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type)
	)
		return response;
	const accepted = request.headers.get('accept-encoding') ?? '';
	const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
	if (!encoding) return response;
	const raw = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'accept-encoding');
	if (raw.byteLength < MIN_BYTES) return new Response(raw, { status: 200, headers });
	const body =
		encoding === 'br'
			? brotliCompressSync(raw, {
					params: {
						[constants.BROTLI_PARAM_QUALITY]: 5,
						[constants.BROTLI_PARAM_SIZE_HINT]: raw.byteLength
					}
				})
			: gzipSync(raw, { level: 6 });
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(body.byteLength));
	return new Response(new Uint8Array(body), { status: 200, headers });
}
