// Password hashing (scrypt, OWASP parameters, self-describing hash strings so costs can be raised
// later) and the password policy: 12 to 128 characters, at least 5 different ones, nothing derived
// from the e-mail, and hard to guess. « Hard to guess » is zxcvbn-ts's estimate with its common and
// French dictionaries (common passwords, French words, first names and surnames, Wikipedia words,
// keyboard patterns, sequences, repeats, dates) plus this site's own words: a password is refused
// below score 4 of 4, i.e. when it takes fewer than 10^10 guesses. Score 3 would still accept a
// common password padded with a year and a symbol (« Motdepasse!2026 »), which the policy refuses.
// The estimate runs on the event loop: it reads the first 64 characters with at most 10 l33t
// substitutions, which keeps it to tens of milliseconds where a 128-character password could
// otherwise take a second.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnFr from '@zxcvbn-ts/language-fr';

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

/** zxcvbn score (0 to 4) a password must reach: at least 10^10 guesses. */
export const MIN_PASSWORD_SCORE = 4;

/** Words of this site an attacker would try first (zxcvbn's « user inputs »). */
const SITE_WORDS = [
	'bilans',
	'partages',
	'bilanspartages',
	'partenariat',
	'clspd',
	'prefecture',
	'mairie',
	'commune',
	'essonne',
	'demo'
];

let estimator: ZxcvbnFactory | null = null;
/** Built on first use: ranking the dictionaries takes a moment. */
function strength(): ZxcvbnFactory {
	estimator ??= new ZxcvbnFactory({
		dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnFr.dictionary },
		graphs: zxcvbnCommon.adjacencyGraphs,
		maxLength: 64,
		l33tMaxSubstitutions: 10
	});
	return estimator;
}

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
	else if (strength().check(password, SITE_WORDS).score < MIN_PASSWORD_SCORE)
		problems.push(
			'Ce mot de passe fait partie des mots de passe les plus utilisés : choisissez-en un autre.'
		);
	const folded = fold(password);
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
