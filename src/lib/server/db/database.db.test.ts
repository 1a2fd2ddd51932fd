import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../tests/support/test-database';
import { databaseAnswers, migrateToLatest } from './index';

describe('database', () => {
	it('answers when up, and not once closed (what /healthz reports)', async () => {
		const testDb = await freshDatabase();
		expect(await databaseAnswers(testDb.db)).toBe(true);
		await testDb.close();
		expect(await databaseAnswers(testDb.db)).toBe(false);
	});

	it('migrating an up-to-date database applies nothing', async () => {
		const testDb = await freshDatabase();
		expect(await migrateToLatest(testDb.db)).toEqual([]);
		await testDb.close();
	});

	it('enforces foreign keys', async () => {
		const testDb = await freshDatabase();
		const at = new Date().toISOString();
		await expect(
			testDb.db.insertInto('sessions').values({ id: 'x', user_id: 'no-such-user', secret_hash: 'h', created_at: at, last_verified_at: at }).execute()
		).rejects.toThrow();
		await testDb.close();
	});
});
