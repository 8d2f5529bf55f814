// Checksums of French and bank identifiers (NIR, SIREN/SIRET Luhn, IBAN) used by the detector.
import { countrySpecs, electronicFormatIBAN, isValidIBAN } from 'ibantools';

/** NIR with 13 (no key) or 15 characters, spaces removed; Corsica 2A/2B accepted. */
export function nirStructureOk(c: string): boolean {
	if (!/^[1-478]\d{4}(?:\d{2}|2[AB])\d{6}(?:\d{2})?$/i.test(c)) return false;
	const month = Number(c.slice(3, 5));
	return (
		(month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99)
	);
}

export function nirKeyOk(c: string): boolean {
	if (c.length !== 15) return false;
	const body = c.slice(0, 13).toUpperCase().replace('2A', '19').replace('2B', '18');
	if (!/^\d{13}$/.test(body)) return false;
	// 13 digits exceed 2^53 precision? No: < 10^13 < 2^53.
	const key = 97 - (Number(body) % 97);
	return key === Number(c.slice(13));
}

export function luhnOk(digits: string): boolean {
	let sum = 0;
	let dbl = false;
	for (let i = digits.length - 1; i >= 0; i--) {
		let d = digits.charCodeAt(i) - 48;
		if (dbl) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
		dbl = !dbl;
	}
	return sum % 10 === 0;
}

/** Longest valid IBAN at the start of a candidate (spaces allowed), or null. */
/** The whole candidate as a valid IBAN (spaces and hyphens removed, upper-cased), or null. */
export function ibanExact(candidate: string): string | null {
	const s = candidate.replace(/[\s-]/g, '').toUpperCase();
	return isValidIBAN(s) ? s : null;
}

export function ibanPrefix(candidate: string): string | null {
	const compact = (electronicFormatIBAN(candidate) ?? '').toUpperCase();
	for (let len = Math.min(34, compact.length); len >= 14; len--) {
		const s = compact.slice(0, len);
		if (isValidIBAN(s) || ibanMod97Ok(s)) return s;
	}
	return null;
}

/** ISO 13616 check (mod 97 = 1) with the country's length, without national BBAN rules. */
export function ibanMod97Ok(s: string): boolean {
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
	const spec = countrySpecs[s.slice(0, 2)];
	if (!spec || !spec.chars || spec.chars !== s.length) return false;
	const moved = s.slice(4) + s.slice(0, 4);
	let rem = 0;
	for (const ch of moved) {
		const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
		for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
	}
	return rem === 1;
}
