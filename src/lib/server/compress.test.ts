import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressResponse } from './compress';

const page = (body: string, type = 'text/html; charset=utf-8', status = 200) =>
	new Response(body, { status, headers: { 'content-type': type } });
const get = (acceptEncoding: string, method = 'GET') =>
	new Request('http://x/commune', { method, headers: { 'accept-encoding': acceptEncoding } });
const html = '<p>Bilan de la commune</p>'.repeat(200);

describe('compressResponse', () => {
	it('sends pages in brotli, or gzip, when the browser accepts it', async () => {
		const br = await compressResponse(get('gzip, deflate, br'), page(html));
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('vary')).toContain('accept-encoding');
		const bytes = new Uint8Array(await br.arrayBuffer());
		expect(bytes.byteLength).toBeLessThan(html.length / 4);
		expect(brotliDecompressSync(bytes).toString()).toBe(html);
		const gz = await compressResponse(get('gzip'), page(html));
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(new Uint8Array(await gz.arrayBuffer())).toString()).toBe(html);
	});

	it('leaves alone what is not worth or not safe to compress', async () => {
		const cases = [
			[get('br'), page('court')],
			[get('identity'), page(html)],
			[get('br', 'POST'), page(html)],
			[get('br'), page(html, 'application/pdf')],
			[get('br'), page(html, 'text/html', 404)]
		] as const;
		for (const [request, response] of cases) {
			const out = await compressResponse(request, response);
			expect(out.headers.get('content-encoding')).toBeNull();
		}
	});
});
