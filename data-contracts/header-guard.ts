// A cheap look at a file's first line before anything is parsed: a header far wider or longer than
// any contract could have is refused at once with one clear message, instead of thousands of
// "unknown column" errors computed over every row (50,000 columns took seconds of CPU).
import { FIELDS } from './fields';
import { formatNumber } from './number-format';

/** a header line longer than this is not a contract header (the widest is about 210 bytes) */
export const MAX_HEADER_BYTES = 8 * 1024;
/** more columns than this is not a contract file (the widest contract has 16) */
export const MAX_HEADER_COLUMNS = 100;

const DELIMITERS = [0x3b, 0x2c, 0x09, 0x7c]; // ; , TAB |

export interface HeaderProblem {
	code: 'header.too_wide' | 'header.too_long';
	message: string;
}

/** A problem with the first line of `bytes` (any encoding), or null when it looks reasonable. */
export function checkHeaderShape(kind: string, bytes: Uint8Array): HeaderProblem | null {
	const fields = kind in FIELDS ? FIELDS[kind as keyof typeof FIELDS] : null;
	const expected = fields
		? `le contrat « ${kind} » en compte ${fields.length} (${fields.map((f) => f.name).join(', ')})`
		: 'le contrat en compte au plus 16';
	// Skip leading blank lines, spaces and NULs (UTF-16), then read up to the first line break.
	let start = 0;
	while (start < bytes.length && [0x0a, 0x0d, 0x20, 0x00].includes(bytes[start])) start++;
	const limit = Math.min(bytes.length, start + MAX_HEADER_BYTES + 1);
	const counts = DELIMITERS.map(() => 0);
	let end = start;
	for (; end < limit; end++) {
		const b = bytes[end];
		if (b === 0x0a || b === 0x0d) break;
		const d = DELIMITERS.indexOf(b);
		if (d >= 0) counts[d]++;
	}
	const columns = Math.max(...counts) + 1;
	if (columns > MAX_HEADER_COLUMNS)
		return {
			code: 'header.too_wide',
			message: `La première ligne du fichier compte au moins ${formatNumber(columns)} colonnes alors que ${expected} : ce n’est pas un export conforme. Vérifiez le type de fichier et le séparateur, ou partez du modèle CSV du contrat.`
		};
	if (end - start > MAX_HEADER_BYTES)
		return {
			code: 'header.too_long',
			message: `La première ligne du fichier dépasse ${formatNumber(MAX_HEADER_BYTES / 1024)} Ko alors qu’elle ne doit contenir que les noms des colonnes (${expected}) : vérifiez qu’il s’agit bien d’un export CSV avec une ligne d’en-tête, ou partez du modèle CSV du contrat.`
		};
	return null;
}
