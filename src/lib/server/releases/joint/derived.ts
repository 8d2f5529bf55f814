// Why: `quartier`, `nb_examens` and the months from `date_premier_examen` to `date_cloture` are
// collected but only publishable in coarse bands (an exact count of examinations or a QPV code
// would single a situation out). The bands are computed once, when the rows are read, so the
// joint table set counts them like any other variable. Pure.
import type { Row } from './plan';

/** Raw columns the derived variables are computed from. */
export const DERIVED_SOURCES = ['quartier', 'nb_examens', 'date_premier_examen'] as const;

/** QPV band of a `quartier` value: a QPV code (2024 or 2015 geography), hors_qpv, or empty. */
export function qpvBand(quartier: string): string {
	if (!quartier) return 'non_renseigne';
	return quartier === 'hors_qpv' ? 'hors_qpv' : 'qpv';
}

/** Band of a number of examinations (1 to 99). */
export function examensBand(n: number): string {
	if (n <= 1) return '1';
	return n <= 3 ? '2-3' : '4+';
}

/** Band of the months from the first examination to the closure; '' when not closed. */
export function delaiBand(first: string, closed: string): string {
	const m = (s: string) => {
		const x = /^(\d{4})-(\d{2})$/.exec(s);
		return x ? Number(x[1]) * 12 + Number(x[2]) - 1 : null;
	};
	const a = m(first);
	const b = m(closed);
	if (a === null || b === null) return '';
	const months = Math.max(0, b - a);
	return months < 3 ? '0-2' : months < 6 ? '3-5' : '6+';
}

/** Adds the derived variables to a stored situation row (raw columns as read, stringified). */
export function withDerived(row: Row): Row {
	row.qpv = qpvBand(row.quartier ?? '');
	row.examens = examensBand(Number(row.nb_examens ?? 1));
	row.delai_cloture =
		row.statut === 'cloturee'
			? delaiBand(row.date_premier_examen ?? '', row.date_cloture ?? '')
			: '';
	delete row.quartier;
	delete row.nb_examens;
	delete row.date_premier_examen;
	delete row.date_cloture;
	return row;
}
