import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { DEMO_PROVIDER_ID } from '$lib/server/demo/seed';
import { notify, partiesOf, portalOrigin } from '$lib/server/services/notifications';
import { chooseProvider } from '$lib/server/services/trajectories';
import { createInvitation } from '$lib/server/services/survey-invitations';
import { queueSurveyInvitationMail } from '$lib/server/services/survey-mail';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server';
import { smtpTransport, type MailTransport } from './transport';
import { backoffMs, CLAIM_MS, MAX_ATTEMPTS, runMailWorkerOnce } from './worker';

let testDb: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let client: UserActor;
let trajectoryId: string;
const now = new Date('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	client = await actor('client@demo.regie.nl');
	const code = (await testDb.db.selectFrom('providers').select('code').where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow()).code;
	trajectoryId = (await chooseProvider(testDb.db, client, code)).trajectoryId;
	smtp = await startTestSmtpServer();
	transport = smtpTransport(smtp.url, 'Regie <noreply@regie.test>');
});
afterAll(async () => {
	transport.close();
	await smtp.close();
	await testDb.close();
});
afterEach(async () => {
	// Each test starts with an empty outbox and mailbox.
	await testDb.db.deleteFrom('outbox').execute();
	await testDb.db.deleteFrom('notifications').execute();
	smtp.received.length = 0;
	smtp.rejecting = false;
});

const approved = { event: 'plan_approved' as const, trajectoryId: null as string | null, path: '/plan', params: { clientName: 'Sanne de Vries' } };

describe('a decision mailed over a real SMTP server', () => {
	it('delivers exactly one mail to the recipient with subject and link, also when the worker runs twice', async () => {
		await testDb.db.transaction().execute((trx) => notify(trx, [client.id], { ...approved, trajectoryId }, now));
		expect(await runMailWorkerOnce(testDb.db, transport, now)).toEqual({ sent: 1, retried: 0, failed: 0, cancelled: 0 });
		expect(await runMailWorkerOnce(testDb.db, transport, at(CLAIM_MS + 1))).toEqual({ sent: 0, retried: 0, failed: 0, cancelled: 0 });
		expect(smtp.received).toHaveLength(1);
		const [mail] = smtp.received;
		expect(mail!.to).toEqual([client.email]);
		expect(mail!.subject).toBe('Regie: Het plan van Sanne de Vries is goedgekeurd. Het traject kan beginnen.');
		expect(mail!.text).toContain(`${portalOrigin()}/plan`);
		expect(mail!.text).toContain('Beste lezer,');
		const row = await testDb.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ sent_at: now.toISOString(), claimed_until: null, last_error: null, recipient: client.email });
		expect(Number(row.attempts)).toBe(1);
	});

	it('writes the mail in the recipient’s language, not the sender’s', async () => {
		await testDb.db.updateTable('users').set({ language: 'en' }).where('id', '=', client.id).execute();
		try {
			await testDb.db.transaction().execute((trx) => notify(trx, [client.id], approved, now));
			await runMailWorkerOnce(testDb.db, transport, now);
			expect(smtp.received.map((mail) => mail.subject)).toEqual(['Regie: The plan of Sanne de Vries has been approved. The trajectory can start.']);
		} finally {
			await testDb.db.updateTable('users').set({ language: null }).where('id', '=', client.id).execute();
		}
	});

	it('mails every party of a trajectory once', async () => {
		const parties = await partiesOf(testDb.db, trajectoryId);
		await testDb.db.transaction().execute((trx) => notify(trx, [parties.clientId, ...parties.providerStaffIds, parties.clientId], { ...approved, trajectoryId }, now));
		await runMailWorkerOnce(testDb.db, transport, now);
		const emails = await testDb.db.selectFrom('users').select('email').where('id', 'in', [parties.clientId, ...parties.providerStaffIds]).execute();
		expect(smtp.received.flatMap((mail) => mail.to).sort()).toEqual(emails.map((row) => row.email).sort());
	});
});

describe('outbox atomicity', () => {
	it('a transaction that notifies and then fails leaves no notification and no mail', async () => {
		await expect(
			testDb.db.transaction().execute(async (trx) => {
				await notify(trx, [client.id], approved, now);
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await testDb.db.selectFrom('outbox').select('id').execute()).toEqual([]);
		expect(await testDb.db.selectFrom('notifications').select('id').execute()).toEqual([]);
		await runMailWorkerOnce(testDb.db, transport, now);
		expect(smtp.received).toEqual([]);
	});
});

describe('a refusing SMTP server', () => {
	it('is retried with growing waits, never marked sent, and given up after the last attempt', async () => {
		smtp.rejecting = true;
		await testDb.db.transaction().execute((trx) => notify(trx, [client.id], approved, now));
		expect(await runMailWorkerOnce(testDb.db, transport, now)).toMatchObject({ sent: 0, retried: 1 });
		let row = await testDb.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
		expect(row.sent_at).toBeNull();
		expect(Number(row.attempts)).toBe(1);
		expect(row.last_error).toMatch(/451|temporarily/i);
		expect(row.next_attempt_at).toBe(at(60_000).toISOString());
		expect(row.claimed_until).toBeNull();

		// Not due yet: nothing happens.
		expect(await runMailWorkerOnce(testDb.db, transport, at(59_000))).toMatchObject({ retried: 0 });
		// Due: the second attempt, then a wait of two minutes.
		let clock = at(60_000);
		expect(await runMailWorkerOnce(testDb.db, transport, clock)).toMatchObject({ retried: 1 });
		row = await testDb.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
		expect(row.next_attempt_at).toBe(new Date(clock.getTime() + 2 * 60_000).toISOString());

		for (let attempt = 3; attempt <= MAX_ATTEMPTS; attempt++) {
			clock = new Date(clock.getTime() + backoffMs(attempt - 1));
			await runMailWorkerOnce(testDb.db, transport, clock);
		}
		row = await testDb.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
		expect(Number(row.attempts)).toBe(MAX_ATTEMPTS);
		expect(row.failed_at).toBe(clock.toISOString());
		expect(row.sent_at).toBeNull();
		// Given up: the server answers again, but the failed mail is left for the admin.
		smtp.rejecting = false;
		expect(await runMailWorkerOnce(testDb.db, transport, at(30 * DAY_MS))).toMatchObject({ sent: 0 });
		expect(smtp.received).toEqual([]);
	});

	it('backs off 1, 2, 4 … minutes, at most an hour', () => {
		expect([1, 2, 3, 4, 7, 8, 20].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60, 60]);
	});

	it('sends a mail that failed once when the server takes it again', async () => {
		smtp.rejecting = true;
		await testDb.db.transaction().execute((trx) => notify(trx, [client.id], approved, now));
		await runMailWorkerOnce(testDb.db, transport, now);
		smtp.rejecting = false;
		expect(await runMailWorkerOnce(testDb.db, transport, at(60_000))).toMatchObject({ sent: 1 });
		const row = await testDb.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ last_error: null, sent_at: at(60_000).toISOString() });
		expect(smtp.received).toHaveLength(1);
	});
});

describe('claiming', () => {
	it('two workers at once deliver every mail exactly once', async () => {
		const recipients = await testDb.db.selectFrom('users').select('id').orderBy('id').limit(6).execute();
		await testDb.db.transaction().execute((trx) =>
			notify(
				trx,
				recipients.map((row) => row.id),
				approved,
				now
			)
		);
		// A slow transport, so that the two workers overlap while sending.
		const slow: MailTransport = {
			send: async (mail) => {
				await new Promise((resolve) => setTimeout(resolve, 20));
				await transport.send(mail);
			},
			close() {}
		};
		const runs = await Promise.all([runMailWorkerOnce(testDb.db, slow, now), runMailWorkerOnce(testDb.db, slow, now)]);
		expect(runs[0]!.sent + runs[1]!.sent).toBe(6);
		expect(smtp.received).toHaveLength(6);
		expect(new Set(smtp.received.flatMap((mail) => mail.to)).size).toBe(6);
	});

	it('leaves a mail claimed by another worker alone until the claim runs out', async () => {
		await testDb.db.transaction().execute((trx) => notify(trx, [client.id], approved, now));
		await testDb.db.updateTable('outbox').set({ claimed_until: at(CLAIM_MS).toISOString() }).execute();
		expect(await runMailWorkerOnce(testDb.db, transport, now)).toMatchObject({ sent: 0 });
		// That worker crashed before the server accepted: after the claim the mail goes out.
		expect(await runMailWorkerOnce(testDb.db, transport, at(CLAIM_MS))).toMatchObject({ sent: 1 });
		expect(smtp.received).toHaveLength(1);
	});
});

describe('without SMTP configured', () => {
	it('keeps mails waiting in the outbox; nothing fails', async () => {
		await testDb.db.transaction().execute((trx) => notify(trx, [client.id], approved, now));
		expect(await runMailWorkerOnce(testDb.db, null, now)).toEqual({ sent: 0, retried: 0, failed: 0, cancelled: 0 });
		const row = await testDb.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ sent_at: null, failed_at: null, claimed_until: null, last_error: null });
		expect(Number(row.attempts)).toBe(0);
	});
});

describe('the survey invitation and its reminder', () => {
	let wave = 0;
	async function invite(when = now) {
		wave++;
		return testDb.db.transaction().execute(async (trx) => {
			const invitation = (await createInvitation(trx, trajectoryId, `test-${wave}`, when))!;
			await queueSurveyInvitationMail(trx, { clientId: client.id, invitationPath: invitation.path, expiresAt: invitation.expiresAt }, when);
			return invitation;
		});
	}

	beforeAll(async () => {
		await testDb.db.updateTable('trajectories').set({ status: 'completed', ended_at: now.toISOString(), placed: 1 }).where('id', '=', trajectoryId).execute();
	});

	it('mails the token link at once, with how long it takes and until when it works, and notifies the client in the portal', async () => {
		const invitation = await invite();
		expect(await runMailWorkerOnce(testDb.db, transport, now)).toMatchObject({ sent: 1, cancelled: 0 });
		expect(smtp.received).toHaveLength(1);
		const [mail] = smtp.received;
		expect(mail!.to).toEqual([client.email]);
		expect(mail!.subject).toBe('Regie: Wat vond u van uw traject?');
		expect(mail!.text).toContain(`${portalOrigin()}${invitation.path}`);
		expect(mail!.text).toContain('een paar minuten');
		expect(mail!.text).toContain('U hoeft niet in te loggen');
		expect(mail!.text).toContain('De link werkt tot 30 januari 2027.');
		const notification = await testDb.db.selectFrom('notifications').selectAll().where('user_id', '=', client.id).executeTakeFirstOrThrow();
		expect(notification.event).toBe('survey_invitation');
		expect(JSON.parse(notification.params)).toEqual({ date: invitation.expiresAt, path: '/enquete' });
		expect(notification.params).not.toContain(invitation.token);
	});

	it('sends the reminder after 7 days when the survey is still not completed', async () => {
		const invitation = await invite();
		await runMailWorkerOnce(testDb.db, transport, now);
		expect(await runMailWorkerOnce(testDb.db, transport, at(7 * DAY_MS - 1000))).toMatchObject({ sent: 0 });
		expect(await runMailWorkerOnce(testDb.db, transport, at(7 * DAY_MS))).toMatchObject({ sent: 1 });
		expect(smtp.received.map((mail) => mail.subject)).toEqual(['Regie: Wat vond u van uw traject?', 'Regie: Herinnering: wat vond u van uw traject?']);
		expect(smtp.received[1]!.text).toContain(`${portalOrigin()}${invitation.path}`);
		const row = await testDb.db.selectFrom('survey_invitations').select('reminded_at').where('id', '=', invitation.invitationId).executeTakeFirstOrThrow();
		expect(row.reminded_at).toBe(at(7 * DAY_MS).toISOString());
		expect(await runMailWorkerOnce(testDb.db, transport, at(30 * DAY_MS))).toMatchObject({ sent: 0 });
		expect(smtp.received).toHaveLength(2);
	});

	it('cancels the reminder, never sending it, when the survey was completed in the meantime', async () => {
		const invitation = await invite();
		await runMailWorkerOnce(testDb.db, transport, now);
		await testDb.db.updateTable('survey_invitations').set({ completed_at: at(DAY_MS).toISOString() }).where('id', '=', invitation.invitationId).execute();
		expect(await runMailWorkerOnce(testDb.db, transport, at(7 * DAY_MS))).toMatchObject({ sent: 0, cancelled: 1 });
		expect(await runMailWorkerOnce(testDb.db, transport, at(8 * DAY_MS))).toMatchObject({ sent: 0, cancelled: 0 });
		expect(smtp.received).toHaveLength(1);
		const reminder = await testDb.db.selectFrom('outbox').selectAll().where('event', '=', 'survey_reminder').executeTakeFirstOrThrow();
		expect(reminder).toMatchObject({ sent_at: null, cancelled_at: at(7 * DAY_MS).toISOString() });
	});

	it('cancels the reminder of an expired invitation, also without SMTP', async () => {
		const invitation = await invite();
		await testDb.db.updateTable('survey_invitations').set({ expires_at: at(3 * DAY_MS).toISOString() }).where('id', '=', invitation.invitationId).execute();
		expect(await runMailWorkerOnce(testDb.db, null, at(7 * DAY_MS))).toMatchObject({ sent: 0, cancelled: 2 });
		expect(smtp.received).toEqual([]);
	});

	it('writes an English client’s mail and date in English', async () => {
		await testDb.db.updateTable('users').set({ language: 'en' }).where('id', '=', client.id).execute();
		try {
			await invite();
			await runMailWorkerOnce(testDb.db, transport, now);
			expect(smtp.received[0]!.subject).toBe('Regie: What did you think of your trajectory?');
			expect(smtp.received[0]!.text).toContain('The link works until 30 January 2027.');
			expect(smtp.received[0]!.text).toContain('a few minutes');
		} finally {
			await testDb.db.updateTable('users').set({ language: null }).where('id', '=', client.id).execute();
		}
	});
});
