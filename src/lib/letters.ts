// The incident letters of the protocol (§4), as the pages and the server both read them: the
// directions and reasons are the contract's incident codes (`SENS_INCIDENT`, `MOTIFS_INCIDENT`),
// the institutions its institution codes; delays are counted in whole days and published in bands.
import { INSTITUTIONS, MOTIFS_INCIDENT, SENS_INCIDENT } from '$contracts/codes';

export const DIRECTIONS = SENS_INCIDENT;
export const REASONS = MOTIFS_INCIDENT;
export type Direction = (typeof SENS_INCIDENT.codes)[number];
export type Reason = (typeof MOTIFS_INCIDENT.codes)[number];

export const directionLabel = (code: string) =>
	(DIRECTIONS.labels as Record<string, string>)[code] ?? code;
export const reasonLabel = (code: string) =>
	(REASONS.labels as Record<string, string>)[code] ?? code;
export const institutionLabel = (code: string) =>
	(INSTITUTIONS.labels as Record<string, string>)[code] ?? code;

/** Delay bands of the published tables: the first code is « not yet » (no reply, still open). */
export const REPLY_BANDS = {
	codes: ['sans_reponse', 'r_0_15', 'r_16_30', 'r_31_90', 'r_91_plus'],
	labels: {
		sans_reponse: 'Sans réponse',
		r_0_15: 'Réponse en 15 jours ou moins',
		r_16_30: 'Réponse en 16 à 30 jours',
		r_31_90: 'Réponse en 31 à 90 jours',
		r_91_plus: 'Réponse après plus de 90 jours'
	}
} as const;
export const CLOSURE_BANDS = {
	codes: ['ouvert', 'c_0_30', 'c_31_90', 'c_91_180', 'c_181_plus'],
	labels: {
		ouvert: 'Toujours ouvert',
		c_0_30: 'Clos en 30 jours ou moins',
		c_31_90: 'Clos en 31 à 90 jours',
		c_91_180: 'Clos en 91 à 180 jours',
		c_181_plus: 'Clos après plus de 180 jours'
	}
} as const;
export type ReplyBand = (typeof REPLY_BANDS.codes)[number];
export type ClosureBand = (typeof CLOSURE_BANDS.codes)[number];

const DAY = 86_400_000;

/** Whole days from one `YYYY-MM-DD` to another (calendar days, no time zone involved). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The band of a reply received `days` after the letter, or none yet. */
export function replyBand(days: number | null): ReplyBand {
	if (days === null) return 'sans_reponse';
	if (days <= 15) return 'r_0_15';
	if (days <= 30) return 'r_16_30';
	if (days <= 90) return 'r_31_90';
	return 'r_91_plus';
}

export function closureBand(days: number | null): ClosureBand {
	if (days === null) return 'ouvert';
	if (days <= 30) return 'c_0_30';
	if (days <= 90) return 'c_31_90';
	if (days <= 180) return 'c_91_180';
	return 'c_181_plus';
}

/** The choices of the letter form, in the contract's order. */
export const LETTER_OPTIONS = {
	directions: DIRECTIONS.codes.map((code) => ({ code, label: DIRECTIONS.labels[code] })),
	reasons: REASONS.codes.map((code) => ({ code, label: REASONS.labels[code] })),
	institutions: INSTITUTIONS.codes.map((code) => ({ code, label: INSTITUTIONS.labels[code] }))
};

/** As in every release: one `hidden` status, never why a cell is hidden. */
export interface LetterCell {
	value: number | null;
	status: 'published' | 'hidden';
}

export interface LetterRow {
	code: string;
	label: string;
	/** by direction code, and `total` */
	cells: Record<string, LetterCell>;
}

export interface LetterShare {
	code: string;
	label: string;
	/** answered / letters, null when either is hidden or there is no letter */
	ratio: number | null;
	hidden: boolean;
}

export type LettersBilan =
	| { year: number; published: false; publishOn: string }
	| {
			year: number;
			published: true;
			publishedAt: string;
			asOf: string;
			k: number;
			directions: { code: string; label: string }[];
			total: LetterCell;
			byReason: LetterRow[];
			byReply: LetterRow[];
			byClosure: LetterRow[];
			answered: LetterShare[];
			/** the set could not be protected: every non-zero count is hidden */
			withdrawn: boolean;
	  };

export interface Letter {
	id: string;
	date: string;
	direction: string;
	institution: string;
	reason: string;
	note: string;
	replyDate: string | null;
	closedDate: string | null;
	/** open: days since the letter; closed: days from the letter to its closure */
	days: number;
	open: boolean;
}
