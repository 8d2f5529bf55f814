// The form that opens a campaign: period, kinds, due date (never before the period's end), groups.
import { z } from 'zod';
import { KINDS } from '$contracts/codes';
import { parsePeriod, periodLabel } from '$contracts/period';
import { formatDate } from '$lib/format';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ');

/** The last day of a period (`YYYY-MM-DD`): a campaign's due date cannot precede it. */
export function lastDayOf(period: string): string | null {
	const p = parsePeriod(period);
	if (!p) return null;
	const end = new Date(Date.UTC(p.year, p.to, 0));
	return end.toISOString().slice(0, 10);
}

export const openCampaignSchema = z
	.object({
		period: z
			.string()
			.trim()
			.refine((p) => parsePeriod(p) !== null, 'Période invalide (ex. 2026-S1)'),
		kinds: z.array(z.enum(KINDS)).min(1, 'Choisissez au moins un type de fichier'),
		dueDate: isoDate,
		/** empty: every group of the département */
		groups: z.array(z.string().min(1).max(200)).default([])
	})
	.superRefine((c, ctx) => {
		// a group can only send a period's files once the period is over
		const last = lastDayOf(c.period);
		if (last && c.dueDate < last)
			ctx.addIssue({
				code: 'custom',
				path: ['dueDate'],
				message: `L’échéance ne peut pas précéder la fin de la période (${periodLabel(c.period).toLowerCase()}, qui se termine le ${formatDate(last)}) : choisissez le ${formatDate(last)} ou une date postérieure.`
			});
	});
export type OpenCampaignInput = z.input<typeof openCampaignSchema>;
