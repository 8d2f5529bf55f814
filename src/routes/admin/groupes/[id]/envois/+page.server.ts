// The admin's read-only view of a group's sending: each period's state per kind, the versions
// (date, file name, row count, change summary) and the refused attempts with their problems in
// words, so the admin can help a referent. Never a row of the files, nor a text of the bilans.
import type { PageServerLoad } from './$types';
import { adminGroup } from '$lib/server/admin/registry';
import { detailsText } from '$lib/server/audit/audit-labels';
import { formatShortDateTime } from '$lib/format';
import { dueForGroups, todayInParis } from '$lib/server/departement/campaigns';
import { groupHome } from '$lib/server/referent/home';

export const load = (async (event) => {
	const { group } = await adminGroup(event);
	const db = event.locals.store.db;
	const due = await dueForGroups(db, [group.id], todayInParis());
	const dueDates = new Map(due.map((d) => [`${d.period}|${d.kind}`, d.dueDate]));
	const [home, refused] = await Promise.all([
		groupHome(db, group.id, new Date(), dueDates),
		db
			.selectFrom('audit_log')
			.select(['id', 'at', 'actor_label', 'details'])
			.where('action', '=', 'upload.refused')
			.where('target_type', '=', 'group')
			.where('target_id', '=', group.id)
			.orderBy('id', 'desc')
			.limit(50)
			.execute()
	]);
	return {
		group: { id: group.id, name: group.name },
		periods: home.periods,
		refused: refused.map((r) => ({
			id: r.id,
			at: formatShortDateTime(r.at),
			actor: r.actor_label,
			details: detailsText(r.details)
		}))
	};
}) satisfies PageServerLoad;
