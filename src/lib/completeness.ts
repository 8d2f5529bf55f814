// Whether a period's figures are complete, in words: a period is provisional while its collection
// is open, before it has ended, or while groups expected for it have not transmitted, and until it
// is published; audiences see the figures of published periods only (the others read
// `unpublishedText`). Shared by the pages, the print views (and so the PDFs) and the exports, so
// all say the same thing.
import { periodLabel } from '$contracts/period';

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
	/** neither published nor complete (over, no open collection, every expected group sent, so
	 * published at the first request): its figures are not shown (a year: one of its periods) */
	provisional: boolean;
	/** published: its figures are recorded and never change (a year: every period of it is) */
	published: boolean;
}

/** « 1 groupe sur 5 a transmis », « 3 groupes sur 5 ont transmis ». */
export function transmittedText(c: Pick<Completeness, 'expected' | 'transmitted'>): string {
	const n = c.transmitted;
	return `${n} groupe${n > 1 ? 's' : ''} sur ${c.expected} ${n > 1 ? 'ont' : 'a'} transmis`;
}

/** Who transmitted, and why a provisional period is still open (the sentence without its head). */
export function completenessDetail(c: Completeness): string {
	if (!c.provisional)
		return c.transmitted < c.expected
			? `${transmittedText(c)}. Les groupes qui n’ont pas transmis avant la publication ne sont comptés nulle part : ce n’est pas une baisse.`
			: `${transmittedText(c)}.`;
	const why = [
		c.open ? 'la collecte est en cours' : null,
		c.ongoing ? 'la période n’est pas terminée' : null
	].filter(Boolean);
	return `${transmittedText(c)}${why.length ? ` ; ${why.join(', ')}` : ''}. Les groupes manquants ne sont comptés nulle part : ce n’est pas une baisse.`;
}

/** What the period's figures are: « Chiffres provisoires : … » or « Période complète : … ». */
export function completenessHead(c: Completeness): string {
	if (c.provisional) return 'Non publiée';
	return c.transmitted < c.expected ? 'Période publiée' : 'Période complète';
}

/** Why a period's figures are not shown yet, and when they will be: « Les chiffres du 1er semestre
 * 2026 seront publiés à la clôture de la collecte : 3 groupes sur 5 ont transmis. » */
export function unpublishedText(c: Completeness): string {
	const label = periodLabel(c.period);
	const of = /^Année/.test(label) ? `de l’${label.toLowerCase()}` : `du ${label}`;
	const when = c.ongoing
		? 'après la fin de la période, à la clôture de la collecte'
		: c.open
			? 'à la clôture de la collecte'
			: 'dès que tous les groupes attendus auront transmis, ou quand le département publiera la période';
	return `Les chiffres ${of} seront publiés ${when} : ${transmittedText(c)}.`;
}

/** The sentence a page, a print view and an export of the period carry. */
export function completenessText(c: Completeness): string {
	if (c.provisional)
		return `${completenessHead(c)} : ${unpublishedText(c)} Ses chiffres ne sont comptés nulle part.`;
	return `${completenessHead(c)} : ${completenessDetail(c)}`;
}

/** Label of a period in a list: « 1er semestre 2026 (provisoire) ». */
export function periodChoiceLabel(label: string, c: Completeness | undefined): string {
	return c?.provisional ? `${label} (non publiée)` : label;
}

/** Where a page opens: the last published period every expected group sent, else the last
 * published one, else the latest. */
export function landingPeriod(periods: readonly string[], of: (p: string) => Completeness): string {
	const latest = [...periods].sort().reverse();
	const shown = latest.filter((p) => !of(p).provisional);
	return shown.find((p) => of(p).transmitted >= of(p).expected) ?? shown[0] ?? latest[0] ?? '';
}
