import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { INSTANCE_TYPES, KIND_LABELS } from '$contracts/codes';
import { auditEvent } from '$lib/server/audit/audit-event';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import { sortFr } from '$lib/format';
import {
	CampaignError,
	campaignBoard,
	closeCampaign,
	getCampaign,
	mailerFromEnv,
	sendDueReminders,
	STAGE_LABELS,
	STATE_LABELS,
	STATE_COUNT_LABELS,
	todayInParis
} from '$lib/server/departement/campaigns';
import { boardFilters, filterBoard } from '$lib/server/departement/board';
import { draftRelease, isReleaseRefused } from '$lib/server/releases';

export const load = (async (event) => {
	const { code, id } = event.params;
	assertDepartementAccess(event, code);
	const db = event.locals.store.db;
	const campaign = await getCampaign(db, code, id);
	if (!campaign) error(404, 'Campagne introuvable.');
	const today = todayInParis();
	// Reminders due today go out when the board is looked at (and by the server's timer).
	if (campaign.status === 'open')
		await sendDueReminders(db, today, mailerFromEnv(), { appUrl: event.url.origin });
	const board = await campaignBoard(db, campaign, today);
	const filters = boardFilters(event.url.searchParams);
	return {
		campaign,
		today,
		filters,
		board: { ...board, entries: filterBoard(board.entries, filters) },
		communes: sortFr(
			[...new Map(board.entries.flatMap((e) => e.communes).map((c) => [c.code, c])).values()],
			(c) => c.nom
		),
		instanceTypes: INSTANCE_TYPES.codes.map((c) => ({ code: c, label: INSTANCE_TYPES.labels[c] })),
		stateLabels: STATE_LABELS,
		stateCountLabels: STATE_COUNT_LABELS,
		stageLabels: STAGE_LABELS,
		kindLabels: KIND_LABELS
	};
}) satisfies PageServerLoad;

export const actions = {
	close: async (event) => {
		const { code, id } = event.params;
		const user = assertDepartementAccess(event, code);
		const db = event.locals.store.db;
		const campaign = await getCampaign(db, code, id);
		if (!campaign) return fail(404, { closeError: 'Campagne introuvable.' });
		const form = await event.request.formData();
		if (form.get('confirm') !== 'oui')
			return fail(400, { closeError: 'Cochez la case pour confirmer la clôture.' });
		try {
			// the set the publication will serve passes its audit (else nothing is published)
			const release = await draftRelease(db, {
				audience: 'departement',
				scope: code,
				period: campaign.period
			});
			await closeCampaign(db, campaign, user.id);
			await auditEvent(
				event,
				'campaign.close',
				{ period: campaign.period, cells: release.cells.length, dataVersion: release.dataVersion },
				{ type: 'campaign', id }
			);
		} catch (e) {
			if (e instanceof CampaignError) return fail(400, { closeError: e.message });
			if (isReleaseRefused(e)) return fail(400, { closeError: e.message });
			throw e;
		}
		return { closed: true };
	}
} satisfies Actions;
