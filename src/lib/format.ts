// French number formatting shared by tables, charts and exports, so a count, a share or a rate
// reads the same everywhere, and a hidden cell always reads the one neutral marker « s » (secret
// statistique), never a number and never a hint of its size or of why it is hidden.

import { formatNumber, NNBSP } from '$contracts/number-format';
import type { CellStatus } from './release';

/** A cell as releases carry it: hidden cells have no value (null), whatever the source held. */
export interface Cell {
	value: number | null;
	status: CellStatus;
}

export { formatNumber, MINUS, NNBSP } from '$contracts/number-format';
/**
 * The marker of every hidden cell, in pages, charts, print, PDF and CSV/XLSX exports: the same
 * whether the cell is small itself or hidden to protect another (« < 5 » would tell which).
 */
export const HIDDEN_MARKER = 's';
/** What the marker means (legends, tooltips, screen readers). */
export const HIDDEN_LEGEND =
	'secret statistique — case masquée pour qu’aucune personne ne puisse être reconnue';
/** The legend line printed under anything that shows the marker: « s : secret statistique — … ». */
export const HIDDEN_KEY = `${HIDDEN_MARKER} : ${HIDDEN_LEGEND}`;

export function isHidden(status: CellStatus | undefined | null): boolean {
	return status === 'hidden';
}

/** Checks a disclosure threshold (the deployment's k, never below 3) and returns it. */
export function checkThreshold(k: number): number {
	if (!Number.isInteger(k) || k < 3) throw new RangeError(`seuil de masquage invalide : ${k}`);
	return k;
}

/** The notice at the top of a published document: what is hidden, and the marker. */
export function hiddenNotice(k: number): string {
	checkThreshold(k);
	return `Document non nominatif : les effectifs de 1 à ${k - 1} sont remplacés par « ${HIDDEN_MARKER} », ainsi que les cases qui permettraient de les recalculer (${HIDDEN_KEY}).`;
}

/** For spreadsheets: no thousands separator, decimal comma ("1234,5"); the raw number stays exact. */
export function formatPlainDecimal(value: number, decimals?: number): string {
	if (!Number.isFinite(value)) return '';
	const s = decimals === undefined ? String(value) : value.toFixed(decimals);
	return s.replace('.', ',');
}

/** A count cell: "1 234", or « s » when hidden (the value is ignored, even if present). */
export function formatCount(cell: Cell): string {
	if (isHidden(cell.status)) return HIDDEN_MARKER;
	return cell.value === null ? '' : formatNumber(cell.value);
}

/**
 * A file size in units of 1,024, as the upload limit is set (52 428 800 → "50 Mo", 1,5 Mo, 800 Ko,
 * 12 octets); kilobytes rounded up, so a limit never reads smaller than it is.
 */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${formatNumber(bytes)} octets`;
	if (bytes < 1024 * 1024) return `${formatNumber(Math.ceil(bytes / 1024))} Ko`;
	const mo = Math.round((bytes / 1024 / 1024) * 10) / 10;
	return `${formatNumber(mo, Number.isInteger(mo) ? 0 : 1)} Mo`;
}

/** A share given as a ratio (0.123 → "12 %", or "12,3 %" with one decimal). */
export function formatPercent(ratio: number, decimals = 0): string {
	if (!Number.isFinite(ratio)) return '';
	return `${formatNumber(ratio * 100, decimals)}${NNBSP}%`;
}

/** Rate per 1,000 inhabitants: `count / population * 1000`, or null without population. */
export function ratePer1000(count: number | null, population: number | null): number | null {
	if (count === null || population === null || !(population > 0)) return null;
	return (count / population) * 1000;
}

/** A rate per 1,000 with one decimal: 12.34 → "12,3 ‰". */
export function formatPer1000(rate: number, decimals = 1): string {
	if (!Number.isFinite(rate)) return '';
	return `${formatNumber(rate, decimals)}${NNBSP}‰`;
}

/** A change from the previous period: "+3", "−2", "0" (or with decimals / a unit suffix). */
export function formatChange(delta: number, decimals = 0, suffix = ''): string {
	if (!Number.isFinite(delta)) return '';
	const rounded = Number(delta.toFixed(decimals));
	const sign = rounded > 0 ? '+' : '';
	return `${sign}${formatNumber(rounded, decimals)}${suffix}`;
}

/** Formats any cell by kind; hidden cells read « s ». */
export function formatCell(
	cell: Cell,
	kind: 'count' | 'percent' | 'per1000' | 'number' = 'count',
	decimals?: number
): string {
	if (isHidden(cell.status)) return HIDDEN_MARKER;
	if (cell.value === null) return '';
	switch (kind) {
		case 'count':
			return formatNumber(cell.value);
		case 'percent':
			return formatPercent(cell.value, decimals ?? 0);
		case 'per1000':
			return formatPer1000(cell.value, decimals ?? 1);
		default:
			return formatNumber(cell.value, decimals ?? 0);
	}
}

// ---------- words, dates and sorting (one French module for every page, PDF and export) ----------

/** The words agreed with a count: French takes the singular for 0 and 1 (« 0 groupe complet »). */
export function agree(n: number, singular: string, pluralForm?: string): string {
	return Math.abs(n) < 2 ? singular : (pluralForm ?? pluralize(singular));
}

/** "1 groupe complet", "160 groupes complets": the count formatted, the words agreed with it. */
export function plural(n: number, singular: string, pluralForm?: string): string {
	return `${formatNumber(n)} ${agree(n, singular, pluralForm)}`;
}

/** Each word of a noun phrase with its plural "s" (or "x" after "-eau", "-al" → "-aux"). */
function pluralize(phrase: string): string {
	return phrase
		.split(' ')
		.map((w) => {
			if (!/^[\p{L}’'-]+$/u.test(w) || /[sxz]$/.test(w) || ARTICLE_OR_PREPOSITION.has(w)) return w;
			if (/eau$|eu$/.test(w)) return `${w}x`;
			if (/al$/.test(w) && w.length > 3) return `${w.slice(0, -2)}aux`;
			return `${w}s`;
		})
		.join(' ');
}
const ARTICLE_OR_PREPOSITION = new Set([
	'de',
	'du',
	'des',
	'à',
	'au',
	'en',
	'par',
	'sur',
	'le',
	'la',
	'l’',
	'd’'
]);

/** Starts with a vowel sound that elides "de", "le", "la", "que" (Évry, Essonne, Yerres stays). */
const ELIDES = /^[aeiouyàâäéèêëîïôöùûüœæh]/i;
const H_ASPIRE = new Set(['hardricourt', 'hauts-de-seine', 'haute', 'hauts', 'haut', 'hameau']);
const Y_CONSONANT = /^y[aeiouéè]/i;

/** "de" + "Évry" → "d’Évry", "de" + "Corbeil" → "de Corbeil" (also "le", "la", "que", "ne"). */
export function elide(
	word: 'de' | 'le' | 'la' | 'que' | 'ne' | 'De' | 'Le' | 'La',
	next: string
): string {
	const first = next.split(/[\s-]/)[0].toLowerCase();
	const elides =
		ELIDES.test(next) && !Y_CONSONANT.test(next) && !(first.startsWith('h') && H_ASPIRE.has(first));
	return elides ? `${word.slice(0, -1)}’${next}` : `${word} ${next}`;
}

export const TIME_ZONE = 'Europe/Paris';
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function df(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = JSON.stringify(options);
	let f = dateFormats.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, ...options });
		dateFormats.set(key, f);
	}
	return f;
}
const asDate = (d: Date | string) =>
	typeof d === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T12:00:00Z` : d) : d;

/** "3 décembre 2026" (a calendar date AAAA-MM-JJ is read as that day in Paris). */
export function formatDate(d: Date | string): string {
	return df({ dateStyle: 'long' }).format(asDate(d));
}

/** "3 décembre 2026 à 14:05", Paris time. */
export function formatDateTime(d: Date | string): string {
	return df({ dateStyle: 'long', timeStyle: 'short' }).format(asDate(d));
}

/** "03/12/2026 14:05", Paris time, for tables and exports. */
export function formatShortDateTime(d: Date | string): string {
	return df({ dateStyle: 'short', timeStyle: 'short' }).format(asDate(d));
}

const collator = new Intl.Collator('fr-FR', { sensitivity: 'base', numeric: true });
/** French collation: "Étampes" between "Essonne" and "Évry", not after "Z". */
export const compareFr = (a: string, b: string): number => collator.compare(a, b);

/** A copy sorted by French collation of `key`. */
export function sortFr<T>(items: readonly T[], key: (item: T) => string): T[] {
	return [...items].sort((a, b) => compareFr(key(a), key(b)));
}
