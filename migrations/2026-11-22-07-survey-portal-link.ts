import type { Kysely } from 'kysely';

// A signed-in client can open their survey from the portal as well as from the mailed link. Only
// hashes are stored, so the portal gets a second secret of its own (renewed at every opening)
// instead of the mailed one, which keeps working.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('survey_invitations').addColumn('portal_secret_hash', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('survey_invitations').dropColumn('portal_secret_hash').execute();
}
