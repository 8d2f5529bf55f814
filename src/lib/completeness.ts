// Whether a period's figures are complete, in words: a period is provisional while its collection
// is open, before it has ended, or while groups expected for it have not transmitted. Shared by
// the pages, the print views (and so the PDFs) and the exports, so all say the same thing.

export interface Completeness {
	period: string;
	/** groups expected for the period (the campaign's, else the scope's groups existing then) */
	expected: number;
	/** expected groups that transmitted their situations file for the period */
	transmitted: number;
	/** ids of the groups that transmitted */
	groups: string[];
	/** a collection campaign for the period is open */
	open: boolean;
	/** the period is not over yet */
	ongoing: boolean;
	provisional: boolean;
}

/** « 1 groupe sur 5 a transmis », « 3 groupes sur 5 ont transmis ». */
export function transmittedText(c: Pick<Completeness, 'expected' | 'transmitted'>): string {
	const n = c.transmitted;
	return `${n} groupe${n > 1 ? 's' : ''} sur ${c.expected} ${n > 1 ? 'ont' : 'a'} transmis`;
}

/** Who transmitted, and why a provisional period is still open (the sentence without its head). */
export function completenessDetail(c: Completeness): string {
	if (!c.provisional) return `${transmittedText(c)}.`;
	const why = [
		c.open ? 'la collecte est en cours' : null,
		c.ongoing ? 'la période n’est pas terminée' : null
	].filter(Boolean);
	return `${transmittedText(c)}${why.length ? ` ; ${why.join(', ')}` : ''}. Les groupes manquants ne sont comptés nulle part : ce n’est pas une baisse.`;
}

/** What the period's figures are: « Chiffres provisoires : … » or « Période complète : … ». */
export function completenessHead(c: Completeness): string {
	return c.provisional ? 'Chiffres provisoires' : 'Période complète';
}

/** The sentence a page, a print view and an export of the period carry. */
export function completenessText(c: Completeness): string {
	return `${completenessHead(c)} : ${completenessDetail(c)}`;
}

/** Label of a period in a list: « 1er semestre 2026 (provisoire) ». */
export function periodChoiceLabel(label: string, c: Completeness | undefined): string {
	return c?.provisional ? `${label} (provisoire)` : label;
}

/** The last complete period, or the latest one when none is complete. */
export function landingPeriod(periods: readonly string[], of: (p: string) => Completeness): string {
	const sorted = [...periods].sort();
	return [...sorted].reverse().find((p) => !of(p).provisional) ?? sorted[sorted.length - 1] ?? '';
}
