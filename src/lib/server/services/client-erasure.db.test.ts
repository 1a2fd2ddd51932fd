import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placementNow } from '../../../../tests/support/provider-figures';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { activeTrajectory, samplePlan } from '../../../../tests/support/plan-fixtures';
import { anonymous, type UserActor } from '$lib/domain/actor';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { planFromJson, totalCostCents } from '$lib/domain/plan/content';
import { instrumentVersion1, surveyDomains, type AnswerCode } from '$lib/domain/survey/instrument';
import { createAccountSchema } from '$lib/schemas/accounts';
import type { ResearchSelection } from '$lib/schemas/research';
import { createSession } from '$lib/server/auth/sessions';
import { throttleKeys, recordFailure } from '$lib/server/auth/throttle';
import type { Db } from '$lib/server/db';
import { DEMO_PROVIDER_ID, ORG_UWV_ID } from '$lib/server/demo/seed';
import { seedDemoSurveyResponses } from '$lib/server/demo/survey-responses';
import { createAccount } from './accounts';
import { eraseClient, erasureCandidate, findClientForErasure, planWithoutFreeText } from './client-erasure';
import { acceptInvitation } from './invitations';
import { countMicrodata } from './microdata';
import { savePlan, signPlan, submitPlan } from './plans';
import { itemTables, providerBreakdown, responseRates, standardTables } from './research';
import { decide } from './review';
import { satisfactionOfProviders } from './satisfaction';
import { checkCredentials, loadActor } from './sign-in';
import { saveSurveyPage } from './survey-answering';
import { queueSurveyInvitationMail } from './survey-mail';
import { createInvitation, portalSurveyLink } from './survey-invitations';
import { chooseProvider } from './trajectories';
import { recordOutcome } from './trajectory-outcomes';

let testDb: TestDatabase;
let admin: UserActor;
let reviewerUwv: UserActor;
let provider: UserActor;
let researcher: UserActor;
let providerCode: string;

const NAME = 'Yfke Quarantijn';
const SURNAME = 'Quarantijn';
const EMAIL = 'yfke.quarantijn@example.nl';
const PASSWORD = 'fiets tulp wolk';
const WAVE = 'erasure-wave';
const policy = { maxFailures: 5, windowMinutes: 15 };
const everything: ResearchSelection = { waves: [], organisations: [], benefits: [], from: null, to: null };

interface Footprint {
	clientId: string;
	trajectoryIds: string[];
	responseId: string;
	sessionToken: string;
}
let person: Footprint;

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	reviewerUwv = await actor('reviewer.uwv@demo.regie.nl');
	provider = await actor('provider@demo.regie.nl');
	researcher = await actor('researcher@demo.regie.nl');
	providerCode = (await testDb.db.selectFrom('providers').select('code').where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow()).code;
	// Other people's answers, so that the aggregates are more than this one person.
	await seedDemoSurveyResponses(testDb.db, { wave: 'erasure-base', count: 60 });
	person = await clientWithHistory(testDb.db);
});
afterAll(() => testDb.close());

/**
 * A client as the portal leaves one after a while, made through the services: an account with a
 * password, a session and a failed sign-in; an earlier trajectory that ended early (with a reason
 * naming them), one that ended in a placement and whose survey they answered (with a comment
 * naming them); and an open one whose plan — full of their own words — came back from the reviewer.
 */
async function clientWithHistory(db: Db): Promise<Footprint> {
	const { userId, invitation } = await createAccount(
		db,
		admin,
		createAccountSchema.parse({ role: 'client', displayName: NAME, email: EMAIL, benefitType: 'WW', organisationId: ORG_UWV_ID, region: 'utrecht' }),
		{ invitationValidDays: 14 }
	);
	expect(await acceptInvitation(db, invitation.path.replace('/uitnodiging/', ''), PASSWORD)).toEqual({ ok: true, userId });
	expect((await checkCredentials(db, { email: EMAIL, password: PASSWORD, ip: '10.0.0.1' }, policy)).ok).toBe(true);
	await recordFailure(db, throttleKeys(EMAIL, '10.0.0.2'), policy);
	const { token: sessionToken } = await createSession(db, userId, { inactivityDays: 30, maxAgeDays: 90 });
	const client = (await loadActor(db, userId))!;

	const today = new Date().toISOString().slice(0, 10);
	const ended = await activeTrajectory(db, { client: userId, provider: DEMO_PROVIDER_ID, organisation: ORG_UWV_ID, content: samplePlan({ motivation: `Ik ben ${NAME}.` }) });
	await recordOutcome(db, provider, ended.trajectoryId, { outcome: 'terminated', reason: `Mevrouw ${SURNAME} is verhuisd.` });
	const placed = await activeTrajectory(db, { client: userId, provider: DEMO_PROVIDER_ID, organisation: ORG_UWV_ID });
	await recordOutcome(db, reviewerUwv, placed.trajectoryId, { outcome: 'completed', placed: true, placedOn: today, contractMonths: 12 });

	const survey = (await createInvitation(db, placed.trajectoryId, WAVE))!;
	await queueSurveyInvitationMail(db, { clientId: userId, invitationPath: survey.path, expiresAt: survey.expiresAt });
	const answers: AnswerCode[] = ['ja', 'een_beetje', 'nee'];
	for (const [index, domain] of surveyDomains.entries()) {
		const items = instrumentVersion1.items.filter((item) => item.domain === domain);
		await saveSurveyPage(db, survey.token, { page: index + 1, answers: Object.fromEntries(items.map((item, at) => [item.code, answers[(at + index) % 3]!])) });
	}
	expect(await saveSurveyPage(db, survey.token, { page: surveyDomains.length + 1, overall: 7, comment: `Groeten van ${NAME}` })).toEqual({ state: 'completed', first: true });
	const response = await db.selectFrom('survey_responses').select('id').where('invitation_id', '=', survey.invitationId).executeTakeFirstOrThrow();
	// The invitation of the outcome (current wave) is still open: the portal gives it a secret too.
	const open = await db.selectFrom('survey_invitations').select('id').where('trajectory_id', '=', placed.trajectoryId).where('wave', '!=', WAVE).executeTakeFirstOrThrow();
	await portalSurveyLink(db, client, open.id);

	const { trajectoryId } = await chooseProvider(db, client, providerCode);
	const saved = await savePlan(db, client, trajectoryId, 1, samplePlan({ targetOccupation: `Hovenier bij landgoed ${SURNAME}`, startingSituation: `Ik ben ${NAME} en woon in Utrecht.` }));
	await signPlan(db, provider, trajectoryId, saved.version);
	await submitPlan(db, client, trajectoryId, saved.version);
	const version = await db.selectFrom('plan_versions').select('id').where('trajectory_id', '=', trajectoryId).executeTakeFirstOrThrow();
	await decide(db, reviewerUwv, version.id, { decision: 'changes_requested', reason: `Beste ${NAME}, voeg een werkstage toe.` });
	// One of their mails went out already; the rest wait.
	const mail = await db.selectFrom('outbox').select('id').where('user_id', '=', userId).limit(1).executeTakeFirstOrThrow();
	await db.updateTable('outbox').set({ sent_at: new Date().toISOString() }).where('id', '=', mail.id).execute();

	return { clientId: userId, trajectoryIds: [ended.trajectoryId, placed.trajectoryId, trajectoryId], responseId: response.id, sessionToken };
}

/** Every row of every table of this test's database, each table sorted, for before/after comparisons. */
async function everyRow(db: Db): Promise<Record<string, string[]>> {
	const schema = testDb.engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema : undefined;
	const tables = (await db.introspection.getTables()).filter((table) => !table.isView && table.schema === schema);
	expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['users', 'audit_log', 'survey_responses', 'outbox']));
	const dump: Record<string, string[]> = {};
	for (const table of tables) {
		const rows = await db.selectFrom(table.name as 'users').selectAll().execute();
		dump[table.name] = rows.map((row) => JSON.stringify(row)).sort();
	}
	return dump;
}

/** Where a text still names the person: `table: row` for every row that holds one of the needles. */
function mentions(dump: Record<string, string[]>, needles: string[]): string[] {
	const lower = needles.map((needle) => needle.toLowerCase());
	return Object.entries(dump).flatMap(([table, rows]) => rows.filter((row) => lower.some((needle) => row.toLowerCase().includes(needle))).map((row) => `${table}: ${row}`));
}

async function aggregates(db: Db) {
	return {
		tables: await standardTables(db, researcher, everything),
		items: await itemTables(db, researcher, everything),
		breakdown: await providerBreakdown(db, researcher, everything, 1),
		microdata: await countMicrodata(db, researcher, { ...everything, waves: [WAVE, 'erasure-base'] }),
		satisfaction: await satisfactionOfProviders(db, [DEMO_PROVIDER_ID], 1),
		placement: await placementNow(db, DEMO_PROVIDER_ID)
	};
}

describe('who may erase', () => {
	it('refuses everybody but the admin, and changes nothing', async () => {
		const before = await everyRow(testDb.db);
		const client = (await loadActor(testDb.db, person.clientId))!;
		for (const actor of [reviewerUwv, provider, researcher, client, anonymous]) {
			await expect(eraseClient(testDb.db, actor, person.clientId)).rejects.toBeInstanceOf(Forbidden);
			await expect(findClientForErasure(testDb.db, actor, EMAIL)).rejects.toBeInstanceOf(Forbidden);
			await expect(erasureCandidate(testDb.db, actor, person.clientId)).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await everyRow(testDb.db)).toEqual(before);
	});
});

describe('finding a client', () => {
	it('finds a client by e-mail address in any case, with what erasure will touch', async () => {
		const found = await findClientForErasure(testDb.db, admin, ` ${EMAIL.toUpperCase()} `);
		expect(found).toMatchObject({ id: person.clientId, displayName: NAME, email: EMAIL, organisationName: 'UWV', benefitType: 'WW' });
		expect(found!.footprint).toMatchObject({ trajectories: 3, openTrajectories: 1, surveyInvitations: 3, surveyResponsesKept: 1 });
		expect(found!.footprint.notifications).toBeGreaterThan(3);
		expect(found!.footprint.mails).toBeGreaterThan(found!.footprint.notifications);
		expect(await erasureCandidate(testDb.db, admin, person.clientId)).toEqual(found);
	});

	it('finds no client for another role or an unknown address', async () => {
		expect(await findClientForErasure(testDb.db, admin, 'provider@demo.regie.nl')).toBeNull();
		expect(await findClientForErasure(testDb.db, admin, 'niemand@example.nl')).toBeNull();
		await expect(erasureCandidate(testDb.db, admin, provider.id)).rejects.toBeInstanceOf(NotFound);
	});
});

describe('eraseClient', () => {
	it('removes the person from every table and keeps the aggregates exactly as they were', async () => {
		const before = await aggregates(testDb.db);
		const rowsBefore = await everyRow(testDb.db);
		const needles = [person.clientId, EMAIL, NAME, SURNAME];
		expect(mentions(rowsBefore, needles).length).toBeGreaterThan(20);
		const answersBefore = await testDb.db.selectFrom('survey_answers').select(['item_code', 'answer']).where('response_id', '=', person.responseId).orderBy('item_code').execute();
		const ratesBefore = await responseRates(testDb.db, researcher, { ...everything, waves: [WAVE] });
		const versionBefore = await testDb.db.selectFrom('plan_versions').selectAll().where('trajectory_id', '=', person.trajectoryIds[2]!).executeTakeFirstOrThrow();

		const erasedAt = new Date();
		expect(await eraseClient(testDb.db, admin, person.clientId, erasedAt)).toEqual({ trajectoriesKept: 3, surveyResponsesKept: 1 });

		// Nothing anywhere holds their id, e-mail address or name any more.
		const rowsAfter = await everyRow(testDb.db);
		expect(mentions(rowsAfter, needles)).toEqual([]);
		expect(await loadActor(testDb.db, person.clientId)).toBeNull();
		expect(await checkCredentials(testDb.db, { email: EMAIL, password: PASSWORD, ip: '10.0.0.3' }, policy)).toEqual({ ok: false, reason: 'invalid' });
		expect(rowsAfter.sessions!.length).toBe(rowsBefore.sessions!.length - 1);

		// Every aggregate is the same.
		expect(await aggregates(testDb.db)).toEqual(before);

		// The answers stay, with provider, wave and instrument version, linked to nothing.
		const response = await testDb.db.selectFrom('survey_responses').selectAll().where('id', '=', person.responseId).executeTakeFirstOrThrow();
		expect(response).toMatchObject({ provider_id: DEMO_PROVIDER_ID, wave: WAVE, instrument_version: 1, source: 'online', overall: 7, invitation_id: null, trajectory_id: null, comment: null });
		expect(response.completed_at).toBe(`${response.completed_at!.slice(0, 10)}T00:00:00.000Z`);
		expect(await testDb.db.selectFrom('survey_answers').select(['item_code', 'answer']).where('response_id', '=', person.responseId).orderBy('item_code').execute()).toEqual(answersBefore);
		expect(await testDb.db.selectFrom('survey_invitations').select('id').where('trajectory_id', 'in', person.trajectoryIds).execute()).toEqual([]);
		// Response rates no longer count the erased invitation: it is gone, with its token.
		const ratesAfter = await responseRates(testDb.db, researcher, { ...everything, waves: [WAVE] });
		const total = (rates: typeof ratesBefore) => rates.rows.find((row) => row.group === 'total')!;
		expect(total(ratesBefore)).toMatchObject({ sent: 1, completed: 1 });
		expect(total(ratesAfter)).toMatchObject({ sent: 0, completed: 0 });

		// The trajectories stay as anonymous rows: the placement still counts; the open one ended.
		const trajectories = await testDb.db.selectFrom('trajectories').selectAll().where('id', 'in', person.trajectoryIds).execute();
		const byId = new Map(trajectories.map((row) => [row.id, row]));
		expect(trajectories.every((row) => row.client_id === null && row.end_reason === null)).toBe(true);
		expect(byId.get(person.trajectoryIds[0]!)).toMatchObject({ status: 'terminated' });
		expect(byId.get(person.trajectoryIds[1]!)).toMatchObject({ status: 'completed', placed: 1, contract_months: 12 });
		expect(byId.get(person.trajectoryIds[2]!)).toMatchObject({ status: 'terminated', ended_at: erasedAt.toISOString() });
		const last = await testDb.db
			.selectFrom('trajectory_transitions')
			.select(['from_status', 'to_status', 'actor_id', 'reason'])
			.where('trajectory_id', '=', person.trajectoryIds[2]!)
			.orderBy('occurred_at', 'desc')
			.executeTakeFirstOrThrow();
		expect(last).toEqual({ from_status: 'changes_requested', to_status: 'terminated', actor_id: admin.id, reason: null });

		// The submitted version keeps what the organisation accounts for, without a word of free text.
		const version = await testDb.db.selectFrom('plan_versions').selectAll().where('id', '=', versionBefore.id).executeTakeFirstOrThrow();
		const content = planFromJson(version.content);
		expect(totalCostCents(content)).toBe(totalCostCents(planFromJson(versionBefore.content)));
		expect(content.activities.map((activity) => activity.type)).toEqual(planFromJson(versionBefore.content).activities.map((activity) => activity.type));
		expect(content).toMatchObject({ targetOccupation: '', startingSituation: '', motivation: '', plannedStart: '2027-01-04', contractForm: 'no_cure_less_pay' });
		expect(version).toMatchObject({ decision: 'changes_requested', decision_reason: null, submitted_by: null, decided_by: reviewerUwv.id, rule_checks: versionBefore.rule_checks });
		const plans = await testDb.db.selectFrom('plans').select('id').where('trajectory_id', 'in', person.trajectoryIds).execute();
		expect(await testDb.db.selectFrom('plan_revisions').select('plan_id').where('plan_id', 'in', plans.map((plan) => plan.id)).execute()).toEqual([]);

		// One audit entry says an erasure happened, by whom — and nothing about whom.
		const entries = await testDb.db.selectFrom('audit_log').selectAll().where('action', '=', 'client.erased').execute();
		expect(entries).toEqual([{ id: expect.any(String), occurred_at: erasedAt.toISOString(), actor_id: admin.id, action: 'client.erased', entity_type: 'user', entity_id: null, details: '{}' }]);
		// The rest of the log keeps its rows.
		expect(rowsAfter.audit_log!.length).toBe(rowsBefore.audit_log!.length + 1);
	});

	it('refuses to erase twice, an unknown id or someone who is not a client, and changes nothing', async () => {
		const before = await everyRow(testDb.db);
		await expect(eraseClient(testDb.db, admin, person.clientId)).rejects.toBeInstanceOf(NotFound);
		await expect(erasureCandidate(testDb.db, admin, person.clientId)).rejects.toBeInstanceOf(NotFound);
		await expect(eraseClient(testDb.db, admin, 'no-such-client')).rejects.toBeInstanceOf(NotFound);
		await expect(eraseClient(testDb.db, admin, provider.id)).rejects.toBeInstanceOf(NotFound);
		await expect(eraseClient(testDb.db, admin, admin.id)).rejects.toBeInstanceOf(NotFound);
		expect(await everyRow(testDb.db)).toEqual(before);
	});

	it('erases a client who never did anything but get an account', async () => {
		const { userId } = await createAccount(
			testDb.db,
			admin,
			createAccountSchema.parse({ role: 'client', displayName: 'Wim Nooitgebruikt', email: 'wim.nooit@example.nl', benefitType: 'WW', organisationId: ORG_UWV_ID, region: 'utrecht' }),
			{ invitationValidDays: 14 }
		);
		expect(await eraseClient(testDb.db, admin, userId)).toEqual({ trajectoriesKept: 0, surveyResponsesKept: 0 });
		expect(mentions(await everyRow(testDb.db), [userId, 'wim.nooit@example.nl', 'Nooitgebruikt'])).toEqual([]);
	});
});

describe('planWithoutFreeText', () => {
	it('keeps types, weeks, amounts, dates, contract form and placement definition, and no other key', () => {
		const plan = samplePlan({ targetOccupation: 'Kok', placement: { minContractMonths: 12, minWeeksOfWork: 40 } });
		const stored = JSON.stringify({ ...plan, note: 'a field of an older draft' });
		expect(JSON.parse(planWithoutFreeText(stored))).toEqual({
			...plan,
			targetOccupation: '',
			startingSituation: '',
			motivation: '',
			activities: plan.activities.map((activity) => ({ ...activity, description: '' }))
		});
	});
});
