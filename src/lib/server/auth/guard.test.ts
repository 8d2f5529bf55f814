import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeRedirect } from './guard';

const ORIGIN = 'https://bilans.exemple.gouv.fr';

/** Where a browser on ORIGIN goes when it follows `Location: value`. */
const followed = (value: string) => new URL(value, `${ORIGIN}/connexion?x=1`);

describe('safeRedirect', () => {
	it('keeps same-origin paths, normalised', () => {
		expect(safeRedirect('/admin')).toBe('/admin');
		expect(safeRedirect('/commune/91228/2025-S1?vue=1#tableau')).toBe(
			'/commune/91228/2025-S1?vue=1#tableau'
		);
		expect(safeRedirect('/groupe/../admin')).toBe('/admin');
		expect(safeRedirect('/commune/Évry')).toBe('/commune/%C3%89vry');
	});

	// The usual open-redirect bypasses, as they arrive once the query string is decoded.
	const BYPASSES = [
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\/evil.example',
		'/\\/evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'\t//evil.example',
		'/ /evil.example',
		'https:evil.example',
		'https://evil.example',
		'http:/evil.example',
		'javascript:alert(1)',
		'%2F%2Fevil.example',
		'/%2F%2Fevil.example',
		'/%5Cevil.example',
		'/%5C%5Cevil.example',
		'/..//evil.example',
		'/.//evil.example',
		'/x/../..//evil.example',
		'/%2e%2e//evil.example',
		'//user@evil.example',
		'/\u3002/evil.example',
		'evil.example',
		'/connexion',
		'/connexion/totp',
		'/deconnexion'
	];

	it.each(BYPASSES)('never leaves the site for %j', (raw) => {
		const out = safeRedirect(raw);
		expect(followed(out).origin).toBe(ORIGIN);
		expect(out.startsWith('/') && !out.startsWith('//') && !out.startsWith('/\\')).toBe(true);
		expect(out).not.toMatch(/^\/(de)?connexion/);
	});

	it('refuses the protocol-relative forms outright', () => {
		for (const raw of ['/\t/evil.example', '/..//evil.example', '/\\evil.example', '//evil'])
			expect(safeRedirect(raw, 'FALLBACK')).toBe('FALLBACK');
	});

	it('returns an ASCII header value for CR/LF and non-Latin-1 input', () => {
		for (const raw of ['/admin\r\nSet-Cookie: x=1', '/admin\u2028', '/groupe/日本', '/a\u0000b']) {
			const out = safeRedirect(raw);
			expect(out).toMatch(/^[\x21-\x7e]+$/);
			expect(() => new Headers({ location: out })).not.toThrow();
		}
	});

	it('never yields an off-site or unsendable Location, whatever the input', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ unit: 'binary' }),
					fc
						.array(fc.constantFrom('/', '\\', '.', '\t', '\n', '%2F', '%5C', ':', '@', 'evil', 'a'))
						.map((parts) => parts.join(''))
				),
				(raw) => {
					const out = safeRedirect(raw);
					expect(out).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
					expect(followed(out).origin).toBe(ORIGIN);
				}
			),
			{ numRuns: 2000 }
		);
	});
});
