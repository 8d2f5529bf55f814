// The one « enregistrer » action of a local protocol, for a group or a commune (the caller has
// checked that the user keeps this scope): zod-parsed form, identifier scan of every typed field,
// new version stored, audit entry with the scope and version only (never the text).
import { fail, type RequestEvent } from '@sveltejs/kit';
import { auditEvent } from '../audit/audit-event';
import { refuseIdentifiers } from '../free-text';
import { protocolSchema, protocolTextFields, saveProtocol, type ProtocolScope } from './protocols';

const FIELDS = ['texte', 'adopted_on', 'limites', 'regulation', 'lieu'] as const;

export async function recordProtocol(
	event: Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>,
	scope: ProtocolScope,
	actorId: string
) {
	const form = await event.request.formData();
	const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<
		(typeof FIELDS)[number],
		string
	>;
	const parsed = protocolSchema.safeParse(values);
	if (!parsed.success) return fail(400, { values, message: parsed.error.issues[0].message });
	const refused = await refuseIdentifiers(event, 'protocole', protocolTextFields(parsed.data));
	if (refused)
		return fail(400, { values, message: refused.data.message, report: refused.data.report });
	const version = await saveProtocol(event.locals.store.db, scope, parsed.data, actorId);
	await auditEvent(
		event,
		'charte.protocole',
		{ version },
		{ type: scope.type === 'group' ? 'group' : 'commune', id: scope.id }
	);
	return { saved: version };
}
