import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { auditEvent } from '$lib/server/audit/audit-event';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import {
	annualBilan,
	COMMENTARY_SECTIONS,
	commentarySchema,
	saveCommentary
} from '$lib/server/departement/annual';
import { charterAnnual } from '$lib/server/departement/charter-annual';
import { departementPeriods, yearsOf } from '$lib/server/departement/data';
import { isPeriodNotPublished, isReleaseRefused } from '$lib/server/releases';
import { unpublishedText } from '$lib/completeness';
import { refuseIdentifiers } from '$lib/server/free-text';
import { lettersBilan } from '$lib/server/letters/annual';
import { attendanceAnnual } from '$lib/server/departement/attendance-annual';
import { plenaryShare } from '$lib/server/plenary/annual';

function yearOf(param: string): number {
	const year = Number(param);
	if (!/^\d{4}$/.test(param) || year < 2000 || year > 2100) error(404, 'Année invalide.');
	return year;
}

export const load = (async (event) => {
	const code = event.params.code;
	assertDepartementAccess(event, code);
	const year = yearOf(event.params.year);
	const db = event.locals.store.db;
	const years = yearsOf(await departementPeriods(db, code));
	if (!years.includes(year)) error(404, `Aucune donnée pour l’année ${year}.`);
	try {
		const bilan = await annualBilan(db, code, year);
		const [letters, plenary, charter, attendance] = await Promise.all([
			lettersBilan(db, code, year),
			plenaryShare(db, code, year),
			charterAnnual(db, code, year, bilan.k),
			attendanceAnnual(db, code, year, bilan.k)
		]);
		return {
			bilan,
			letters,
			plenary,
			charter,
			attendance,
			years,
			sections: COMMENTARY_SECTIONS,
			print: event.url.searchParams.has('impression')
		};
	} catch (e) {
		if (isReleaseRefused(e)) error(409, e.message);
		// no period of the year published yet: the sentence saying when, never a figure
		if (isPeriodNotPublished(e)) error(409, unpublishedText(e.completeness));
		throw e;
	}
}) satisfies PageServerLoad;

export const actions = {
	comment: async (event) => {
		const code = event.params.code;
		const user = assertDepartementAccess(event, code);
		const year = yearOf(event.params.year);
		const form = await event.request.formData();
		const parsed = commentarySchema.safeParse({
			section: form.get('section'),
			body: String(form.get('body') ?? '')
		});
		if (!parsed.success)
			return fail(400, {
				section: String(form.get('section') ?? ''),
				error: parsed.error.issues[0].message
			});
		const label = COMMENTARY_SECTIONS.find((s) => s.id === parsed.data.section)?.label ?? '';
		const refused = await refuseIdentifiers(
			event,
			'commentaire',
			[{ name: label, value: parsed.data.body }],
			{ section: parsed.data.section }
		);
		if (refused) return fail(400, { ...refused.data, error: refused.data.message });
		await saveCommentary(event.locals.store.db, code, year, parsed.data, user.id);
		await auditEvent(
			event,
			'bilan_annuel.commentaire',
			{ year, section: parsed.data.section },
			{
				type: 'departement',
				id: code
			}
		);
		return { saved: parsed.data.section };
	}
} satisfies Actions;
