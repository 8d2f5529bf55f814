// Optional second factor: RFC 6238 TOTP (any authenticator app), with replay protection through
// the last accepted time step.
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
	return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = ''): TOTP {
	return new TOTP({
		issuer: 'Bilans partagés',
		label,
		algorithm: 'SHA1',
		digits: 6,
		period: PERIOD,
		secret: Secret.fromBase32(secret)
	});
}

export function totpUri(secret: string, email: string): string {
	return totp(secret, email).toString();
}

/** For tests and the setup page preview. */
export function totpCode(secret: string, at = Date.now()): string {
	return totp(secret).generate({ timestamp: at });
}

/** Returns the accepted time step, or null. A step at or before `lastCounter` is a replay. */
export function verifyTotp(
	secret: string,
	code: string,
	lastCounter: number | null,
	at = Date.now()
): number | null {
	const token = code.replace(/\s+/g, '');
	if (!/^\d{6}$/.test(token)) return null;
	const delta = totp(secret).validate({ token, timestamp: at, window: 1 });
	if (delta === null) return null;
	const counter = Math.floor(at / 1000 / PERIOD) + delta;
	if (lastCounter !== null && counter <= lastCounter) return null;
	return counter;
}
