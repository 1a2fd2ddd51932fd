import { sql, SqliteIntrospector, type Kysely } from 'kysely';

// A version number of the provider register (issue 3). Every instance keeps the register in memory
// and asked on every search whether it changed, until now with a fingerprint of the whole
// `providers` table (row count, active count, latest updated_at): a scan of every row on every
// list page, the largest query of the busiest page, growing with the register. Now a trigger counts
// every insert, update and delete of `providers`, whatever writes it, and the question is one
// primary-key read. The counter also sees what the fingerprint could miss: two edits within one
// millisecond, or an instance whose clock is behind.
//
// Every change of a provider's lists (regions, activities…) also updates its `providers` row
// (provider-register.ts moves updated_at), so triggers on that one table are enough.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('register_version')
		.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
		.addColumn('version', 'integer', (c) => c.notNull())
		.execute();
	await db.insertInto('register_version').values({ id: 1, version: 0 }).execute();

	if (db.introspection instanceof SqliteIntrospector) {
		// SQLite has row triggers only: a statement that writes n providers counts n.
		for (const event of ['insert', 'update', 'delete']) {
			await sql`create trigger ${sql.raw(`providers_${event}_register_version`)} after ${sql.raw(event)} on providers
				begin update register_version set version = version + 1 where id = 1; end`.execute(db);
		}
		return;
	}
	await sql`create function count_register_change() returns trigger language plpgsql as $$
		begin update register_version set version = version + 1 where id = 1; return null; end $$`.execute(db);
	await sql`create trigger providers_register_version after insert or update or delete on providers
		for each statement execute function count_register_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (db.introspection instanceof SqliteIntrospector) {
		for (const event of ['insert', 'update', 'delete']) {
			await sql`drop trigger ${sql.raw(`providers_${event}_register_version`)}`.execute(db);
		}
	} else {
		await sql`drop trigger providers_register_version on providers`.execute(db);
		await sql`drop function count_register_change()`.execute(db);
	}
	await db.schema.dropTable('register_version').execute();
}
