// The audit trail: who did what, when, from where. Append-only (the database refuses updates and
// deletes). `details` carries identifiers and counts, never data about the persons discussed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface AuditEvent {
	actorId?: string | null;
	actorLabel?: string | null;
	action: string;
	targetType?: string | null;
	targetId?: string | null;
	details?: Record<string, unknown> | null;
	ip?: string | null;
	userAgent?: string | null;
}

export async function audit(
	db: Kysely<Database>,
	event: AuditEvent,
	at = new Date()
): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			at: at.toISOString(),
			actor_id: event.actorId ?? null,
			actor_label: event.actorLabel ?? null,
			action: event.action,
			target_type: event.targetType ?? null,
			target_id: event.targetId ?? null,
			details: event.details ? JSON.stringify(event.details) : null,
			ip: event.ip ?? null,
			user_agent: event.userAgent ? event.userAgent.slice(0, 300) : null
		})
		.execute();
}
