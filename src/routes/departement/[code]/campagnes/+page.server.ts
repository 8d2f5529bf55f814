import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { KINDS, KIND_LABELS } from '$contracts/codes';
import { periodLabel, suggestedSemesters } from '$contracts/period';
import { auditEvent } from '$lib/server/audit/audit-event';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import {
	CampaignError,
	listCampaigns,
	openCampaign,
	openCampaignSchema,
	todayInParis
} from '$lib/server/departement/campaigns';
import { sortFr } from '$lib/format';

export const load = (async (event) => {
	const code = event.params.code;
	assertDepartementAccess(event, code);
	const db = event.locals.store.db;
	const [campaigns, groups] = await Promise.all([
		listCampaigns(db, code),
		db
			.selectFrom('groups')
			.select(['id', 'name'])
			.where('departement', '=', code)
			.execute()
			.then((rows) => sortFr(rows, (g) => g.name))
	]);
	const today = todayInParis();
	return {
		campaigns,
		groups,
		kinds: KINDS.map((k) => ({ code: k, label: KIND_LABELS[k] })),
		periods: suggestedSemesters(today).map((p) => ({ code: p, label: periodLabel(p) })),
		today
	};
}) satisfies PageServerLoad;

export const actions = {
	open: async (event) => {
		const code = event.params.code;
		const user = assertDepartementAccess(event, code);
		const form = await event.request.formData();
		const values = {
			period: String(form.get('period') ?? ''),
			kinds: form.getAll('kinds').map(String),
			dueDate: String(form.get('dueDate') ?? ''),
			groups: form.getAll('groups').map(String)
		};
		const parsed = openCampaignSchema.safeParse(values);
		if (!parsed.success)
			return fail(400, {
				values,
				errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]))
			});
		let id: string;
		try {
			id = await openCampaign(event.locals.store.db, code, parsed.data, user.id);
		} catch (e) {
			if (e instanceof CampaignError)
				return fail(400, { values, errors: { form: e.message } as Record<string, string> });
			throw e;
		}
		await auditEvent(
			event,
			'campaign.open',
			{
				period: parsed.data.period,
				kinds: parsed.data.kinds,
				dueDate: parsed.data.dueDate,
				groups: parsed.data.groups.length || 'tous'
			},
			{ type: 'campaign', id }
		);
		redirect(303, `/departement/${code}/campagnes/${id}`);
	}
} satisfies Actions;
