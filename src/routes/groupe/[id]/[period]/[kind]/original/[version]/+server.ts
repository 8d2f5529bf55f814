// The file a group sent as one version, byte for byte, for its own referents only: every download
// is recorded in the journal with the version's fingerprint (SHA-256).
import { error } from '@sveltejs/kit';
import { KINDS, type Kind } from '$contracts/codes';
import { auditEvent } from '$lib/server/audit/audit-event';
import { referentContext } from '$lib/server/referent/context';
import { originalFile } from '$lib/server/submissions';
import { attachmentDisposition } from '$lib/server/exports/respond';
import { sniffSpreadsheet } from '$contracts/reader/sheet';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { id, period, kind, version } = event.params;
	const { groupId } = referentContext(event, { id, period });
	if (!(KINDS as readonly string[]).includes(kind))
		error(404, 'Type de fichier inconnu : choisissez situations, seances, incidents ou bilan.');
	const n = /^[1-9]\d{0,5}$/.test(version) ? Number(version) : 0;
	const file = n
		? await originalFile(event.locals.store.db, groupId, kind as Kind, period, n)
		: undefined;
	if (!file) error(404, 'Version introuvable : elle n’a pas été envoyée pour cette période.');
	// an empty file is always refused: no bytes means they were not kept (uploads before the fix)
	if (file.bytes.byteLength === 0)
		error(410, 'Le fichier original de cette version n’a pas été conservé.');
	await auditEvent(
		event,
		'submission.download',
		{ group: groupId, kind, period, version: n, sha256: file.sha256 },
		{ type: 'submission', id: file.id }
	);
	// the extension of what was sent, by content: a workbook comes back as a workbook
	const format = kind === 'bilan' ? null : sniffSpreadsheet(file.bytes);
	const ext =
		kind === 'bilan' ? '.txt' : format === 'xlsx' || format === 'ods' ? `.${format}` : '.csv';
	const fallback = `${kind}-${period}-v${n}${ext}`;
	return new Response(file.bytes as BodyInit, {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': attachmentDisposition(file.filename, fallback),
			'content-length': String(file.bytes.byteLength),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
