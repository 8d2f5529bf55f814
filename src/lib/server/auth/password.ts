// Password hashing (scrypt, OWASP parameters, self-describing hash strings so costs can be raised
// later) and the password policy: length, no common password, nothing derived from the e-mail.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
const DEFAULT_LOG_N = 17;
const KEY_LENGTH = 32;

function derive(
	password: string,
	salt: Buffer,
	logN: number,
	r: number,
	p: number
): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(
			password.normalize('NFKC'),
			salt,
			KEY_LENGTH,
			{ N: 2 ** logN, r, p, maxmem: 256 * 1024 * 1024 },
			(err, key) => (err ? reject(err) : resolve(key))
		)
	);
}

/** `scrypt$<logN>$<r>$<p>$<salt b64>$<key b64>` */
export async function hashPassword(
	password: string,
	options: { logN?: number } = {}
): Promise<string> {
	const logN = options.logN ?? DEFAULT_LOG_N;
	const salt = randomBytes(16);
	const key = await derive(password, salt, logN, 8, 1);
	return ['scrypt', logN, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
	if (!stored) return false;
	const [scheme, logN, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64');
	const actual = await derive(password, Buffer.from(salt, 'base64'), +logN, +r, +p);
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, compared against when the account does not exist (same timing). */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(randomBytes(16).toString('hex'));
	return dummy;
}

/** Keyboard rows and digit runs, forwards and backwards. */
const SEQUENCES = [
	'01234567890123456789',
	'azertyuiopqsdfghjklmwxcvbn',
	'qwertyuiopasdfghjklzxcvbnm',
	'abcdefghijklmnopqrstuvwxyz'
].flatMap((s) => [s, [...s].reverse().join('')]);

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

function fold(s: string): string {
	return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Returns the reasons (in French) why the password is refused; empty when it is acceptable. */
export function checkPasswordPolicy(password: string, email?: string | null): string[] {
	const problems: string[] = [];
	if (password.length < MIN_PASSWORD_LENGTH)
		problems.push(`Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`);
	if (password.length > MAX_PASSWORD_LENGTH)
		problems.push(`Le mot de passe ne doit pas dépasser ${MAX_PASSWORD_LENGTH} caractères.`);
	const folded = fold(password);
	const core = folded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
	const unspaced = folded.replace(/[\s._-]+/g, '');
	if (
		common.has(folded) ||
		common.has(core) ||
		common.has(unspaced) ||
		isRepeatOfCommon(folded) ||
		SEQUENCES.some((seq) => seq.includes(unspaced))
	)
		problems.push(
			'Ce mot de passe fait partie des mots de passe les plus utilisés : choisissez-en un autre.'
		);
	if (new Set(folded).size < 5)
		problems.push('Le mot de passe doit comporter au moins 5 caractères différents.');
	if (email) {
		const local = fold(email.split('@')[0] ?? '');
		const parts = [local, ...local.split(/[._+-]+/)].filter((p) => p.length >= 4);
		if (parts.some((p) => folded.includes(p)))
			problems.push(
				'Le mot de passe ne doit pas contenir votre adresse électronique ou votre nom.'
			);
	}
	return problems;
}

function isRepeatOfCommon(folded: string): boolean {
	for (let size = 1; size <= folded.length / 2; size++) {
		if (folded.length % size) continue;
		const unit = folded.slice(0, size);
		if (unit.repeat(folded.length / size) === folded && (size < 4 || common.has(unit))) return true;
	}
	return false;
}
