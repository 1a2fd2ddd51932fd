import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { DEMO_PASSWORD, demoUserId, seedDemo } from '$lib/server/demo/seed';
import { checkCredentials } from './sign-in';

const policy = { maxFailures: 5, windowMinutes: 15 };
let testDb: TestDatabase;

beforeAll(async () => {
	testDb = await freshDatabase();
	await seedDemo(testDb.db);
});
afterAll(() => testDb.close());

describe('checkCredentials', () => {
	it('accepts the right password whatever the case of the address, and logs the sign-in', async () => {
		const result = await checkCredentials(testDb.db, { email: ' Admin@Demo.Regie.nl ', password: DEMO_PASSWORD, ip: '10.0.0.1' }, policy);
		expect(result).toEqual({ ok: true, userId: demoUserId('admin@demo.regie.nl'), role: 'admin' });
		const audit = await testDb.db.selectFrom('audit_log').selectAll().where('action', '=', 'session.signed_in').execute();
		expect(audit.map((entry) => entry.actor_id)).toContain(demoUserId('admin@demo.regie.nl'));
	});

	it('answers an unknown address exactly like a wrong password', async () => {
		const unknown = await checkCredentials(testDb.db, { email: 'nobody@demo.regie.nl', password: DEMO_PASSWORD, ip: '10.0.0.2' }, policy);
		const wrong = await checkCredentials(testDb.db, { email: 'client@demo.regie.nl', password: 'not-the-password', ip: '10.0.0.3' }, policy);
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual(unknown);
	});

	it('throttles an account after 5 failures, from any address, even with the right password', async () => {
		const email = 'researcher@demo.regie.nl';
		for (let attempt = 0; attempt < 5; attempt++) {
			const result = await checkCredentials(testDb.db, { email, password: `wrong-${attempt}`, ip: `10.1.0.${attempt}` }, policy);
			expect(result).toEqual({ ok: false, reason: 'invalid' });
		}
		const blocked = await checkCredentials(testDb.db, { email, password: DEMO_PASSWORD, ip: '10.1.0.99' }, policy);
		expect(blocked).toEqual({ ok: false, reason: 'throttled' });
	});

	it('throttles an address after 5 failures, for every account', async () => {
		const ip = '10.2.0.1';
		for (let attempt = 0; attempt < 5; attempt++) {
			await checkCredentials(testDb.db, { email: `guess${attempt}@demo.regie.nl`, password: 'x', ip }, policy);
		}
		const blocked = await checkCredentials(testDb.db, { email: 'reviewer.uwv@demo.regie.nl', password: DEMO_PASSWORD, ip }, policy);
		expect(blocked).toEqual({ ok: false, reason: 'throttled' });
		// Another address is not affected.
		const other = await checkCredentials(testDb.db, { email: 'reviewer.uwv@demo.regie.nl', password: DEMO_PASSWORD, ip: '10.2.0.2' }, policy);
		expect(other.ok).toBe(true);
	});

	it('throttles unknown addresses too, so throttling reveals nothing', async () => {
		for (let attempt = 0; attempt < 5; attempt++) {
			await checkCredentials(testDb.db, { email: 'ghost@demo.regie.nl', password: 'x', ip: `10.3.0.${attempt}` }, policy);
		}
		expect(await checkCredentials(testDb.db, { email: 'ghost@demo.regie.nl', password: 'x', ip: '10.3.0.9' }, policy)).toEqual({
			ok: false,
			reason: 'throttled'
		});
	});

	it('forgets failures after the window', async () => {
		const email = 'reviewer.utrecht@demo.regie.nl';
		const longAgo = new Date(Date.now() - 16 * 60_000).toISOString();
		await testDb.db
			.insertInto('sign_in_failures')
			.values(Array.from({ length: 5 }, () => ({ id: crypto.randomUUID(), throttle_key: `account:${email}`, failed_at: longAgo })))
			.execute();
		expect((await checkCredentials(testDb.db, { email, password: DEMO_PASSWORD, ip: '10.4.0.1' }, policy)).ok).toBe(true);
	});
});
