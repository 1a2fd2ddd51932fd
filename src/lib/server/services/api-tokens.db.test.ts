import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { actorFromBearer, createApiToken, listApiTokens, MAX_ACTIVE_TOKENS, revokeApiToken } from './api-tokens';

let testDb: TestDatabase;
let researcher: UserActor;
let admin: UserActor;
let client: UserActor;
const DAY = 24 * 60 * 60 * 1000;
const t0 = new Date('2026-11-22T10:00:00.000Z');

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	researcher = await actor('researcher@demo.regie.nl');
	admin = await actor('admin@demo.regie.nl');
	client = await actor('client@demo.regie.nl');
});
afterAll(() => testDb.close());

describe('api tokens', () => {
	it('creates a token shown once and stores only a hash of its secret', async () => {
		const created = await createApiToken(testDb.db, researcher, { name: ' R-script ', lifetimeDays: 90 }, t0);
		expect(created.token).toMatch(/^[a-z2-9]{26}\.[a-z2-9]{26}$/);
		expect(created.summary).toMatchObject({ name: 'R-script', status: 'active', expiresAt: new Date(t0.getTime() + 90 * DAY).toISOString() });
		const row = await testDb.db.selectFrom('api_tokens').selectAll().where('id', '=', created.summary.id).executeTakeFirstOrThrow();
		const secret = created.token.split('.')[1]!;
		expect(row.secret_hash).not.toContain(secret);
		expect(JSON.stringify(await listApiTokens(testDb.db, researcher, t0))).not.toContain(secret);
		const audit = await testDb.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.summary.id).execute();
		expect(audit.map((entry) => entry.action)).toEqual(['api_token.create']);
	});

	it('refuses a bad name, a lifetime outside 30/90/365 and other roles', async () => {
		await expect(createApiToken(testDb.db, researcher, { name: '  ', lifetimeDays: 30 }, t0)).rejects.toBeInstanceOf(Invalid);
		await expect(createApiToken(testDb.db, researcher, { name: 'x', lifetimeDays: 7 }, t0)).rejects.toBeInstanceOf(Invalid);
		for (const other of [admin, client]) {
			await expect(createApiToken(testDb.db, other, { name: 'x', lifetimeDays: 30 }, t0)).rejects.toBeInstanceOf(Forbidden);
			await expect(listApiTokens(testDb.db, other)).rejects.toBeInstanceOf(Forbidden);
		}
		await expect(createApiToken(testDb.db, anonymous, { name: 'x', lifetimeDays: 30 }, t0)).rejects.toBeInstanceOf(Forbidden);
	});

	it('a bearer token gives the researcher actor and records its use at most hourly', async () => {
		const { token, summary } = await createApiToken(testDb.db, researcher, { name: 'use', lifetimeDays: 30 }, t0);
		const first = await actorFromBearer(testDb.db, `Bearer ${token}`, new Date(t0.getTime() + 1000));
		expect(first).toMatchObject({ ok: true, actor: { id: researcher.id, role: 'researcher' } });
		const lastUsed = async () => (await testDb.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', summary.id).executeTakeFirstOrThrow()).last_used_at;
		expect(await lastUsed()).toBe(new Date(t0.getTime() + 1000).toISOString());
		await actorFromBearer(testDb.db, `Bearer ${token}`, new Date(t0.getTime() + 30 * 60 * 1000));
		expect(await lastUsed()).toBe(new Date(t0.getTime() + 1000).toISOString());
		await actorFromBearer(testDb.db, `Bearer ${token}`, new Date(t0.getTime() + 2 * 60 * 60 * 1000));
		expect(await lastUsed()).toBe(new Date(t0.getTime() + 2 * 60 * 60 * 1000).toISOString());
	});

	it('refuses malformed, wrong, revoked and expired tokens with 401', async () => {
		const { token, summary } = await createApiToken(testDb.db, researcher, { name: 'short', lifetimeDays: 30 }, t0);
		const [id] = token.split('.');
		expect(await actorFromBearer(testDb.db, null, t0)).toMatchObject({ ok: false, status: 401, reason: 'malformed' });
		expect(await actorFromBearer(testDb.db, `Basic ${token}`, t0)).toMatchObject({ ok: false, status: 401 });
		expect(await actorFromBearer(testDb.db, `Bearer ${id}.${'a'.repeat(24)}`, t0)).toMatchObject({ ok: false, status: 401, reason: 'unknown' });
		expect(await actorFromBearer(testDb.db, `Bearer ${token}`, new Date(t0.getTime() + 30 * DAY))).toMatchObject({ ok: false, status: 401, reason: 'expired' });
		await revokeApiToken(testDb.db, researcher, summary.id, t0);
		await revokeApiToken(testDb.db, researcher, summary.id, t0);
		expect(await actorFromBearer(testDb.db, `Bearer ${token}`, t0)).toMatchObject({ ok: false, status: 401, reason: 'revoked' });
		const listed = (await listApiTokens(testDb.db, researcher, t0)).find((entry) => entry.id === summary.id);
		expect(listed?.status).toBe('revoked');
	});

	it('a token of someone who is no longer a researcher gives 403; nobody revokes another person\'s token', async () => {
		const { token, summary } = await createApiToken(testDb.db, researcher, { name: 'moved', lifetimeDays: 30 }, t0);
		const other = { ...researcher, id: admin.id };
		await expect(revokeApiToken(testDb.db, other, summary.id, t0)).rejects.toBeInstanceOf(NotFound);
		await testDb.db.updateTable('users').set({ role: 'admin' }).where('id', '=', researcher.id).execute();
		try {
			expect(await actorFromBearer(testDb.db, `Bearer ${token}`, t0)).toMatchObject({ ok: false, status: 403 });
		} finally {
			await testDb.db.updateTable('users').set({ role: 'researcher' }).where('id', '=', researcher.id).execute();
		}
	});

	it('allows at most ten active tokens', async () => {
		const active = (await listApiTokens(testDb.db, researcher, t0)).filter((entry) => entry.status === 'active').length;
		for (let i = active; i < MAX_ACTIVE_TOKENS; i++) await createApiToken(testDb.db, researcher, { name: `n${i}`, lifetimeDays: 30 }, t0);
		await expect(createApiToken(testDb.db, researcher, { name: 'one too many', lifetimeDays: 30 }, t0)).rejects.toMatchObject({ fields: { name: 'apitoken_error_too_many' } });
		// Expired ones do not count.
		const later = new Date(t0.getTime() + 31 * DAY);
		await expect(createApiToken(testDb.db, researcher, { name: 'later', lifetimeDays: 30 }, later)).resolves.toBeTruthy();
	});
});
