import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { anonymous, type UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { createAccountSchema } from '$lib/schemas/accounts';
import { DEMO_PROVIDER_ID, ORG_GEMEENTE_UTRECHT_ID, ORG_GEMEENTE_ZWOLLE_ID, ORG_UWV_ID } from '$lib/server/demo/seed';
import { newSecretToken } from '$lib/server/auth/secret-token';
import { createAccount, listAccounts, reissueInvitation } from './accounts';
import { acceptInvitation, openInvitation } from './invitations';

const options = { invitationValidDays: 14 };
let testDb: TestDatabase;
let admin: UserActor;
let reviewerUwv: UserActor;
let reviewerZwolle: UserActor;
let client: UserActor;
let provider: UserActor;
let researcher: UserActor;

const tokenOf = (path: string) => path.replace('/uitnodiging/', '');
const input = (fields: Record<string, unknown>) => createAccountSchema.parse(fields);
let counter = 0;
const uniqueEmail = () => `person${++counter}@example.nl`;

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	reviewerUwv = await actor('reviewer.uwv@demo.regie.nl');
	reviewerZwolle = await actor('reviewer.gemeente@demo.regie.nl');
	client = await actor('client@demo.regie.nl');
	provider = await actor('provider@demo.regie.nl');
	researcher = await actor('researcher@demo.regie.nl');
});
afterAll(() => testDb.close());

describe('createAccount', () => {
	it('lets an admin create a client with an invitation link valid for 14 days, audit-logged', async () => {
		const email = uniqueEmail();
		const before = Date.now();
		const { userId, invitation } = await createAccount(
			testDb.db,
			admin,
			input({ role: 'client', displayName: 'Fatma Yilmaz', email, benefitType: 'WIA', organisationId: ORG_UWV_ID, region: 'utrecht' }),
			options
		);
		expect(invitation.path).toMatch(/^\/uitnodiging\/[a-z2-9]{26}\.[a-z2-9]{26}$/);
		const days = (Date.parse(invitation.expiresAt) - before) / 86_400_000;
		expect(days).toBeGreaterThan(13.99);
		expect(days).toBeLessThan(14.01);
		const user = await testDb.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
		expect(user).toMatchObject({ email, role: 'client', organisation_id: ORG_UWV_ID, benefit_type: 'WIA', password_hash: null, activated_at: null });
		const audit = await testDb.db.selectFrom('audit_log').select('action').where('entity_id', '=', userId).execute();
		expect(audit.map((entry) => entry.action).sort()).toEqual(['account.created', 'invitation.created']);
	});

	it('lets an admin create provider staff and reviewers', async () => {
		const staff = await createAccount(testDb.db, admin, input({ role: 'provider', displayName: 'Anna Smit', email: uniqueEmail(), providerId: DEMO_PROVIDER_ID }), options);
		const reviewer = await createAccount(testDb.db, admin, input({ role: 'reviewer', displayName: 'Kees Jansen', email: uniqueEmail(), organisationId: ORG_GEMEENTE_UTRECHT_ID }), options);
		const rows = await testDb.db.selectFrom('users').select(['id', 'provider_id', 'organisation_id']).where('id', 'in', [staff.userId, reviewer.userId]).execute();
		expect(rows.find((row) => row.id === staff.userId)).toMatchObject({ provider_id: DEMO_PROVIDER_ID, organisation_id: null });
		expect(rows.find((row) => row.id === reviewer.userId)).toMatchObject({ provider_id: null, organisation_id: ORG_GEMEENTE_UTRECHT_ID });
	});

	it('makes a reviewer create only clients of their own organisation, whatever the form says', async () => {
		const { userId } = await createAccount(
			testDb.db,
			reviewerZwolle,
			input({ role: 'admin', displayName: 'Jan de Boer', email: uniqueEmail(), benefitType: 'bijstand', organisationId: ORG_UWV_ID, region: 'overijssel' }),
			options
		);
		const user = await testDb.db.selectFrom('users').select(['role', 'organisation_id']).where('id', '=', userId).executeTakeFirstOrThrow();
		expect(user).toEqual({ role: 'client', organisation_id: ORG_GEMEENTE_ZWOLLE_ID });
	});

	it('refuses a benefit that the organisation does not pay', async () => {
		await expect(
			createAccount(testDb.db, reviewerZwolle, input({ role: 'client', displayName: 'Piet Post', email: uniqueEmail(), benefitType: 'WW', organisationId: ORG_GEMEENTE_ZWOLLE_ID, region: 'overijssel' }), options)
		).rejects.toEqual(new Invalid({ benefitType: 'error_benefit_organisation_mismatch' }));
	});

	it('refuses an e-mail address that is taken, in any case, and stores nothing', async () => {
		const count = async () => Number((await testDb.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
		const before = await count();
		await expect(
			createAccount(testDb.db, admin, input({ role: 'researcher', displayName: 'Dubbel', email: 'CLIENT@demo.regie.nl' }), options)
		).rejects.toBeInstanceOf(Invalid);
		expect(await count()).toBe(before);
	});

	it('refuses clients, provider staff, researchers and visitors', async () => {
		const fields = input({ role: 'client', displayName: 'Iemand', email: uniqueEmail(), benefitType: 'WW', organisationId: ORG_UWV_ID, region: 'utrecht' });
		for (const actor of [client, provider, researcher, anonymous]) {
			await expect(createAccount(testDb.db, actor, fields, options)).rejects.toBeInstanceOf(Forbidden);
		}
	});
});

describe('listAccounts', () => {
	it('shows a reviewer only the clients of their own organisation', async () => {
		const uwv = await listAccounts(testDb.db, reviewerUwv);
		const zwolle = await listAccounts(testDb.db, reviewerZwolle);
		expect(uwv.length).toBeGreaterThan(0);
		expect(uwv.every((account) => account.role === 'client' && account.organisationName === 'UWV')).toBe(true);
		expect(zwolle.every((account) => account.role === 'client' && account.organisationName === 'Gemeente Zwolle')).toBe(true);
		expect(uwv.map((account) => account.email)).not.toContain('client2@demo.regie.nl');
		expect(zwolle.map((account) => account.email)).toContain('client2@demo.regie.nl');
	});

	it('shows an admin everybody, filtered by role on request', async () => {
		const all = await listAccounts(testDb.db, admin);
		expect(new Set(all.map((account) => account.role))).toEqual(new Set(['client', 'provider', 'reviewer', 'researcher', 'admin']));
		const researchers = await listAccounts(testDb.db, admin, { role: 'researcher' });
		expect(researchers.every((account) => account.role === 'researcher')).toBe(true);
	});

	it('refuses everybody else', async () => {
		for (const actor of [client, provider, researcher, anonymous]) await expect(listAccounts(testDb.db, actor)).rejects.toBeInstanceOf(Forbidden);
	});
});

describe('invitations', () => {
	async function newClient(by: UserActor = admin) {
		return createAccount(
			testDb.db,
			by,
			input({ role: 'client', displayName: 'Nieuwe Cliënt', email: uniqueEmail(), benefitType: 'WW', organisationId: ORG_UWV_ID, region: 'utrecht' }),
			options
		);
	}

	it('sets the password once; the link then reads as used', async () => {
		const { userId, invitation } = await newClient();
		const token = tokenOf(invitation.path);
		expect((await openInvitation(testDb.db, token)).status).toBe('valid');
		expect(await acceptInvitation(testDb.db, token, 'fiets tulp wolk')).toEqual({ ok: true, userId });
		expect((await openInvitation(testDb.db, token)).status).toBe('used');
		expect(await acceptInvitation(testDb.db, token, 'ander wachtwoord 2')).toEqual({ ok: false, state: { status: 'used' } });
		const user = await testDb.db.selectFrom('users').select(['password_hash', 'activated_at']).where('id', '=', userId).executeTakeFirstOrThrow();
		expect(user.password_hash).toMatch(/^\$argon2id\$/);
		expect(user.activated_at).not.toBeNull();
	});

	it('activates an account once when two tabs submit at the same time', async () => {
		const { userId, invitation } = await newClient();
		const token = tokenOf(invitation.path);
		const results = await Promise.all([acceptInvitation(testDb.db, token, 'eerste wachtwoord 1'), acceptInvitation(testDb.db, token, 'tweede wachtwoord 2')]);
		expect(results.filter((result) => result.ok)).toHaveLength(1);
		expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, state: { status: 'used' } }]);
		const uses = await testDb.db.selectFrom('audit_log').select('id').where('action', '=', 'invitation.used').where('entity_id', '=', userId).execute();
		expect(uses).toHaveLength(1);
	});

	it('stops working after 14 days', async () => {
		const { invitation } = await newClient();
		const token = tokenOf(invitation.path);
		const after = new Date(Date.parse(invitation.expiresAt) + 1000);
		expect((await openInvitation(testDb.db, token, after)).status).toBe('expired');
		expect(await acceptInvitation(testDb.db, token, 'te laat wachtwoord', after)).toEqual({ ok: false, state: { status: 'expired' } });
	});

	it('does not know forged or malformed links', async () => {
		const { invitation } = await newClient();
		const [id] = tokenOf(invitation.path).split('.');
		expect((await openInvitation(testDb.db, `${id}.${'b'.repeat(24)}`)).status).toBe('unknown');
		expect((await openInvitation(testDb.db, 'nonsense')).status).toBe('unknown');
	});

	it('replaces an unused link with a new one; the old one stops working', async () => {
		const { userId, invitation } = await newClient(reviewerUwv);
		const fresh = await reissueInvitation(testDb.db, reviewerUwv, userId, options);
		expect(fresh.displayName).toBe('Nieuwe Cliënt');
		expect((await openInvitation(testDb.db, tokenOf(invitation.path))).status).toBe('unknown');
		expect((await openInvitation(testDb.db, tokenOf(fresh.path))).status).toBe('valid');
	});

	it('makes no link for an account in use, which a link would let its holder take over', async () => {
		const { userId, invitation } = await newClient(reviewerUwv);
		expect(await acceptInvitation(testDb.db, tokenOf(invitation.path), 'fiets tulp wolk')).toEqual({ ok: true, userId });
		await expect(reissueInvitation(testDb.db, reviewerUwv, userId, options)).rejects.toEqual(new Invalid({ userId: 'accounts_error_already_active' }));
		await expect(reissueInvitation(testDb.db, admin, userId, options)).rejects.toBeInstanceOf(Invalid);
		// A link that still exists from before (made by an older version) sets no password either.
		const stale = newSecretToken();
		await testDb.db
			.insertInto('account_invitations')
			.values({ id: stale.id, user_id: userId, secret_hash: stale.secretHash, created_by: admin.id, created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 86_400_000).toISOString(), used_at: null })
			.execute();
		const before = await testDb.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
		expect(await acceptInvitation(testDb.db, stale.token, 'overname wachtwoord')).toEqual({ ok: false, state: { status: 'used' } });
		expect(await testDb.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).toEqual(before);
	});

	it("hides other organisations' clients from a reviewer asking for a new link", async () => {
		const { userId } = await newClient(reviewerUwv);
		await expect(reissueInvitation(testDb.db, reviewerZwolle, userId, options)).rejects.toBeInstanceOf(NotFound);
		await expect(reissueInvitation(testDb.db, client, userId, options)).rejects.toBeInstanceOf(NotFound);
	});
});
