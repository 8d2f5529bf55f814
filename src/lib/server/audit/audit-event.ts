// Audit entries written from a request: actor, address and user agent filled from the event.
import type { RequestEvent } from '@sveltejs/kit';
import { audit } from './audit';

export interface AuditTarget {
	type: string;
	id: string;
	/** overrides the signed-in user (e.g. a failed login of an existing account) */
	actorId?: string | null;
	actorLabel?: string | null;
}

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

export async function auditEvent(
	event: Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>,
	action: string,
	details: Record<string, unknown> | null = null,
	target?: AuditTarget
): Promise<void> {
	const user = event.locals.user;
	await audit(event.locals.store.db, {
		actorId: target?.actorId !== undefined ? target.actorId : (user?.id ?? null),
		actorLabel: target?.actorLabel !== undefined ? target.actorLabel : (user?.email ?? null),
		action,
		targetType: target?.type ?? null,
		targetId: target?.id ?? null,
		details,
		ip: clientAddress(event),
		userAgent: event.request.headers.get('user-agent')
	});
}
