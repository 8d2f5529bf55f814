// The one action behind « Enregistrer la séance » (new session and edit): permission re-checked,
// form parsed with zod, both texts passed through the identifier gate (refused text is never
// stored, the report points at the field and line), bilans checked against the commune's
// published ones, then stored and audited with identifiers and counts only.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Report } from '$contracts/report';
import { auditEvent } from '../audit/audit-event';
import { assertPlenaryManage } from '../auth/scopes';
import { refuseIdentifiers } from '../free-text';
import {
	createSession,
	parsePlenaryForm,
	UnknownPresentation,
	updateSession,
	type PlenaryInput
} from './sessions';

const NO_REPORT: Report | null = null;

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'getClientAddress'>;

/** What the form shows again after a refusal. */
export interface SessionFormValues {
	date: string;
	presented: string[];
	orientations: string;
	diagnostic: string;
}

export const FIELD_LABELS = {
	orientations: 'Orientations décidées',
	diagnostic: 'Diagnostic partagé'
} as const;

function values(form: FormData): SessionFormValues {
	return {
		date: String(form.get('date') ?? ''),
		presented: form.getAll('presente').map(String),
		orientations: String(form.get('orientations') ?? ''),
		diagnostic: String(form.get('diagnostic') ?? '')
	};
}

/** Saves a new session (`id` null) or an existing one; a `fail(400)` or the session's id. */
export async function saveSessionAction(event: Event, code: string, id: string | null) {
	const user = await assertPlenaryManage(event, code);
	const form = await event.request.formData();
	const parsed = parsePlenaryForm(form);
	if (!parsed.success)
		return fail(400, {
			message: parsed.error.issues[0].message,
			report: NO_REPORT,
			values: values(form)
		});
	const input: PlenaryInput = parsed.data;
	const refused = await refuseIdentifiers(event, 'pleniere', [
		{ name: FIELD_LABELS.orientations, value: input.orientations },
		{ name: FIELD_LABELS.diagnostic, value: input.diagnostic }
	]);
	if (refused)
		return fail(400, {
			message: refused.data.message,
			report: refused.data.report as Report | null,
			values: values(form)
		});
	const db = event.locals.store.db;
	const isNew = id === null;
	try {
		if (id === null) id = await createSession(db, code, input, user.id);
		else if (!(await updateSession(db, code, id, input, user.id)))
			error(404, 'Séance plénière introuvable.');
	} catch (e) {
		if (e instanceof UnknownPresentation)
			return fail(400, { message: e.message, report: NO_REPORT, values: values(form) });
		throw e;
	}
	await auditEvent(
		event,
		isNew ? 'plenary.create' : 'plenary.update',
		{ session: id, date: input.date, groups: input.presented.length },
		{ type: 'commune', id: code }
	);
	return { saved: true as const, id };
}
