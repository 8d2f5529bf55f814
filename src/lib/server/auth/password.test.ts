import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password';
import { csvCell, journalCsv } from '../audit/journal';
import { totpCode, verifyTotp, newTotpSecret } from './totp';
import { safeRedirect, isPublicPath } from './guard';
import { grantsFromClaim } from './oidc';

describe('password policy', () => {
	it.each(['cheval-orange-pluie-9', 'Glycine-Orage-2026-Lumière', 'un chat gris sur le toit'])(
		'accepts the long uncommon passphrase %s',
		(pw) => {
			expect(checkPasswordPolicy(pw, 'marie.dupont@ville.fr')).toEqual([]);
		}
	);
	it.each([
		['short1!', 'au moins 12'],
		['x'.repeat(129), 'pas dépasser 128'],
		// common French passwords, bare or padded with digits and symbols
		['motdepasse123', 'plus utilisés'],
		['Motdepasse!2026', 'plus utilisés'],
		['jetaime123456', 'plus utilisés'],
		['Marseille2024!', 'plus utilisés'],
		['Printemps2025!', 'plus utilisés'],
		['bienvenue2026!', 'plus utilisés'],
		// keyboard rows, digit runs, repeats
		['Azertyuiop!!!', 'plus utilisés'],
		['qsdfghjklm12', 'plus utilisés'],
		['123456789012', 'plus utilisés'],
		['aaaaaaaaaaaaaaaa', 'plus utilisés'],
		['passwordpassword', 'plus utilisés'],
		// this site's own words
		['bilanspartages2026', 'plus utilisés'],
		['prefecture91!!', 'plus utilisés'],
		['ababababababab', '5 caractères différents']
	])('refuses %s', (pw, reason) => {
		expect(checkPasswordPolicy(pw).join(' ')).toContain(reason);
	});
	it('estimates even the longest password quickly', () => {
		const worst = Array.from({ length: 128 }, (_, i) => String.fromCharCode(33 + ((i * 37) % 90)));
		checkPasswordPolicy('cheval-orange-pluie-9');
		const t = performance.now();
		expect(checkPasswordPolicy(worst.join(''))).toEqual([]);
		expect(checkPasswordPolicy('a1!B'.repeat(32)).join(' ')).toContain('plus utilisés');
		expect(performance.now() - t).toBeLessThan(1000);
	});
	it('refuses a password containing the e-mail name', () => {
		expect(
			checkPasswordPolicy('Dupont-en-vacances-2026', 'marie.dupont@ville.fr').join(' ')
		).toContain('adresse électronique');
		expect(checkPasswordPolicy('Dupont-en-vacances-2026', 'claire.martin@ville.fr')).toEqual([]);
	});
});

describe('password hashing', () => {
	it('verifies the right password only, with a salted self-describing hash', async () => {
		const a = await hashPassword('cheval-orange-pluie-9', { logN: 10 });
		const b = await hashPassword('cheval-orange-pluie-9', { logN: 10 });
		expect(a).toMatch(/^scrypt\$10\$8\$1\$/);
		expect(a).not.toBe(b);
		expect(await verifyPassword('cheval-orange-pluie-9', a)).toBe(true);
		expect(await verifyPassword('cheval-orange-pluie-8', a)).toBe(false);
		expect(await verifyPassword('x', null)).toBe(false);
		expect(await verifyPassword('x', 'md5$abc')).toBe(false);
	});
});

describe('TOTP', () => {
	it('accepts the current code once and refuses a replay or a wrong code', () => {
		const secret = newTotpSecret();
		const now = Date.now();
		const counter = verifyTotp(secret, totpCode(secret, now), null, now);
		expect(counter).not.toBeNull();
		expect(verifyTotp(secret, totpCode(secret, now), counter, now)).toBeNull();
		expect(
			verifyTotp(secret, '000000', null, now) === null || totpCode(secret, now) === '000000'
		).toBe(true);
		expect(verifyTotp(secret, 'abc', null, now)).toBeNull();
	});
});

describe('CSV export of the journal', () => {
	it('neutralises formulas and quotes separators', () => {
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		for (const lead of ['+', '-', '@', '\t', '\r'])
			expect(csvCell(`${lead}1`).replace(/^"/, '')).toMatch(/^'/);
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell(null)).toBe('');
	});
	it('starts with a BOM and uses ; separators', () => {
		const csv = journalCsv([
			{
				id: 1,
				at: '2026-01-01T00:00:00.000Z',
				actor_id: null,
				actor_label: '-x',
				action: 'login.failure',
				target_type: null,
				target_id: null,
				details: '{"a":1}',
				ip: '127.0.0.1',
				user_agent: null
			}
		]);
		expect(csv.startsWith('\uFEFFid;date;')).toBe(true);
		expect(csv).toContain(";'-x;");
	});
});

describe('guard helpers', () => {
	it.each([
		['/admin', '/admin'],
		['//evil.example', '/'],
		['https://evil.example', '/'],
		['/\\evil.example', '/']
	])('keeps post-login redirects on this site: %s → %s', (to, kept) => {
		expect(safeRedirect(to)).toBe(kept);
	});
	it.each([
		['/connexion', true],
		['/invitation/abc', true],
		['/admin', false],
		['/contratx', false],
		// No route answers these: they are not left open to anonymous visitors.
		['/sante', false],
		['/robots.txt', false]
	])('lists public paths explicitly: %s public %s', (path, open) => {
		expect(isPublicPath(path)).toBe(open);
	});
	it('reads role grants from an SSO claim', () => {
		expect(grantsFromClaim(['elu:commune:91228', 'bogus', 'admin:group:x'])).toEqual([
			{ role: 'elu', scopeType: 'commune', scopeValue: '91228' }
		]);
		expect(grantsFromClaim('referent:group:massy-clspd analyste:departement:91')).toHaveLength(2);
	});
});
