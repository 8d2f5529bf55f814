// The one gate every form action passes its typed text through before storing anything: the
// contracts' identifier detector on each line of each field. A refusal is a `fail(400)` carrying
// the same cell-pointing report as a refused file (field = column, line = row), and an audit entry
// with the error codes only (never the text).
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { scanFreeText, type FreeTextField } from '$contracts/free-text';
import type { Report } from '$contracts/report';
import { plural } from '$lib/format';
import { auditEvent } from './audit/audit-event';

export type TextRefusal = ActionFailure<
	{ message: string; report: Report } & Record<string, unknown>
>;

/**
 * Null when no field holds a personal identifier; otherwise the action's `fail(400)` (with
 * `extra` merged into its data) after an audit entry `texte.refuse`.
 */
export async function refuseIdentifiers(
	event: Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>,
	kind: string,
	fields: readonly FreeTextField[],
	extra: Record<string, unknown> = {}
): Promise<TextRefusal | null> {
	const report = scanFreeText(kind, fields);
	if (report.ok) return null;
	await auditEvent(event, 'texte.refuse', { kind, errors: report.errorsByCode ?? {} });
	const n = report.errorCount ?? report.errors.length;
	const what = plural(n, 'passage ressemble', 'passages ressemblent');
	return fail(400, {
		...extra,
		message: `Rien n’a été enregistré : ${what} à une donnée personnelle (nom, téléphone…). Corrigez le texte signalé, puis enregistrez à nouveau.`,
		report
	});
}
