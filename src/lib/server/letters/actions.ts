// Why: the two form actions on incident letters (record one, edit one) share one path: permission
// checked again (the group's referents only), the form parsed by zod, the free text scanned for
// personal identifiers before anything is stored, then the change and its audit entry (codes only).
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { auditEvent } from '../audit/audit-event';
import { refuseIdentifiers } from '../free-text';
import { referentContext } from '../referent/context';
import { loadGroup } from '../referent/home';
import { formValues, parseLetter } from './form';
import { createLetter, updateLetter } from './store';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'getClientAddress'> & {
	params: { id: string; lettre?: string };
};

export async function saveLetter(event: Event) {
	const { user, groupId } = referentContext(event, { id: event.params.id });
	const db = event.locals.store.db;
	await loadGroup(db, groupId);
	const data = await event.request.formData();
	const values = formValues(data);
	const parsed = parseLetter(data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return fail(400, { values, field: String(issue.path[0] ?? ''), message: issue.message });
	}
	const form = parsed.data;
	const refused = await refuseIdentifiers(
		event,
		'lettre',
		[{ name: 'precisions', value: form.precisions }],
		{ values, field: 'precisions' }
	);
	if (refused) return refused;
	const existing = event.params.lettre;
	let id: string;
	if (existing) {
		if (!(await updateLetter(db, groupId, existing, form, user.id)))
			error(404, 'Lettre introuvable dans ce groupe.');
		id = existing;
	} else id = await createLetter(db, groupId, form, user.id);
	await auditEvent(
		event,
		existing ? 'lettre.modifiee' : 'lettre.enregistree',
		{
			group: groupId,
			lettre: id,
			sens: form.sens,
			motif: form.motif,
			repondu: form.date_reponse !== null,
			clos: form.date_cloture !== null
		},
		{ type: 'group', id: groupId }
	);
	return { saved: id, created: !existing };
}
