import type { Kysely } from 'kysely';

// Mail delivery details for the outbox worker: a mail that depends on a survey invitation (the
// reminder is sent only while the invitation is open), mails that were cancelled or given up on,
// and the admin's newest-first list.

export async function up(db: Kysely<any>): Promise<void> {
	// The survey reminder is written with the invitation and sent only if that invitation is still
	// not completed (and not expired) when it is due; otherwise it is cancelled, never sent.
	await db.schema.alterTable('outbox').addColumn('survey_invitation_id', 'text').execute();
	await db.schema.alterTable('outbox').addColumn('cancelled_at', 'text').execute();
	// Set when the worker gives up after its last attempt; the row stays for the admin to read.
	await db.schema.alterTable('outbox').addColumn('failed_at', 'text').execute();
	await db.schema.createIndex('outbox_by_created').on('outbox').columns(['created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('outbox_by_created').execute();
	for (const column of ['failed_at', 'cancelled_at', 'survey_invitation_id']) await db.schema.alterTable('outbox').dropColumn(column).execute();
}
