// Why: the upload endpoint checks who may send what (in the route); this is the work after those
// checks, kept apart so each step reads on its own: the raw body read under the size limit, the
// file name, the submission, and the outcome turned into the JSON answer the browser expects
// (refusals audited, a busy validation pool answered with 503 and nothing stored).
import { json, type RequestEvent } from '@sveltejs/kit';
import type { TabularKind } from '$contracts/codes';
import { plural } from '$lib/format';
import { auditEvent, clientAddress } from '../audit/audit-event';
import type { SessionUser } from '../auth/schema';
import { logger } from '../logger';
import { ValidationBusy } from '../validation/pool';
import { readLimited, tooLargeReport, TooLarge } from './body';
import { uploadMaxBytes } from './context';
import { describeChanges } from './diff';
import { refusalDetails, submitUpload, type UploadOutcome } from './submit';

type Event = Pick<RequestEvent, 'locals' | 'request' | 'url' | 'getClientAddress'>;

/** An upload the route has allowed: who sends, for which group, period and kind, under which k. */
export interface AllowedUpload {
	user: SessionUser;
	groupId: string;
	period: string;
	kind: TabularKind;
	k: number;
}

/** Reads, checks and stores the request's file; the answer says what happened. */
export async function receiveUpload(event: Event, upload: AllowedUpload): Promise<Response> {
	const { user, groupId, period, kind } = upload;
	const limit = uploadMaxBytes();
	const bytes = await readBody(event, upload, limit);
	if (bytes instanceof Response) return bytes;
	let outcome: UploadOutcome;
	try {
		outcome = await submitUpload(event.locals.store.db, {
			groupId,
			period,
			kind,
			filename: uploadFilename(event, kind, period),
			bytes,
			actorId: user.id,
			actorLabel: user.email,
			ip: clientAddress(event),
			maxBytes: limit,
			k: upload.k,
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
	return outcomeResponse(event, upload, bytes, outcome);
}

/** The raw body, or the 413 answer (audited) when it is over the limit. */
async function readBody(
	event: Event,
	{ groupId, kind, period }: AllowedUpload,
	limit: number
): Promise<Uint8Array | Response> {
	try {
		return await readLimited(event.request, limit);
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
}

/** The name the browser gave (query `nom` or header `x-filename`), made safe to store and show. */
function uploadFilename(event: Event, kind: TabularKind, period: string): string {
	const raw = event.url.searchParams.get('nom') ?? event.request.headers.get('x-filename') ?? '';
	return (
		decodeURIComponentSafe(raw)
			.replace(/[\\/]|\p{Cc}/gu, '_')
			.slice(0, 200) || `${kind}-${period}.csv`
	);
}

async function outcomeResponse(
	event: Event,
	{ groupId, kind, period }: AllowedUpload,
	bytes: Uint8Array,
	outcome: UploadOutcome
): Promise<Response> {
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
}

function decodeURIComponentSafe(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}
