// Receives the original bytes of an upload (raw body), enforces the size limit before parsing,
// validates them again with the contracts and stores a new version — or answers with the same
// report the browser showed and stores nothing.
import { error, json } from '@sveltejs/kit';
import { auditEvent, clientAddress } from '$lib/server/audit/audit-event';
import { logger } from '$lib/server/logger';
import { readLimited, tooLargeReport, TooLarge } from '$lib/server/referent/body';
import { referentContext, uploadMaxBytes } from '$lib/server/referent/context';
import { loadGroup } from '$lib/server/referent/home';
import { refusalDetails, submitUpload } from '$lib/server/referent/submit';
import { describeChanges } from '$lib/server/referent/diff';
import { ValidationBusy } from '$lib/server/validation/pool';
import { getSettings } from '$lib/server/settings';
import { plural } from '$lib/format';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const { user, groupId, period, kind } = referentContext(event, event.params);
	if (!kind) error(404);
	const origin = event.request.headers.get('origin');
	if (origin && origin !== event.url.origin) error(403, 'Origine de la requête refusée.');
	const [, settings] = await Promise.all([
		loadGroup(event.locals.store.db, groupId),
		getSettings(event.locals.store.db)
	]);
	const limit = uploadMaxBytes();
	let bytes: Uint8Array;
	try {
		bytes = await readLimited(event.request, limit);
	} catch (e) {
		if (!(e instanceof TooLarge)) throw e;
		const report = tooLargeReport(kind, limit);
		await auditEvent(
			event,
			'upload.refused',
			{ group: groupId, kind, period, errors: refusalDetails(report) },
			{ type: 'group', id: groupId }
		);
		return json({ ok: false, report }, { status: 413 });
	}
	const raw = event.url.searchParams.get('nom') ?? event.request.headers.get('x-filename') ?? '';
	const filename =
		decodeURIComponentSafe(raw)
			.replace(/[\\/]|\p{Cc}/gu, '_')
			.slice(0, 200) || `${kind}-${period}.csv`;
	let outcome;
	try {
		outcome = await submitUpload(event.locals.store.db, {
			groupId,
			period,
			kind,
			filename,
			bytes,
			actorId: user.id,
			actorLabel: user.email,
			ip: clientAddress(event),
			maxBytes: limit,
			k: settings.disclosureThreshold,
			confirmed: event.url.searchParams.get('confirmer') === '1'
		});
	} catch (e) {
		if (!(e instanceof ValidationBusy)) throw e;
		return json(
			{
				ok: false,
				message:
					'Le serveur vérifie déjà de nombreux fichiers : rien n’a été enregistré. Réessayez dans une minute.'
			},
			{ status: 503, headers: { 'retry-after': '60' } }
		);
	}
	// a version to confirm: nothing stored, the questions with their figures
	if (outcome.kind === 'confirm')
		return json({ ok: false, confirm: outcome.questions }, { status: 409 });
	if (outcome.kind === 'refused') {
		await auditEvent(
			event,
			'upload.refused',
			{
				group: groupId,
				kind,
				period,
				bytes: bytes.byteLength,
				errors: refusalDetails(outcome.report)
			},
			{ type: 'group', id: groupId }
		);
		return json({ ok: false, report: outcome.report }, { status: 422 });
	}
	const s = outcome.submission;
	if (outcome.kind === 'duplicate')
		return json({
			ok: true,
			duplicate: true,
			version: s.version,
			message: `Ce fichier a déjà été envoyé (version ${s.version}) : rien n’a été ajouté.`
		});
	logger.info(
		{ submission: s.id, group: groupId, kind, period, rows: s.row_count },
		'upload stored'
	);
	return json(
		{
			ok: true,
			duplicate: false,
			version: s.version,
			rows: s.row_count,
			changes: outcome.changes ? describeChanges(kind, outcome.changes) : null,
			message: `Fichier reçu : version ${s.version} enregistrée (${plural(s.row_count, 'ligne')}).`
		},
		{ status: 201 }
	);
};

function decodeURIComponentSafe(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}
