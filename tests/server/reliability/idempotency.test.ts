import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { DEMO_PROVIDER_ID, demoUserId, ORG_UWV_ID } from '$lib/server/demo/seed';
import { savePlan, signPlan } from '$lib/server/services/plans';
import { loadActor } from '$lib/server/services/sign-in';
import { t } from '../../e2e/support/messages';
import { serverWorkspace, type RunningServer, type ServerWorkspace } from '../../support/built-server';
import { activeTrajectory, newClient, samplePlan, submittedPlan } from '../../support/plan-fixtures';
import { clientsWithDraftPlans, connect, prepareDemo, sessionCookie, type DraftPlanClient } from '../../support/server-data';
import { inviteEndedClients, postForm, publishedInstrument, surveyPosts, type FormAnswer, type Invited } from '../../support/survey-respondents';

// Issue 7: what people send twice — a double tap, two tabs, a retry after a timeout — has one
// effect. Each action is posted twice at the same moment and then once more, through the built
// server as a browser without JavaScript posts its forms; every answer is a page that says what
// happened, never a 500. On SQLite, or PostgreSQL with TEST_DATABASE_URL.

let ws: ServerWorkspace;
let server: RunningServer;
let db: Db;
let respondent: Invited;
let posts: ReturnType<typeof surveyPosts>;
let saver: DraftPlanClient;
let extender: DraftPlanClient;
let chooser: { userId: string; cookie: string };
let signed: DraftPlanClient;
let unsigned: DraftPlanClient;
let submitted: { trajectoryId: string; planVersionId: string; clientId: string };
let active: { trajectoryId: string; clientId: string };
let providerCookie: string;
let reviewerCookie: string;

beforeAll(async () => {
	ws = await serverWorkspace('regie-idempotency');
	db = connect(ws.database);
	await prepareDemo(db);
	respondent = (await inviteEndedClients(db, { count: 1, wave: 'idempotency-wave', prefix: 'idem' }))[0]!;
	posts = surveyPosts(await publishedInstrument(db), 7);
	[saver, signed, unsigned, extender] = (await clientsWithDraftPlans(db, 4)) as [DraftPlanClient, DraftPlanClient, DraftPlanClient, DraftPlanClient];
	const choosing = await newClient(db, { organisationId: ORG_UWV_ID, benefitType: 'WW', name: 'Dubbel Gekozen' });
	chooser = { userId: choosing, cookie: await sessionCookie(db, choosing) };
	const provider = (await loadActor(db, demoUserId('provider@demo.regie.nl')))!;
	for (const client of [signed, unsigned]) {
		const saved = await savePlan(db, (await loadActor(db, client.userId))!, client.trajectoryId, client.version, samplePlan());
		client.version = saved.version;
	}
	await signPlan(db, provider, signed.trajectoryId, signed.version);
	const reviewed = await newClient(db, { organisationId: ORG_UWV_ID, benefitType: 'WW', name: 'Dubbel Beoordeeld' });
	submitted = { ...(await submittedPlan(db, { client: reviewed, provider: DEMO_PROVIDER_ID, organisation: ORG_UWV_ID })), clientId: reviewed };
	const ended = await newClient(db, { organisationId: ORG_UWV_ID, benefitType: 'WW', name: 'Dubbel Afgesloten' });
	active = { ...(await activeTrajectory(db, { client: ended, provider: DEMO_PROVIDER_ID, organisation: ORG_UWV_ID })), clientId: ended };
	providerCookie = await sessionCookie(db, provider.id);
	reviewerCookie = await sessionCookie(db, demoUserId('reviewer.uwv@demo.regie.nl'));
	server = await ws.start({ env: { MAIL_WORKER_INTERVAL_SECONDS: '3600' } });
});

afterAll(async () => {
	await server?.stop();
	await db?.destroy();
	await ws?.cleanUp();
});

/** The same form twice at the same moment, then once more after both were answered. */
async function twiceThenRetry(path: string, fields: Record<string, string>, cookie?: string): Promise<FormAnswer[]> {
	const send = () => postForm(server.origin, path, fields, { cookie });
	const both = await Promise.all([send(), send()]);
	return [...both, await send()];
}

const statuses = (answers: FormAnswer[]) => answers.map((answer) => answer.status);
const count = async (query: Promise<{ n: number | string }>) => Number((await query).n);

async function notificationsTo(userId: string, event: string): Promise<number> {
	return count(
		db
			.selectFrom('notifications')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('user_id', '=', userId)
			.where('event', '=', event)
			.executeTakeFirstOrThrow()
	);
}

async function mailsTo(userId: string, event: string): Promise<number> {
	return count(
		db
			.selectFrom('outbox')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('user_id', '=', userId)
			.where('event', '=', event)
			.executeTakeFirstOrThrow()
	);
}

describe(`double submits and retries (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	it('survey: a page and the completion sent twice and again are stored once, and every send is thanked', async () => {
		const path = respondent.path;
		const [first, ...middle] = posts.slice(0, -1);
		const closing = posts.at(-1)!;
		expect(statuses(await twiceThenRetry(path, first!.fields))).toEqual([303, 303, 303]);
		for (const post of middle) expect((await postForm(server.origin, path, post.fields)).location).toBe(post.expect(path));

		const answers = await twiceThenRetry(path, closing.fields);
		expect(answers.map((answer) => [answer.status, answer.location])).toEqual(Array(3).fill([303, path]));
		const thanks = await fetch(server.origin + path);
		expect(thanks.status).toBe(200);
		expect(await thanks.text()).toContain(t('survey_thanks_title'));

		const responses = await db.selectFrom('survey_responses').select(['id', 'completed_at', 'overall']).where('invitation_id', '=', respondent.invitationId).execute();
		expect(responses).toHaveLength(1);
		expect(responses[0]!.completed_at).not.toBeNull();
		const stored = await db.selectFrom('survey_answers').select(['item_code', 'answer']).where('response_id', '=', responses[0]!.id).execute();
		const sent = posts.slice(0, -1).flatMap((post) => Object.entries(post.fields).filter(([name]) => name.startsWith('item_')));
		expect(Object.fromEntries(stored.map((row) => [`item_${row.item_code}`, row.answer]))).toEqual(Object.fromEntries(sent));
	});

	it('choosing a provider: one trajectory with one empty plan, and every send goes on to the plan', async () => {
		const answers = await twiceThenRetry('/aanbieders/loopbaanlicht/kiezen', {}, chooser.cookie);
		expect(answers.map((answer) => [answer.status, answer.location])).toEqual(Array(3).fill([303, '/plan?gekozen']));
		const trajectories = await db.selectFrom('trajectories').select('id').where('client_id', '=', chooser.userId).execute();
		expect(trajectories).toHaveLength(1);
		const plans = await db.selectFrom('plans').select('id').where('trajectory_id', '=', trajectories[0]!.id).execute();
		expect(plans).toHaveLength(1);
		const transitions = await db.selectFrom('trajectory_transitions').select('id').where('trajectory_id', '=', trajectories[0]!.id).execute();
		expect(transitions).toHaveLength(1);
	});

	it('plan save: the same change sent twice and again makes one new version', async () => {
		const fields = { baseVersion: String(saver.version), targetOccupation: 'Kok', hoursPerWeek: '24', startingSituation: 'Twee keer verstuurd.', motivation: 'Eén versie.' };
		const answers = await twiceThenRetry('/plan/werk?/saveWork', fields, saver.cookie);
		expect(answers.map((answer) => [answer.status, answer.location])).toEqual(Array(3).fill([303, '/plan/activiteiten']));
		const plan = await db.selectFrom('plans').select(['id', 'version']).where('trajectory_id', '=', saver.trajectoryId).executeTakeFirstOrThrow();
		expect(Number(plan.version)).toBe(saver.version + 1);
		const revisions = await db.selectFrom('plan_revisions').select('version').where('plan_id', '=', plan.id).execute();
		expect(revisions).toHaveLength(2);
	});

	it('plan signature: signed once; the second and third sends say it is signed already', async () => {
		const path = `/aanbieder/clienten/${unsigned.trajectoryId}/plan/controleren`;
		const answers = await twiceThenRetry(`${path}?/sign`, { version: String(unsigned.version) }, providerCookie);
		const done = answers.filter((answer) => answer.status === 303);
		expect(done.map((answer) => answer.location)).toEqual([`${path}?ondertekend`]);
		for (const answer of answers.filter((candidate) => candidate.status !== 303)) {
			expect([400, 409]).toContain(answer.status);
			expect(answer.body).toContain('<h1');
		}
		expect(answers.at(-1)!.body).toContain(t('plan_error_already_signed'));
		expect(await notificationsTo(unsigned.userId, 'plan_signed')).toBe(1);
		expect(await mailsTo(unsigned.userId, 'plan_signed')).toBe(1);
		const transitions = await db.selectFrom('trajectory_transitions').select('id').where('trajectory_id', '=', unsigned.trajectoryId).where('to_status', '=', 'provider_signed').execute();
		expect(transitions).toHaveLength(1);
	});

	it('extension of the deadline: granted once; every send answers "extended"', async () => {
		const answers = await twiceThenRetry('/plan?/extension', {}, extender.cookie);
		expect(answers.map((answer) => [answer.status, answer.location])).toEqual(Array(3).fill([303, '/plan?uitstel']));
		const audit = await db.selectFrom('audit_log').select('id').where('action', '=', 'plan.extension_requested').where('entity_id', '=', extender.trajectoryId).execute();
		expect(audit).toHaveLength(1);
	});

	it('plan submit: one new plan version, one set of messages, and every send answers "submitted"', async () => {
		const answers = await twiceThenRetry('/plan/controleren?/submit', { version: String(signed.version) }, signed.cookie);
		expect(answers.map((answer) => [answer.status, answer.location])).toEqual(Array(3).fill([303, '/plan/controleren?ingediend']));
		const versions = await db.selectFrom('plan_versions').select('number').where('trajectory_id', '=', signed.trajectoryId).execute();
		expect(versions.map((version) => Number(version.number))).toEqual([1]);
		const transitions = await db.selectFrom('trajectory_transitions').select('id').where('trajectory_id', '=', signed.trajectoryId).where('to_status', '=', 'submitted').execute();
		expect(transitions).toHaveLength(1);
		expect(await mailsTo(demoUserId('reviewer.uwv@demo.regie.nl'), 'plan_submitted')).toBe(1);
		expect(await mailsTo(demoUserId('provider@demo.regie.nl'), 'plan_submitted')).toBe(1);
		const page = await fetch(`${server.origin}/plan/controleren?ingediend`, { headers: { Cookie: signed.cookie } });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(t('plan_submitted_title'));
	});

	it('review decision: decided once; the other sends show the decision that stands', async () => {
		const path = `/beoordelen/${submitted.trajectoryId}`;
		const answers = await twiceThenRetry(path, { planVersionId: submitted.planVersionId, decision: 'approved', reason: '' }, reviewerCookie);
		expect(statuses(answers).sort()).toEqual([200, 409, 409]);
		expect(answers.find((answer) => answer.status === 200)!.body).toContain(t('review_decided_approved'));
		for (const answer of answers.filter((candidate) => candidate.status === 409)) expect(answer.body).toContain(t('review_error_already_decided'));
		const version = await db.selectFrom('plan_versions').select(['decision', 'decided_by']).where('id', '=', submitted.planVersionId).executeTakeFirstOrThrow();
		expect(version).toEqual({ decision: 'approved', decided_by: demoUserId('reviewer.uwv@demo.regie.nl') });
		const transitions = await db.selectFrom('trajectory_transitions').select('to_status').where('trajectory_id', '=', submitted.trajectoryId).where('to_status', 'in', ['approved', 'active']).execute();
		expect(transitions.map((row) => row.to_status).sort()).toEqual(['active', 'approved']);
		expect(await mailsTo(submitted.clientId, 'plan_approved')).toBe(1);
		const audit = await db.selectFrom('audit_log').select('id').where('action', '=', 'plan.decided').where('entity_id', '=', submitted.planVersionId).execute();
		expect(audit).toHaveLength(1);
	});

	it('outcome: recorded once, with one survey invitation and one invitation mail', async () => {
		const today = new Date().toISOString().slice(0, 10);
		const answers = await twiceThenRetry(`/beoordelen/${active.trajectoryId}/afsluiten`, { outcome: 'completed', placed: 'yes', placedOn: today, contractMonths: '12', reason: '' }, reviewerCookie);
		expect(statuses(answers).sort()).toEqual([200, 400, 400]);
		expect(answers.find((answer) => answer.status === 200)!.body).toContain(t('outcome_done_title'));
		for (const answer of answers.filter((candidate) => candidate.status === 400)) expect(answer.body).toContain(t('outcome_error_not_active'));
		const invitations = await db.selectFrom('survey_invitations').select('id').where('trajectory_id', '=', active.trajectoryId).execute();
		expect(invitations).toHaveLength(1);
		expect(await mailsTo(active.clientId, 'survey_invitation')).toBe(1);
		expect(await mailsTo(active.clientId, 'survey_reminder')).toBe(1);
		expect(await notificationsTo(active.clientId, 'outcome_recorded')).toBe(1);
		expect(await notificationsTo(active.clientId, 'survey_invitation')).toBe(1);
		const transitions = await db.selectFrom('trajectory_transitions').select('id').where('trajectory_id', '=', active.trajectoryId).where('from_status', '=', 'active').execute();
		expect(transitions).toHaveLength(1);
	});
});
