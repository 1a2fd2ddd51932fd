import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Db } from '$lib/server/db';

/**
 * A fresh, migrated database for one test file: an in-memory SQLite database by default, or a new
 * schema in the PostgreSQL database at TEST_DATABASE_URL (dropped again by `close`).
 *
 *   const testDb = await freshDatabase();
 *   afterAll(() => testDb.close());
 */

export interface TestDatabase {
	db: Db;
	engine: 'sqlite' | 'postgres';
	close(): Promise<void>;
}

export const testEngine: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export async function freshDatabase(): Promise<TestDatabase> {
	const url = process.env.TEST_DATABASE_URL;
	if (!url) {
		const { db } = openDatabase({ url: ':memory:' });
		await migrateToLatest(db);
		return { db, engine: 'sqlite', close: () => db.destroy() };
	}
	const schema = `test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`CREATE SCHEMA ${schema}`);
	await admin.end();
	const { db } = openDatabase({ url, searchPath: schema, poolSize: 4 });
	await migrateToLatest(db);
	return {
		db,
		engine: 'postgres',
		async close() {
			await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db);
			await db.destroy();
		}
	};
}
