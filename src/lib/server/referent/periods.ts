// The calendar of a group's bilans: which periods it owes, and the state of each kind in each
// period (missing, draft, submitted vN, late). Pure, so the rules are tested without a database.
// A period is late after the due date of the collection campaign that asks for it, or, when no
// campaign does, once it ended more than LATE_AFTER_DAYS ago with nothing submitted.
import { KINDS, type Kind } from '$contracts/codes';
import {
	comparePeriods,
	currentSemester,
	dayAfterPeriod,
	nextSemester,
	parsePeriod
} from '$contracts/period';
import type { KindState } from '$lib/referent/types';

export const LATE_AFTER_DAYS = 60;

/**
 * Periods a group is asked about, oldest first: every semester from the group's first period (its
 * first submission, or the semester of its creation) to the current semester, plus any other
 * period it submitted.
 */
export function groupPeriods(createdAt: string, submitted: readonly string[], now: Date): string[] {
	const set = new Set(submitted.filter((p) => parsePeriod(p)));
	const starts = [currentSemester(new Date(createdAt)), ...set]
		.filter((p) => /^\d{4}-S[12]$/.test(p))
		.sort(comparePeriods);
	const last = currentSemester(now);
	let p = starts[0] ?? last;
	if (comparePeriods(p, last) > 0) p = last;
	for (let guard = 0; guard < 200; guard++) {
		set.add(p);
		if (p === last) break;
		p = nextSemester(p);
	}
	return [...set].sort(comparePeriods);
}

export function kindState(
	period: string,
	current: { version: number; uploaded_at: string; row_count: number } | undefined,
	hasDraft: boolean,
	now: Date,
	/** due date (`YYYY-MM-DD`) set by an open campaign for this period and kind */
	dueDate?: string
): KindState {
	if (current)
		return {
			state: 'envoye',
			version: current.version,
			at: current.uploaded_at,
			rows: current.row_count
		};
	if (hasDraft) return { state: 'brouillon' };
	const end = dayAfterPeriod(period).getTime();
	if (now.getTime() < end && !dueDate) return { state: 'a_venir' };
	const deadline = dueDate
		? Date.parse(`${dueDate}T23:59:59Z`)
		: end + LATE_AFTER_DAYS * 86_400_000;
	if (now.getTime() > deadline)
		return { state: 'en_retard', daysLate: Math.ceil((now.getTime() - deadline) / 86_400_000) };
	// a campaign asks for it now: missing, even while the period runs
	return now.getTime() < end && !dueDate ? { state: 'a_venir' } : { state: 'manquant' };
}

export const STATE_LABELS: Record<KindState['state'], string> = {
	manquant: 'Manquant',
	en_retard: 'En retard',
	brouillon: 'Brouillon',
	a_venir: 'Période en cours',
	envoye: 'Envoyé'
};

export function stateLabel(s: KindState): string {
	return s.state === 'envoye' ? `Envoyé v${s.version}` : STATE_LABELS[s.state];
}

/** What the group should do next: late or missing periods first, oldest first. */
export function dueNext(
	periods: { period: string; kinds: Record<Kind, KindState> }[]
): { period: string; kinds: Kind[]; late: boolean } | null {
	for (const late of [true, false]) {
		for (const p of periods) {
			const kinds = KINDS.filter((k) =>
				late
					? p.kinds[k].state === 'en_retard'
					: p.kinds[k].state === 'manquant' || p.kinds[k].state === 'brouillon'
			);
			if (kinds.length) return { period: p.period, kinds, late };
		}
	}
	return null;
}
