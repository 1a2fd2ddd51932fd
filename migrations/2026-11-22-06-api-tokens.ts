import type { Kysely } from 'kysely';

// Personal API tokens for researchers' scripts (issue 6): `<id>.<secret>` like sessions, only the
// hash of the secret is kept. A token expires on a date chosen at creation and can be revoked;
// last use is written at most hourly.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('api_tokens')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.addColumn('last_used_at', 'text')
		.execute();
	await db.schema.createIndex('api_tokens_by_user').on('api_tokens').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('api_tokens').execute();
}
