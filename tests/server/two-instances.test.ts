import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { DEMO_PASSWORD, demoAccounts, demoUserId, ORG_GEMEENTE_ZWOLLE_ID } from '$lib/server/demo/seed';
import { startTestSmtpServer, type TestSmtpServer } from '$lib/server/mail/smtp-test-server';
import { rulesOf } from '$lib/server/services/organisation-rules';
import { loadActor } from '$lib/server/services/sign-in';
import { queueSurveyInvitationMail } from '$lib/server/services/survey-mail';
import { chooseProvider } from '$lib/server/services/trajectories';
import { t } from '../e2e/support/messages';
import { serverWorkspace, signIn, type RunningServer, type ServerWorkspace } from '../support/built-server';
import { connect, sessionCookie } from '../support/server-data';
import { testEngine } from '../support/test-database';
import { inviteEndedClients, postForm, type FormAnswer } from '../support/survey-respondents';

// Issue 7: two instances of the built server on one PostgreSQL database are one portal. A session
// made on one works on the other, sign-out on one ends it on both, sign-in throttling counts across
// both, a whole plan journey alternates between them, and both background workers (deadline
// reminders, survey reminders, the outbox) run against a real SMTP server: every mail goes out
// exactly once. SQLite is the single-process set-up: nothing to test here.

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_FAILURES = 4;
const SURVEYS = 12;
const COMPLETED_SURVEYS = 3;

describe.skipIf(testEngine !== 'postgres')('two instances on one PostgreSQL database', () => {
	let ws: ServerWorkspace;
	let smtp: TestSmtpServer;
	let a: RunningServer;
	let b: RunningServer;
	let db: Db;

	beforeAll(async () => {
		smtp = await startTestSmtpServer();
		// A slow mail server: a worker's pass takes longer than the other's interval, so they overlap.
		smtp.delayMs = 40;
		ws = await serverWorkspace('regie-two');
		const env = (name: string) => ({
			SMTP_URL: smtp.url,
			MAIL_FROM: `Regie ${name} <${name}@regie.test>`,
			MAIL_WORKER_INTERVAL_SECONDS: '1',
			SIGN_IN_MAX_FAILURES: String(MAX_FAILURES)
		});
		// Both at once on an empty database: both migrate and load the demo data at the same time.
		const started = await Promise.allSettled([ws.start({ env: env('a') }), ws.start({ env: env('b') })]);
		[a, b] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined)) as [RunningServer, RunningServer];
		for (const result of started) if (result.status === 'rejected') throw result.reason;
		db = connect(ws.database);
	});

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await db?.destroy();
		await ws?.cleanUp();
		await smtp?.close();
	});

	const get = (server: RunningServer, path: string, cookie?: string) =>
		fetch(server.origin + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' });
	const post = (server: RunningServer, path: string, fields: Record<string, string>, cookie?: string) => postForm(server.origin, path, fields, { cookie });

	async function page(server: RunningServer, path: string, cookie: string): Promise<string> {
		const response = await get(server, path, cookie);
		expect(response.status, `GET ${path} on ${server.origin}`).toBe(200);
		return response.text();
	}

	function hidden(html: string, name: string): string {
		const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
		if (value === undefined) throw new Error(`no hidden field ${name} on the page`);
		return value;
	}

	function redirected(answer: FormAnswer, location: string): void {
		expect([answer.status, answer.location], answer.status === 303 ? '' : answer.body.slice(0, 2000)).toEqual([303, location]);
	}

	it('migrated and loaded the demo data once, though both started at the same moment', async () => {
		const organisations = await db.selectFrom('organisations').select('code').execute();
		expect(organisations.map((row) => row.code).sort()).toEqual(['gemeente-utrecht', 'gemeente-zwolle', 'uwv']);
		const demoUsers = await db.selectFrom('users').select('id').where('id', 'in', demoAccounts.map((account) => demoUserId(account.email))).execute();
		expect(demoUsers).toHaveLength(demoAccounts.length);
		const seeded = await db.selectFrom('audit_log').select('id').where('action', '=', 'demo.seeded').execute();
		expect(seeded).toHaveLength(1);
	});

	it('knows a session made on one instance on the other, and ends it on both at sign-out', async () => {
		const cookie = await signIn(a.origin, 'client2@demo.regie.nl', DEMO_PASSWORD);
		expect(await page(b, '/plan', cookie)).toContain('Mohamed El Amrani');
		const signOut = await fetch(`${a.origin}/logout`, { method: 'POST', headers: { Cookie: cookie, Origin: a.origin }, redirect: 'manual' });
		expect(signOut.status).toBe(303);
		for (const server of [a, b]) {
			const after = await get(server, '/plan', cookie);
			expect(after.status).toBe(303);
			expect(after.headers.get('location')).toBe('/login?redirectTo=%2Fplan');
		}
	});

	it('goes through a whole plan journey with every step on the other instance than the one before', async () => {
		const client = await signIn(a.origin, 'client@demo.regie.nl', DEMO_PASSWORD);
		const provider = await signIn(b.origin, 'provider@demo.regie.nl', DEMO_PASSWORD);
		const reviewer = await signIn(a.origin, 'reviewer.uwv@demo.regie.nl', DEMO_PASSWORD);

		redirected(await post(b, '/aanbieders/loopbaanlicht/kiezen', {}, client), '/plan?gekozen');
		const work = { targetOccupation: 'Kok', hoursPerWeek: '32', startingSituation: 'Tien jaar in een keuken.', motivation: 'Weer koken, dicht bij huis.' };
		redirected(await post(b, '/plan/werk?/saveWork', { baseVersion: hidden(await page(a, '/plan/werk', client), 'baseVersion'), ...work }, client), '/plan/activiteiten');
		const activity = { activityId: '', type: 'job_application_training', description: 'Sollicitatietraining', startWeek: '1', durationWeeks: '10', cost: '1200' };
		redirected(
			await post(a, '/plan/activiteiten?/saveActivity', { baseVersion: hidden(await page(b, '/plan/activiteiten', client), 'baseVersion'), ...activity }, client),
			'/plan/activiteiten#activiteiten'
		);
		const planning = { plannedStart: '2027-01-04', plannedEnd: '2027-12-31', contractForm: 'no_cure_less_pay', minContractMonths: '6', minWeeksOfWork: '26' };
		redirected(await post(a, '/plan/planning?/savePlanning', { baseVersion: hidden(await page(b, '/plan/planning', client), 'baseVersion'), ...planning }, client), '/plan/controleren');

		const trajectory = await db.selectFrom('trajectories').select('id').where('client_id', '=', demoUserId('client@demo.regie.nl')).executeTakeFirstOrThrow();
		const check = `/aanbieder/clienten/${trajectory.id}/plan/controleren`;
		redirected(await post(a, `${check}?/sign`, { version: hidden(await page(b, check, provider), 'version') }, provider), `${check}?ondertekend`);
		redirected(await post(b, '/plan/controleren?/submit', { version: hidden(await page(a, '/plan/controleren', client), 'version') }, client), '/plan/controleren?ingediend');

		const reviewCase = await page(b, `/beoordelen/${trajectory.id}`, reviewer);
		const decided = await post(a, `/beoordelen/${trajectory.id}`, { planVersionId: hidden(reviewCase, 'planVersionId'), decision: 'approved', reason: '' }, reviewer);
		expect(decided.status).toBe(200);
		expect(decided.body).toContain(t('review_decided_approved'));

		expect(await page(b, '/plan', client)).toContain(t('plan_status_active'));
		const transitions = await db.selectFrom('trajectory_transitions').select('to_status').where('trajectory_id', '=', trajectory.id).execute();
		expect(transitions.map((row) => row.to_status).sort()).toEqual(['active', 'approved', 'draft', 'provider_signed', 'submitted']);
	});

	it('records an outcome sent to both instances at the same moment once, with one survey invitation and one reminder', async () => {
		const ruud = '00000000-0000-4000-8000-000000000004';
		const reviewer = await sessionCookie(db, demoUserId('reviewer.uwv@demo.regie.nl'));
		const outcome = { outcome: 'completed', placed: 'no', placedOn: '', contractMonths: '', reason: '' };
		const answers = await Promise.all([a, b].map((server) => post(server, `/beoordelen/${ruud}/afsluiten`, outcome, reviewer)));
		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
		const invitations = await db.selectFrom('survey_invitations').select('id').where('trajectory_id', '=', ruud).execute();
		expect(invitations).toHaveLength(1);
		const mails = await db.selectFrom('outbox').select('event').where('survey_invitation_id', '=', invitations[0]!.id).execute();
		expect(mails.map((mail) => mail.event).sort()).toEqual(['survey_invitation', 'survey_reminder']);
	});

	it('counts failed sign-ins on both instances towards one limit', async () => {
		const email = 'researcher@demo.regie.nl';
		for (let failure = 0; failure < MAX_FAILURES; failure += 1) {
			const answer = await post(failure % 2 === 0 ? a : b, '/login', { email, password: `wrong-${failure}` });
			expect(answer.status, `failure ${failure + 1}`).toBe(400);
		}
		// The limit is reached: even the right password is refused, on either instance.
		for (const server of [a, b]) expect((await post(server, '/login', { email, password: DEMO_PASSWORD })).status).toBe(429);
	});

	it('runs the reminders and the outbox on both instances, and sends every mail exactly once', async () => {
		// Due now, while both workers run every second: a deadline reminder (the client chose 3 days
		// before the reminder week ended) and survey invitations mailed 8 days ago, with their
		// reminders due; a few of those surveys were completed meanwhile (no reminder then).
		const now = new Date();
		const client2 = (await loadActor(db, demoUserId('client2@demo.regie.nl')))!;
		const { trajectoryId } = await chooseProvider(db, client2, 'werkkracht-oost');
		const rules = await rulesOf(db, ORG_GEMEENTE_ZWOLLE_ID);
		const invited = await db.transaction().execute(async (trx) => {
			await trx
				.updateTable('trajectories')
				.set({ chosen_at: new Date(now.getTime() - (rules.submissionDays - 3) * DAY_MS).toISOString() })
				.where('id', '=', trajectoryId)
				.execute();
			const mailedAt = new Date(now.getTime() - 8 * DAY_MS);
			const list = await inviteEndedClients(trx, { count: SURVEYS, wave: 'two-instances', prefix: 'two', now: mailedAt });
			for (const [index, invitation] of list.entries()) {
				const expiresAt = new Date(now.getTime() + 30 * DAY_MS).toISOString();
				await queueSurveyInvitationMail(trx, { clientId: `two-client-${index}`, invitationPath: invitation.path, expiresAt }, mailedAt);
			}
			for (const invitation of list.slice(0, COMPLETED_SURVEYS)) {
				await trx.updateTable('survey_invitations').set({ completed_at: now.toISOString() }).where('id', '=', invitation.invitationId).execute();
			}
			return list;
		});

		// Wait until nothing is due any more, then a few more ticks of both workers.
		const deadline = Date.now() + 30_000;
		for (;;) {
			const due = await db
				.selectFrom('outbox')
				.select('id')
				.where('sent_at', 'is', null)
				.where('cancelled_at', 'is', null)
				.where('failed_at', 'is', null)
				.where('next_attempt_at', '<=', new Date().toISOString())
				.execute();
			const reminded = await db.selectFrom('trajectories').select('deadline_reminded_at').where('id', '=', trajectoryId).executeTakeFirstOrThrow();
			if (due.length === 0 && reminded.deadline_reminded_at !== null) break;
			if (Date.now() > deadline) throw new Error(`${due.length} mails still due after 30 s\n--- a ---\n${a.output()}\n--- b ---\n${b.output()}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await new Promise((resolve) => setTimeout(resolve, 2500));

		const rows = await db.selectFrom('outbox').select(['id', 'event', 'recipient', 'subject', 'body', 'attempts', 'sent_at', 'cancelled_at', 'failed_at', 'last_error', 'survey_invitation_id']).execute();
		const sent = rows.filter((row) => row.sent_at !== null);
		expect(rows.filter((row) => row.failed_at !== null || row.last_error !== null)).toEqual([]);
		expect(sent.every((row) => Number(row.attempts) === 1)).toBe(true);
		// Every mail the SMTP server got is one outbox row, and every sent row arrived once.
		const key = (mail: { to: string; subject: string; text: string }) => `${mail.to}\n${mail.subject}\n${mail.text}`;
		const arrived = new Map<string, number>();
		for (const mail of smtp.received) {
			const received = key({ ...mail, to: mail.to.join(',') });
			arrived.set(received, (arrived.get(received) ?? 0) + 1);
		}
		expect([...arrived.values()].filter((times) => times > 1), 'no mail arrived twice').toEqual([]);
		expect(smtp.received).toHaveLength(sent.length);
		for (const row of sent) expect(arrived.get(key({ to: row.recipient, subject: row.subject, text: row.body })), `${row.event} to ${row.recipient}`).toBe(1);

		// The journey's mails, the deadline reminder (client and provider staff, once), the survey mails.
		const events = (event: string) => sent.filter((row) => row.event === event);
		expect(events('plan_approved').length).toBeGreaterThan(0);
		const deadlineNotices = await db.selectFrom('notifications').select('user_id').where('trajectory_id', '=', trajectoryId).where('event', '=', 'deadline_reminder').execute();
		expect(new Set(deadlineNotices.map((row) => row.user_id)).size).toBe(deadlineNotices.length);
		expect(deadlineNotices.map((row) => row.user_id)).toContain(client2.id);
		expect(rows.filter((row) => row.event === 'deadline_reminder')).toHaveLength(deadlineNotices.length);
		const open = invited.slice(COMPLETED_SURVEYS).map((invitation) => invitation.invitationId);
		const surveyRows = rows.filter((row) => row.survey_invitation_id !== null && invited.some((invitation) => invitation.invitationId === row.survey_invitation_id));
		expect(surveyRows.filter((row) => row.sent_at !== null).map((row) => row.survey_invitation_id).sort()).toEqual([...open, ...open].sort());
		expect(surveyRows.filter((row) => row.cancelled_at !== null)).toHaveLength(2 * COMPLETED_SURVEYS);
		const reminded = await db.selectFrom('survey_invitations').select('id').where('wave', '=', 'two-instances').where('reminded_at', 'is not', null).execute();
		expect(reminded.map((row) => row.id).sort()).toEqual([...open].sort());

		// Both workers did part of it.
		const bySender = new Map<string, number>();
		for (const mail of smtp.received) bySender.set(mail.from, (bySender.get(mail.from) ?? 0) + 1);
		console.log(`two instances: ${sent.length} mails sent, each once: ${[...bySender].map(([from, count]) => `${count} by ${from}`).join(', ')}`);
		expect([...bySender.keys()].sort()).toEqual(['a@regie.test', 'b@regie.test']);
	});
});
