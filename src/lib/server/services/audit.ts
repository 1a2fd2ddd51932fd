import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db';

/**
 * The audit log: who did what, when, to which record. Written in the same transaction as the
 * change it records (pass the transaction), so a change is never without its entry or vice versa.
 */

export interface AuditEntry {
	actorId: string | null;
	action: string;
	entityType: string;
	entityId?: string | null;
	details?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<Database>, entry: AuditEntry, now = new Date()): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			id: crypto.randomUUID(),
			occurred_at: now.toISOString(),
			actor_id: entry.actorId,
			action: entry.action,
			entity_type: entry.entityType,
			entity_id: entry.entityId ?? null,
			details: JSON.stringify(entry.details ?? {})
		})
		.execute();
}
