import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { anonymous, type UserActor } from '$lib/domain/actor';
import { Forbidden } from '$lib/domain/errors';
import { listNotifications, markAllRead, markRead, notify, NOTIFICATIONS_PER_PAGE, unreadCount } from './notifications';
import { rememberLanguage } from './own-account';

let testDb: TestDatabase;
let client: UserActor;
let provider: UserActor;
const now = new Date('2026-12-01T10:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	client = await actor('client@demo.regie.nl');
	provider = await actor('provider@demo.regie.nl');
	const db = testDb.db;
	await db.transaction().execute(async (trx) => {
		await notify(trx, [client.id, provider.id], { event: 'plan_signed', trajectoryId: null, path: '/plan', params: { providerName: 'Loopbaanlicht' } }, now);
		await notify(trx, [client.id], { event: 'deadline_reminder', trajectoryId: null, path: '/plan', params: { clientName: 'Sanne', date: '2026-12-03' } }, minutes(1));
		await notify(trx, [client.id], { event: 'plan_approved', trajectoryId: null, path: '//evil.example/x', params: { clientName: 'Sanne' } }, minutes(2));
	});
});
afterAll(() => testDb.close());

describe('the reader’s notifications', () => {
	it('counts the unread ones of the reader only', async () => {
		expect(await unreadCount(testDb.db, client)).toBe(3);
		expect(await unreadCount(testDb.db, provider)).toBe(1);
		await expect(unreadCount(testDb.db, anonymous)).rejects.toBeInstanceOf(Forbidden);
	});

	it('lists them newest first, in the reader’s current language, with the date written out', async () => {
		const nl = await listNotifications(testDb.db, client, 'nl');
		expect(nl.items.map((item) => item.text)).toEqual([
			'Het plan van Sanne is goedgekeurd. Het traject kan beginnen.',
			'Het plan van Sanne moet uiterlijk 3 december 2026 ingediend zijn.',
			'Loopbaanlicht heeft het plan ondertekend. U kunt het plan nu indienen.'
		]);
		expect(nl).toMatchObject({ total: 3, unread: 3, page: 1, pageCount: 1 });
		const en = await listNotifications(testDb.db, client, 'en');
		expect(en.items[1]!.text).toBe('The plan of Sanne must be submitted by 3 December 2026.');
		expect(en.items[1]).toMatchObject({ path: '/plan', read: false, createdAt: minutes(1).toISOString() });
	});

	it('never links outside the portal', async () => {
		const list = await listNotifications(testDb.db, client, 'nl');
		expect(list.items[0]!.path).toBeNull();
	});

	it('marks one read, only the reader’s own', async () => {
		const [mine] = (await listNotifications(testDb.db, client, 'nl')).items;
		const theirs = (await listNotifications(testDb.db, provider, 'nl')).items[0]!;
		expect(await markRead(testDb.db, provider, mine!.id, now)).toBe(false);
		expect(await unreadCount(testDb.db, client)).toBe(3);
		expect(await markRead(testDb.db, client, mine!.id, now)).toBe(true);
		expect(await markRead(testDb.db, client, mine!.id, now)).toBe(false);
		expect(await unreadCount(testDb.db, client)).toBe(2);
		expect((await listNotifications(testDb.db, client, 'nl')).items[0]!.read).toBe(true);
		expect(await markRead(testDb.db, client, theirs.id, now)).toBe(false);
		expect(await unreadCount(testDb.db, provider)).toBe(1);
	});

	it('marks all of the reader’s notifications read, no one else’s', async () => {
		expect(await markAllRead(testDb.db, client, now)).toBe(2);
		expect(await unreadCount(testDb.db, client)).toBe(0);
		expect(await unreadCount(testDb.db, provider)).toBe(1);
		expect(await markAllRead(testDb.db, client, now)).toBe(0);
		await expect(markAllRead(testDb.db, anonymous)).rejects.toBeInstanceOf(Forbidden);
	});

	it('pages a long list', async () => {
		await testDb.db.transaction().execute(async (trx) => {
			for (let i = 0; i < NOTIFICATIONS_PER_PAGE; i++)
				await notify(trx, [provider.id], { event: 'plan_submitted', trajectoryId: null, path: '/aanbieder', params: { clientName: `C${i}` } }, minutes(10 + i));
		});
		const first = await listNotifications(testDb.db, provider, 'nl', 1);
		const second = await listNotifications(testDb.db, provider, 'nl', 2);
		expect(first).toMatchObject({ total: NOTIFICATIONS_PER_PAGE + 1, pageCount: 2 });
		expect(first.items).toHaveLength(NOTIFICATIONS_PER_PAGE);
		expect(first.items[0]!.text).toContain(`C${NOTIFICATIONS_PER_PAGE - 1}`);
		expect(second.items.map((item) => item.text)).toEqual(['Loopbaanlicht heeft het plan ondertekend. U kunt het plan nu indienen.']);
		expect((await listNotifications(testDb.db, provider, 'nl', 99)).page).toBe(2);
	});
});

describe('the language of later mails', () => {
	it('is the language the person last chose', async () => {
		await rememberLanguage(testDb.db, client, 'en');
		await testDb.db.transaction().execute((trx) => notify(trx, [client.id], { event: 'plan_approved', trajectoryId: null, path: '/plan', params: { clientName: 'Sanne' } }, minutes(100)));
		const mail = await testDb.db.selectFrom('outbox').select(['language', 'subject']).where('created_at', '=', minutes(100).toISOString()).executeTakeFirstOrThrow();
		expect(mail).toEqual({ language: 'en', subject: 'Regie: The plan of Sanne has been approved. The trajectory can start.' });
		await rememberLanguage(testDb.db, client, 'nl');
		const row = await testDb.db.selectFrom('users').select('language').where('id', '=', client.id).executeTakeFirstOrThrow();
		expect(row.language).toBe('nl');
		await expect(rememberLanguage(testDb.db, anonymous, 'en')).rejects.toBeInstanceOf(Forbidden);
	});
});
