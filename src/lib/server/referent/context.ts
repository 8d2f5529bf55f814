// Route parameters of the referent's pages, checked once: the user is a referent of the group
// (assertGroupRowsAccess, first, so nothing about other groups leaks), the group exists, the
// period has started and the kind is a tabular kind of the contract.
import { error, type RequestEvent } from '@sveltejs/kit';
import { TABULAR_KINDS, type TabularKind } from '$contracts/codes';
import { assertGroupRowsAccess } from '../auth/scopes';
import type { SessionUser } from '../auth/schema';
import { assertPeriod } from './home';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request'>;

export function uploadMaxBytes(): number {
	const v = Number(process.env.BP_UPLOAD_MAX_BYTES);
	return Number.isFinite(v) && v > 0 ? v : 50 * 1024 * 1024;
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
