// Why: one parser for the incident letter form (create and edit), so both actions accept exactly
// the same fields: coded values of the contract, calendar dates in order and never in the future.
import { z } from 'zod';
import { INSTITUTIONS } from '$contracts/codes';
import { DIRECTIONS, REASONS } from '$lib/letters';
import { todayInParis } from '../departement/campaigns/timer';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isCalendarDate = (v: string) => {
	if (!DATE.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const day = (what: string) =>
	z
		.string()
		.trim()
		.refine(isCalendarDate, `${what} : indiquez une date valide (jour, mois, année).`)
		.refine((v) => v >= '2000-01-01', `${what} : la date est trop ancienne.`);

const optionalDay = (what: string) =>
	z
		.string()
		.trim()
		.default('')
		.transform((v) => (v === '' ? null : v))
		.pipe(day(what).nullable());

/** The form of one letter; `today` (Paris) bounds every date. */
export function letterSchema(today = todayInParis()) {
	return z
		.object({
			date: day('Date de la lettre'),
			sens: z.enum(DIRECTIONS.codes, { error: 'Choisissez le sens de la lettre.' }),
			institution: z.enum(INSTITUTIONS.codes, { error: 'Choisissez l’institution concernée.' }),
			motif: z.enum(REASONS.codes, { error: 'Choisissez le motif de la lettre.' }),
			precisions: z
				.string()
				.max(500, 'Précisions : 500 caractères au plus.')
				.default('')
				.transform((v) => v.trim()),
			date_reponse: optionalDay('Date de la réponse'),
			date_cloture: optionalDay('Date de clôture')
		})
		.superRefine((f, ctx) => {
			const future = (v: string | null, path: string, what: string) => {
				if (v && v > today)
					ctx.addIssue({ code: 'custom', path: [path], message: `${what} est dans le futur.` });
			};
			future(f.date, 'date', 'La date de la lettre');
			future(f.date_reponse, 'date_reponse', 'La date de la réponse');
			future(f.date_cloture, 'date_cloture', 'La date de clôture');
			if (f.date_reponse && f.date_reponse < f.date)
				ctx.addIssue({
					code: 'custom',
					path: ['date_reponse'],
					message: 'La réponse ne peut pas précéder la lettre.'
				});
			if (f.date_cloture && f.date_cloture < f.date)
				ctx.addIssue({
					code: 'custom',
					path: ['date_cloture'],
					message: 'La clôture ne peut pas précéder la lettre.'
				});
		});
}

export type LetterForm = z.infer<ReturnType<typeof letterSchema>>;

/** The form fields as typed, to show them again after a refusal. */
export function formValues(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of [
		'date',
		'sens',
		'institution',
		'motif',
		'precisions',
		'date_reponse',
		'date_cloture'
	])
		out[k] = String(data.get(k) ?? '');
	return out;
}

export function parseLetter(data: FormData, today?: string) {
	return letterSchema(today).safeParse(formValues(data));
}
