import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { notify } from '$lib/server/services/notifications';
import { getOutboxMail, listOutbox, maskTokens } from '$lib/server/services/outbox';
import { MAX_ATTEMPTS, runMailWorkerOnce } from './worker';

let testDb: TestDatabase;
let admin: UserActor;
let reviewer: UserActor;
let client: UserActor;
const now = new Date('2026-12-01T10:00:00.000Z');
const token = 'abcdefghijkmnpqrstuvwxyz.23456789abcdefghijkmnpqr';

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	reviewer = await actor('reviewer.uwv@demo.regie.nl');
	client = await actor('client@demo.regie.nl');
});
afterAll(() => testDb.close());

describe('the admin’s outbox', () => {
	it('is for admins only', async () => {
		await expect(listOutbox(testDb.db, reviewer)).rejects.toBeInstanceOf(Forbidden);
		await expect(listOutbox(testDb.db, client)).rejects.toBeInstanceOf(Forbidden);
		await expect(getOutboxMail(testDb.db, reviewer, 'x')).rejects.toBeInstanceOf(Forbidden);
	});

	it('lists every mail newest first with its status; without SMTP nothing is sent and nothing fails', async () => {
		const db = testDb.db;
		await db.transaction().execute((trx) => notify(trx, [client.id], { event: 'plan_signed', trajectoryId: null, path: '/plan', params: { providerName: 'Loopbaanlicht' } }, now));
		await db.transaction().execute((trx) =>
			notify(trx, [reviewer.id], { event: 'plan_submitted', trajectoryId: null, path: '/beoordelen', params: { clientName: 'Sanne' } }, new Date(now.getTime() + 1000))
		);
		expect(await runMailWorkerOnce(db, null, now)).toEqual({ sent: 0, retried: 0, failed: 0, cancelled: 0 });
		const page = await listOutbox(db, admin);
		expect(page.smtpConfigured).toBe(false);
		expect(page.items.map((item) => [item.recipient, item.status])).toEqual([
			[reviewer.email, 'waiting'],
			[client.email, 'waiting']
		]);
		expect(page.counts).toEqual({ waiting: 2, sent: 0, failed: 0, cancelled: 0 });
		expect(page.maxAttempts).toBe(MAX_ATTEMPTS);

		// The states the worker leaves: given up, sent, cancelled.
		const [newest, older] = page.items;
		await db.updateTable('outbox').set({ attempts: MAX_ATTEMPTS, last_error: '451 busy', failed_at: now.toISOString() }).where('id', '=', newest!.id).execute();
		await db.updateTable('outbox').set({ sent_at: now.toISOString(), attempts: 1 }).where('id', '=', older!.id).execute();
		const after = await listOutbox(db, admin);
		expect(after.items.map((item) => [item.status, item.attempts, item.lastError])).toEqual([
			['failed', MAX_ATTEMPTS, '451 busy'],
			['sent', 1, null]
		]);
		expect(after.counts).toEqual({ waiting: 0, sent: 1, failed: 1, cancelled: 0 });
	});

	it('shows the body of one mail with token links masked', async () => {
		const id = crypto.randomUUID();
		await testDb.db
			.insertInto('outbox')
			.values({
				id,
				event: 'survey_invitation',
				recipient: client.email,
				user_id: client.id,
				language: 'nl',
				subject: 'Regie: Wat vond u van uw traject?',
				body: `Klik hier:\nhttp://localhost:3000/enquete/${token}\nDank u.`,
				created_at: new Date(now.getTime() + 5000).toISOString(),
				next_attempt_at: now.toISOString(),
				claimed_until: null,
				sent_at: null,
				last_error: null,
				cancelled_at: now.toISOString()
			})
			.execute();
		const mail = await getOutboxMail(testDb.db, admin, id);
		expect(mail.status).toBe('cancelled');
		expect(mail.body).toBe('Klik hier:\nhttp://localhost:3000/enquete/abcdefghijkmnpqrstuvwxyz.••••••\nDank u.');
		expect(mail.body).not.toContain('23456789abcdefghijkmnpqr');
		expect((await listOutbox(testDb.db, admin)).counts.cancelled).toBe(1);
		await expect(getOutboxMail(testDb.db, admin, 'no-such-mail')).rejects.toBeInstanceOf(NotFound);
	});

	it('masks every token of the form <id>.<secret>, nothing else', () => {
		expect(maskTokens(`a /uitnodiging/${token} b /enquete/${token}`)).toBe('a /uitnodiging/abcdefghijkmnpqrstuvwxyz.•••••• b /enquete/abcdefghijkmnpqrstuvwxyz.••••••');
		expect(maskTokens('Regie: het plan. http://localhost:3000/plan')).toBe('Regie: het plan. http://localhost:3000/plan');
	});
});
