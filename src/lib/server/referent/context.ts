// Route parameters of the referent's pages, checked once: the user is a referent of the group
// (assertGroupRowsAccess, first, so nothing about other groups leaks), the group exists, the
// period has started and the kind is a tabular kind of the contract.
import { error, type RequestEvent } from '@sveltejs/kit';
import { TABULAR_KINDS, type TabularKind } from '$contracts/codes';
import { assertGroupRowsAccess } from '../auth/scopes';
import { config } from '../config';
import type { SessionUser } from '../auth/schema';
import { assertPeriod } from './home';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request'>;

/** The largest upload accepted (BP_UPLOAD_MAX_BYTES), checked before the file is read. */
export function uploadMaxBytes(): number {
	return config().uploadMaxBytes;
}

export function referentContext(
	event: Event,
	params: { id: string; period?: string; kind?: string }
): { user: SessionUser; groupId: string; period: string; kind: TabularKind | null } {
	const user = assertGroupRowsAccess(event, params.id);
	if (params.period !== undefined) assertPeriod(params.period);
	let kind: TabularKind | null = null;
	if (params.kind !== undefined) {
		if (!(TABULAR_KINDS as readonly string[]).includes(params.kind))
			error(404, 'Type de fichier inconnu : choisissez situations, seances ou incidents.');
		kind = params.kind as TabularKind;
	}
	return { user, groupId: params.id, period: params.period ?? '', kind };
}
