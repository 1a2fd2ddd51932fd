import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { demoUserId, seedDemo } from '$lib/server/demo/seed';
import { hashSecret } from './secret-token';
import { createSession, deleteSession, validateSessionToken } from './sessions';

const policy = { inactivityDays: 30, maxAgeDays: 90 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let testDb: TestDatabase;
const userId = demoUserId('client@demo.regie.nl');

beforeAll(async () => {
	testDb = await freshDatabase();
	await seedDemo(testDb.db);
});
afterAll(() => testDb.close());

describe('sessions', () => {
	it('stores only a hash of the secret, and the token validates', async () => {
		const { token, session } = await createSession(testDb.db, userId, policy);
		const [id, secret] = token.split('.') as [string, string];
		const row = await testDb.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.secret_hash).toBe(hashSecret(secret));
		expect(JSON.stringify(row)).not.toContain(secret);
		expect((await validateSessionToken(testDb.db, token, policy))?.userId).toBe(userId);
		expect(session.id).toBe(id);
	});

	it('refuses a token with the right id and a wrong secret', async () => {
		const { token } = await createSession(testDb.db, userId, policy);
		const forged = `${token.split('.')[0]}.${'a'.repeat(24)}`;
		expect(await validateSessionToken(testDb.db, forged, policy)).toBeNull();
		expect(await validateSessionToken(testDb.db, 'garbage', policy)).toBeNull();
	});

	it('ends after the inactivity timeout and deletes the row', async () => {
		const start = new Date('2026-01-01T10:00:00Z');
		const { token, session } = await createSession(testDb.db, userId, policy, start);
		const justBefore = new Date(start.getTime() + 30 * DAY - 1000);
		expect(await validateSessionToken(testDb.db, token, policy, justBefore)).not.toBeNull();
		// That use renewed it: 30 days after it, it is still inactive for less than 30 days.
		const later = new Date(justBefore.getTime() + 29 * DAY);
		expect(await validateSessionToken(testDb.db, token, policy, later)).not.toBeNull();
		const tooLate = new Date(later.getTime() + 30 * DAY);
		expect(await validateSessionToken(testDb.db, token, policy, tooLate)).toBeNull();
		expect(await testDb.db.selectFrom('sessions').select('id').where('id', '=', session.id).executeTakeFirst()).toBeUndefined();
	});

	it('records activity at most once an hour', async () => {
		const start = new Date('2026-02-01T10:00:00Z');
		const { token, session } = await createSession(testDb.db, userId, policy, start);
		const lastVerified = async () =>
			(await testDb.db.selectFrom('sessions').select('last_verified_at').where('id', '=', session.id).executeTakeFirstOrThrow()).last_verified_at;
		const soon = await validateSessionToken(testDb.db, token, policy, new Date(start.getTime() + 59 * 60_000));
		expect(soon?.renewed).toBe(false);
		expect(await lastVerified()).toBe(start.toISOString());
		const afterAnHour = new Date(start.getTime() + HOUR);
		const later = await validateSessionToken(testDb.db, token, policy, afterAnHour);
		expect(later?.renewed).toBe(true);
		expect(later?.expiresAt.toISOString()).toBe(new Date(afterAnHour.getTime() + 30 * DAY).toISOString());
		expect(await lastVerified()).toBe(afterAnHour.toISOString());
	});

	it('ends at the absolute maximum age however active it is', async () => {
		const start = new Date('2026-03-01T10:00:00Z');
		const { token } = await createSession(testDb.db, userId, policy, start);
		for (let day = 20; day < 90; day += 20) {
			expect(await validateSessionToken(testDb.db, token, policy, new Date(start.getTime() + day * DAY))).not.toBeNull();
		}
		expect(await validateSessionToken(testDb.db, token, policy, new Date(start.getTime() + 90 * DAY))).toBeNull();
	});

	it('is gone after sign-out', async () => {
		const { token, session } = await createSession(testDb.db, userId, policy);
		await deleteSession(testDb.db, session.id);
		expect(await validateSessionToken(testDb.db, token, policy)).toBeNull();
	});

	it('gives every sign-in a new session id', async () => {
		const first = await createSession(testDb.db, userId, policy);
		const second = await createSession(testDb.db, userId, policy);
		expect(first.session.id).not.toBe(second.session.id);
	});
});
