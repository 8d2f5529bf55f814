// Upload page of one kind for a period: the group, the current version and its history, and which
// other kinds of the period are already sent (the preview loads them too).
import { TABULAR_KINDS } from '$contracts/codes';
import { currentSubmission } from '$lib/server/submissions';
import { getSettings } from '$lib/server/settings';
import { referentContext, uploadMaxBytes } from '$lib/server/referent/context';
import { describeSummary, loadGroup } from '$lib/server/referent/home';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { groupId, period, kind } = referentContext(event, event.params);
	const db = event.locals.store.db;
	const k = kind!;
	const [group, history, others, settings] = await Promise.all([
		loadGroup(db, groupId),
		db
			.selectFrom('submissions')
			.select(['version', 'status', 'uploaded_at', 'filename', 'row_count', 'change_summary'])
			.where('group_id', '=', groupId)
			.where('kind', '=', k)
			.where('period', '=', period)
			.orderBy('version', 'desc')
			.execute(),
		Promise.all(
			TABULAR_KINDS.filter((o) => o !== k).map(async (o) => ({
				kind: o,
				version: (await currentSubmission(db, groupId, o, period))?.version ?? null
			}))
		),
		getSettings(db)
	]);
	return {
		group: { id: group.id, name: group.name },
		period,
		kind: k,
		maxBytes: uploadMaxBytes(),
		k: settings.disclosureThreshold,
		history: history.map((h) => ({
			version: h.version,
			status: h.status,
			at: h.uploaded_at,
			filename: h.filename,
			rows: h.row_count,
			changes: describeSummary(k, h.change_summary)
		})),
		others: others.filter((o) => o.version !== null).map((o) => o.kind)
	};
}) satisfies PageServerLoad;
