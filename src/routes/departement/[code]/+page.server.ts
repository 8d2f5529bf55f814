import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { periodLabel } from '$contracts/period';
import { unpublishedText } from '$lib/completeness';
import { auditEvent } from '$lib/server/audit/audit-event';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import { completenessOf } from '$lib/server/completeness';
import { listCampaigns, todayInParis } from '$lib/server/departement/campaigns';
import { departementPeriods, yearsOf } from '$lib/server/departement/data';
import { draftRelease, isReleaseRefused } from '$lib/server/releases';
import { publicationsOf } from '$lib/server/releases/publications';
import { publishPeriod, publishPlan, PublishError } from '$lib/server/releases/publish';

export const load = (async (event) => {
	const code = event.params.code;
	assertDepartementAccess(event, code);
	const db = event.locals.store.db;
	const [campaigns, periods, groups] = await Promise.all([
		listCampaigns(db, code),
		departementPeriods(db, code),
		db
			.selectFrom('groups')
			.select((e) => e.fn.countAll<number>().as('n'))
			.where('departement', '=', code)
			.executeTakeFirstOrThrow()
	]);
	const today = todayInParis();
	const [complete, published] = await Promise.all([
		completenessOf(db, { departement: code }, periods, today),
		publicationsOf(db, code, periods)
	]);
	// Publication points: each period with data, published or not, and what publishing it now
	// would leave out (the groups that have not sent are then never counted for it).
	const publication = await Promise.all(
		[...periods].reverse().map(async (p) => {
			const c = complete.get(p)!;
			const at = published.get(p)?.publishedAt ?? null;
			const plan = !at && !c.ongoing ? await publishPlan(db, code, p, today) : null;
			return {
				period: p,
				label: periodLabel(p),
				publishedAt: at,
				completeness: c,
				sentence: at ? null : unpublishedText(c),
				publishable: !!plan && c.transmitted > 0,
				missing: plan?.missing ?? [],
				closesCampaign: !!plan?.campaignId
			};
		})
	);
	return {
		campaigns,
		periods,
		publication,
		years: yearsOf(periods),
		groupCount: Number(groups.n)
	};
}) satisfies PageServerLoad;

const publishSchema = z.object({
	period: z.string().regex(/^\d{4}-(S[12]|T[1-4])$/, 'Choisissez une période à publier.'),
	confirm: z
		.string()
		.nullable()
		.refine((v) => v === 'oui', 'Cochez la case pour confirmer la publication.')
});

export const actions = {
	// « Publier la période »: the analyst's explicit publication point (see releases/publish.ts).
	publier: async (event) => {
		const code = event.params.code;
		const user = assertDepartementAccess(event, code);
		const db = event.locals.store.db;
		const form = await event.request.formData();
		const parsed = publishSchema.safeParse({
			period: form.get('period'),
			confirm: form.get('confirm')
		});
		const period = String(form.get('period') ?? '');
		if (!parsed.success) return fail(400, { period, publishError: parsed.error.issues[0].message });
		try {
			// the set to be served passes its audit, else nothing is published
			const release = await draftRelease(db, {
				audience: 'departement',
				scope: code,
				period: parsed.data.period
			});
			const { plan } = await publishPeriod(db, code, parsed.data.period, user.id);
			await auditEvent(
				event,
				'period.publish',
				{
					period: parsed.data.period,
					missing: plan.missing.length,
					campaignClosed: plan.campaignId !== null,
					cells: release.cells.length
				},
				{ type: 'departement', id: code }
			);
		} catch (e) {
			if (e instanceof PublishError || isReleaseRefused(e))
				return fail(400, { period, publishError: e.message });
			throw e;
		}
		return { published: parsed.data.period };
	}
} satisfies Actions;
