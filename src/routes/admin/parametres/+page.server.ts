import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { auditEvent } from '$lib/server/audit/audit-event';
import { requireAdmin } from '$lib/server/auth/scopes';
import { refuseIdentifiers } from '$lib/server/free-text';
import {
	getSettings,
	MIN_THRESHOLD,
	MIN_WIDTH,
	saveSettings,
	settingsSchema
} from '$lib/server/settings';

export const load = (async (event) => {
	requireAdmin(event);
	return {
		settings: await getSettings(event.locals.store.db),
		minThreshold: MIN_THRESHOLD,
		minWidth: MIN_WIDTH
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		requireAdmin(event);
		const db = event.locals.store.db;
		const parsed = settingsSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { errors: parsed.error.issues.map((i) => i.message) });
		const refused = await refuseIdentifiers(event, 'parametres', [
			{ name: 'Nom de l’organisation', value: parsed.data.organisationName }
		]);
		if (refused) return fail(400, { errors: [refused.data.message], report: refused.data.report });
		const before = await getSettings(db);
		const changed = await saveSettings(db, parsed.data);
		if (changed.length)
			await auditEvent(
				event,
				'settings.changed',
				Object.fromEntries(changed.map((k) => [k, { from: before[k], to: parsed.data[k] }])),
				{ type: 'settings', id: 'deployment' }
			);
		return { saved: true, errors: [] as string[] };
	}
} satisfies Actions;
