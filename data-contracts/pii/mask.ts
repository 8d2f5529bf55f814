// Masked hints for reports: enough for a referent to find the cell, never the personal data.

export function maskValue(value: string, kind: string): string {
	const v = value.trim();
	if (kind === 'email') {
		const at = v.indexOf('@');
		const tld = v.slice(v.lastIndexOf('.') + 1);
		return `${v[0] ?? ''}…@…${at >= 0 ? tld.slice(-3) : ''}`;
	}
	const digits = v.replace(/\D/g, '');
	// a phone number in words: its first word only
	if (kind === 'phone' && !digits) return `${v.split(/\s/)[0]} … (en lettres)`;
	if (kind === 'phone' || kind === 'iban' || kind === 'nir' || kind === 'siret' || kind === 'ine') {
		const lead = kind === 'iban' ? v.replace(/\s/g, '').slice(0, 2) : digits.slice(0, 2);
		return `${lead} … ${digits.slice(-2)}`;
	}
	if (kind === 'birthdate') return '…/…/…';
	if (kind === 'plate') return `${v.slice(0, 1)}… …${v.slice(-1)}`;
	if (kind === 'address') return `${digits.slice(0, 2)} … (adresse)`;
	return `${v[0] ?? ''}…`;
}
