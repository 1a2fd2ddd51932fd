import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Conflict, Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import type { PlanActivity } from '$lib/domain/plan/content';
import type { RuleCheck } from '$lib/domain/plan/rules';
import { DEMO_PROVIDER_ID, ORG_UWV_ID } from '$lib/server/demo/seed';
import { notify } from './notifications';
import { updateRules } from './organisation-rules';
import { remindPlanDeadlines } from './plan-deadlines';
import { getClientPlanTrajectoryId, getPlanView, requestExtension, savePlan, signPlan, submitPlan, type PlanConflict } from './plans';
import { chooseProvider } from './trajectories';
import { transitionsOf } from './trajectory-transitions';

let testDb: TestDatabase;
let client: UserActor;
let client2: UserActor;
let provider: UserActor;
let provider2: UserActor;
let reviewerUwv: UserActor;
let reviewerGemeente: UserActor;
let admin: UserActor;
let trajectoryId: string;

const DAY = 24 * 60 * 60 * 1000;

const activity = (id: string, type: PlanActivity['type'], costCents: number): PlanActivity => ({ id, type, description: `Activiteit ${id}`, startWeek: 1, durationWeeks: 8, costCents });

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	client = await actor('client@demo.regie.nl');
	client2 = await actor('client2@demo.regie.nl');
	provider = await actor('provider@demo.regie.nl');
	provider2 = await actor('provider2@demo.regie.nl');
	reviewerUwv = await actor('reviewer.uwv@demo.regie.nl');
	reviewerGemeente = await actor('reviewer.gemeente@demo.regie.nl');
	admin = await actor('admin@demo.regie.nl');
	// The demo data may already give the client a trajectory; start from a clean one with Loopbaanlicht.
	await testDb.db.deleteFrom('trajectories').where('client_id', '=', client.id).execute();
	const code = (await testDb.db.selectFrom('providers').select('code').where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow()).code;
	trajectoryId = (await chooseProvider(testDb.db, client, code)).trajectoryId;
});
afterAll(() => testDb.close());

const status = async () => (await testDb.db.selectFrom('trajectories').select('status').where('id', '=', trajectoryId).executeTakeFirstOrThrow()).status;
const plan = () => testDb.db.selectFrom('plans').selectAll().where('trajectory_id', '=', trajectoryId).executeTakeFirstOrThrow();
const outboxCount = async () => Number((await testDb.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const versionCount = async () => (await testDb.db.selectFrom('plan_versions').select('id').where('trajectory_id', '=', trajectoryId).execute()).length;

async function expectConflict(promise: Promise<unknown>): Promise<PlanConflict> {
	const caught = await promise.then(
		() => null,
		(error: unknown) => error
	);
	expect(caught).toBeInstanceOf(Conflict);
	return (caught as Conflict<PlanConflict>).details;
}

describe('who may see and change a plan', () => {
	it('the client and the chosen provider see it; the reviewer of the paying organisation too', async () => {
		expect((await getPlanView(testDb.db, client, trajectoryId)).viewer).toBe('client');
		const asProvider = await getPlanView(testDb.db, provider, trajectoryId);
		expect(asProvider).toMatchObject({ viewer: 'provider', version: 1, signature: null, trajectory: { status: 'draft', providerId: DEMO_PROVIDER_ID, organisationId: ORG_UWV_ID } });
		expect(asProvider.may).toEqual({ edit: true, sign: true, submit: false, requestExtension: false });
		const asReviewer = await getPlanView(testDb.db, reviewerUwv, trajectoryId);
		expect(asReviewer.may).toEqual({ edit: false, sign: false, submit: false, requestExtension: false });
	});

	it('nobody else learns it exists', async () => {
		for (const outsider of [client2, provider2, reviewerGemeente, admin]) {
			await expect(getPlanView(testDb.db, outsider, trajectoryId)).rejects.toBeInstanceOf(NotFound);
			await expect(savePlan(testDb.db, outsider, trajectoryId, 1, { targetOccupation: 'X' })).rejects.toBeInstanceOf(NotFound);
			await expect(signPlan(testDb.db, outsider, trajectoryId, 1)).rejects.toBeInstanceOf(NotFound);
			await expect(submitPlan(testDb.db, outsider, trajectoryId, 1)).rejects.toBeInstanceOf(NotFound);
			await expect(requestExtension(testDb.db, outsider, trajectoryId)).rejects.toBeInstanceOf(NotFound);
		}
		await expect(getPlanView(testDb.db, client, 'no-such-trajectory')).rejects.toBeInstanceOf(NotFound);
	});

	it('the reviewer reads but never writes; the client never signs; the provider never submits', async () => {
		await expect(savePlan(testDb.db, reviewerUwv, trajectoryId, 1, { targetOccupation: 'X' })).rejects.toBeInstanceOf(Forbidden);
		await expect(signPlan(testDb.db, client, trajectoryId, 1)).rejects.toBeInstanceOf(Forbidden);
		await expect(submitPlan(testDb.db, provider, trajectoryId, 1)).rejects.toBeInstanceOf(Forbidden);
		await expect(requestExtension(testDb.db, provider, trajectoryId)).rejects.toBeInstanceOf(Forbidden);
		expect((await plan()).version).toBe(1);
	});

	it('finds the client’s own open trajectory for /plan', async () => {
		expect(await getClientPlanTrajectoryId(testDb.db, client)).toBe(trajectoryId);
		await expect(getClientPlanTrajectoryId(testDb.db, provider)).rejects.toBeInstanceOf(Forbidden);
	});

	it('recorded the start of the trajectory as a transition', async () => {
		expect((await transitionsOf(testDb.db, trajectoryId)).map((t) => [t.from, t.to])).toEqual([[null, 'draft']]);
	});
});

describe('writing together', () => {
	it('saves a step as a new version with a revision', async () => {
		const saved = await savePlan(testDb.db, client, trajectoryId, 1, { targetOccupation: 'Kok', hoursPerWeek: 32 });
		expect(saved).toMatchObject({ version: 2, changed: true, status: 'draft' });
		const row = await plan();
		expect(row).toMatchObject({ version: 2, updated_by: client.id });
		expect(JSON.parse(row.content)).toMatchObject({ targetOccupation: 'Kok', hoursPerWeek: 32 });
		const revisions = await testDb.db.selectFrom('plan_revisions').select(['version', 'saved_by']).where('plan_id', '=', row.id).orderBy('version').execute();
		expect(revisions).toEqual([
			{ version: 1, saved_by: client.id },
			{ version: 2, saved_by: client.id }
		]);
	});

	it('saving the same content again is a no-op', async () => {
		const again = await savePlan(testDb.db, provider, trajectoryId, 2, { targetOccupation: 'Kok' });
		expect(again).toMatchObject({ version: 2, changed: false });
		expect((await plan()).updated_by).toBe(client.id);
	});

	it('ignores fields a plan does not have', async () => {
		const saved = await savePlan(testDb.db, provider, trajectoryId, 2, { activities: [activity('a1', 'job_mediation', 150_000)], ...({ status: 'approved' } as object) });
		expect(saved.version).toBe(3);
		expect(await status()).toBe('draft');
		expect(JSON.parse((await plan()).content)).not.toHaveProperty('status');
	});

	it('refuses a save on an outdated version, tells who changed what, and writes nothing', async () => {
		// Both read version 3; the provider saves first.
		await savePlan(testDb.db, provider, trajectoryId, 3, { motivation: 'Ik kook graag', activities: [activity('a1', 'job_mediation', 150_000), activity('a2', 'schooling', 100_000)] });
		const details = await expectConflict(savePlan(testDb.db, client, trajectoryId, 3, { motivation: 'Mijn eigen woorden' }));
		expect(details).toMatchObject({ changedBy: provider.displayName, currentVersion: 4 });
		expect(details.changedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(details.changes).toEqual([
			{ kind: 'field', field: 'motivation', before: '', after: 'Ik kook graag' },
			{ kind: 'activity_added', activity: activity('a2', 'schooling', 100_000) }
		]);
		const row = await plan();
		expect(row.version).toBe(4);
		expect(JSON.parse(row.content).motivation).toBe('Ik kook graag');
	});

	it('one’s own earlier save (a save on blur still under way) is no conflict with oneself', async () => {
		const first = await savePlan(testDb.db, provider, trajectoryId, 4, { startingSituation: 'Door de aanbieder' });
		const second = await savePlan(testDb.db, provider, trajectoryId, 4, { hoursPerWeek: 30 });
		expect(second).toMatchObject({ version: first.version + 1, changed: true });
		expect(JSON.parse((await plan()).content)).toMatchObject({ startingSituation: 'Door de aanbieder', hoursPerWeek: 30 });
		// but someone else's save in between is
		await expectConflict(savePlan(testDb.db, client, trajectoryId, 4, { hoursPerWeek: 20 }));
		await savePlan(testDb.db, client, trajectoryId, second.version, { hoursPerWeek: 32, startingSituation: '' });
	});

	it('two saves on the same base at once: exactly one wins', async () => {
		const results = await Promise.allSettled([
			savePlan(testDb.db, client, trajectoryId, 7, { startingSituation: 'Eerste' }),
			savePlan(testDb.db, provider, trajectoryId, 7, { startingSituation: 'Tweede' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(Conflict);
		expect((await plan()).version).toBe(8);
	});
});

describe('signing and submitting', () => {
	it('the client cannot submit an unsigned plan', async () => {
		await expect(submitPlan(testDb.db, client, trajectoryId, 8)).rejects.toEqual(new Invalid({ plan: 'plan_error_not_signed' }));
		expect(await versionCount()).toBe(0);
	});

	it('the provider cannot sign an outdated version', async () => {
		const details = await expectConflict(signPlan(testDb.db, provider, trajectoryId, 7));
		expect(details.currentVersion).toBe(8);
		expect(await status()).toBe('draft');
	});

	it('the provider signs the current version; the client hears it in the same transaction', async () => {
		const before = await outboxCount();
		await signPlan(testDb.db, provider, trajectoryId, 8);
		expect(await status()).toBe('provider_signed');
		expect(await plan()).toMatchObject({ signed_version: 8, signed_by: provider.id });
		const view = await getPlanView(testDb.db, client, trajectoryId);
		expect(view.signature).toMatchObject({ by: provider.displayName, version: 8 });
		expect(view.may.submit).toBe(true);
		const notice = await testDb.db.selectFrom('notifications').select(['user_id', 'event', 'params']).where('event', '=', 'plan_signed').execute();
		expect(notice).toHaveLength(1);
		expect(notice[0]!.user_id).toBe(client.id);
		expect(JSON.parse(notice[0]!.params)).toMatchObject({ path: '/plan', providerName: 'Loopbaanlicht' });
		expect(await outboxCount()).toBe(before + 1);
		await expect(signPlan(testDb.db, provider, trajectoryId, 8)).rejects.toEqual(new Invalid({ plan: 'plan_error_already_signed' }));
	});

	it('a change by the client clears the signature and is recorded as a transition', async () => {
		const saved = await savePlan(testDb.db, client, trajectoryId, 8, { hoursPerWeek: 24 });
		expect(saved).toMatchObject({ version: 9, status: 'draft' });
		expect(await plan()).toMatchObject({ signed_version: null, signed_by: null, signed_at: null });
		expect((await getPlanView(testDb.db, client, trajectoryId)).signature).toBeNull();
		const transitions = await transitionsOf(testDb.db, trajectoryId);
		expect(transitions.at(-1)).toMatchObject({ from: 'provider_signed', to: 'draft', reason: 'plan_changed' });
	});

	it('a change by the provider clears it too', async () => {
		await signPlan(testDb.db, provider, trajectoryId, 9);
		await savePlan(testDb.db, provider, trajectoryId, 9, { plannedStart: '2027-01-01', plannedEnd: '2027-12-31', contractForm: 'no_cure_less_pay' });
		expect(await status()).toBe('draft');
		expect((await plan()).signed_version).toBeNull();
		await expect(submitPlan(testDb.db, client, trajectoryId, 10)).rejects.toEqual(new Invalid({ plan: 'plan_error_not_signed' }));
	});

	it('the client cannot submit an outdated version', async () => {
		await signPlan(testDb.db, provider, trajectoryId, 10);
		await expectConflict(submitPlan(testDb.db, client, trajectoryId, 9));
		expect(await status()).toBe('provider_signed');
	});

	it('outbox rows are written with the change or not at all', async () => {
		const before = await outboxCount();
		await expect(
			testDb.db.transaction().execute(async (trx) => {
				await notify(trx, [client.id], { event: 'plan_signed', trajectoryId, path: '/plan', params: {} });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await outboxCount()).toBe(before);
	});

	it('two tabs submit at once: exactly one frozen version, with the rule checks of that moment', async () => {
		const before = await outboxCount();
		const results = await Promise.all([submitPlan(testDb.db, client, trajectoryId, 10), submitPlan(testDb.db, client, trajectoryId, 10)]);
		expect(results.map((r) => r.versionNumber)).toEqual([1, 1]);
		expect(results.filter((r) => r.alreadySubmitted)).toHaveLength(1);
		expect(await versionCount()).toBe(1);
		expect(await status()).toBe('submitted');
		const version = await testDb.db.selectFrom('plan_versions').selectAll().where('trajectory_id', '=', trajectoryId).executeTakeFirstOrThrow();
		expect(version).toMatchObject({ number: 1, submitted_by: client.id });
		expect(JSON.parse(version.content)).toMatchObject({ targetOccupation: 'Kok', hoursPerWeek: 24 });
		const checks = JSON.parse(version.rule_checks) as RuleCheck[];
		expect(checks.find((c) => c.rule === 'budget')).toEqual({ rule: 'budget', outcome: 'pass', value: 250_000, limit: 500_000 });
		expect(JSON.parse(version.rules)).toMatchObject({ budgetCapCents: 500_000 });
		// provider staff and every UWV reviewer are told, each with their own link
		const notices = await testDb.db.selectFrom('notifications').select(['user_id', 'params']).where('event', '=', 'plan_submitted').execute();
		const pathOf = (userId: string) => JSON.parse(notices.find((n) => n.user_id === userId)!.params).path;
		expect(pathOf(provider.id)).toBe(`/aanbieder/clienten/${trajectoryId}/plan`);
		expect(pathOf(reviewerUwv.id)).toBe(`/beoordelen/${trajectoryId}`);
		expect(notices.some((n) => n.user_id === reviewerGemeente.id)).toBe(false);
		expect(await outboxCount()).toBe(before + notices.length);
		const transitions = await transitionsOf(testDb.db, trajectoryId);
		expect(transitions.at(-1)).toMatchObject({ from: 'provider_signed', to: 'submitted' });
		expect((await testDb.db.selectFrom('trajectories').select('submitted_at').where('id', '=', trajectoryId).executeTakeFirstOrThrow()).submitted_at).not.toBeNull();
	});

	it('after submission nobody edits or signs, and everyone sees the frozen version', async () => {
		await expect(savePlan(testDb.db, client, trajectoryId, 10, { targetOccupation: 'Bakker' })).rejects.toEqual(new Invalid({ plan: 'plan_error_not_editable' }));
		await expect(savePlan(testDb.db, provider, trajectoryId, 10, { targetOccupation: 'Bakker' })).rejects.toEqual(new Invalid({ plan: 'plan_error_not_editable' }));
		await expect(signPlan(testDb.db, provider, trajectoryId, 10)).rejects.toEqual(new Invalid({ plan: 'plan_error_not_editable' }));
		const view = await getPlanView(testDb.db, reviewerUwv, trajectoryId);
		expect(view).toMatchObject({ deadline: null, submittedVersion: { number: 1 }, content: { targetOccupation: 'Kok' } });
		expect((await getPlanView(testDb.db, client, trajectoryId)).may).toEqual({ edit: false, sign: false, submit: false, requestExtension: false });
	});

	it('a later change of the organisation’s limits never rewrites the stored checks', async () => {
		const before = await testDb.db.selectFrom('plan_versions').select(['rules', 'rule_checks']).where('trajectory_id', '=', trajectoryId).executeTakeFirstOrThrow();
		await updateRules(testDb.db, admin, ORG_UWV_ID, { budgetCapCents: 100_000, maxDurationMonths: 6, trainingShareFlagPercent: 10, submissionDays: 35, extensionDays: 21, decisionWeeks: 8 });
		const after = await testDb.db.selectFrom('plan_versions').select(['rules', 'rule_checks']).where('trajectory_id', '=', trajectoryId).executeTakeFirstOrThrow();
		expect(after).toEqual(before);
		expect((await getPlanView(testDb.db, reviewerUwv, trajectoryId)).submittedVersion!.ruleChecks.find((c) => c.rule === 'budget')!.outcome).toBe('pass');
	});

	it('returned for changes: the remarks show, the plan is editable, and the next submission is version 2', async () => {
		await testDb.db.updateTable('plan_versions').set({ decision: 'changes_requested', decision_reason: 'Minder scholing graag', decided_at: new Date().toISOString() }).where('trajectory_id', '=', trajectoryId).execute();
		await testDb.db.updateTable('trajectories').set({ status: 'changes_requested' }).where('id', '=', trajectoryId).execute();
		const view = await getPlanView(testDb.db, client, trajectoryId);
		expect(view).toMatchObject({ remarks: 'Minder scholing graag', signature: null, deadline: null, may: { edit: true, submit: false } });
		expect((await getPlanView(testDb.db, provider, trajectoryId)).may.sign).toBe(true);
		const saved = await savePlan(testDb.db, client, trajectoryId, 10, { activities: [activity('a1', 'job_mediation', 150_000)] });
		expect(saved.status).toBe('changes_requested');
		await signPlan(testDb.db, provider, trajectoryId, 11);
		expect(await submitPlan(testDb.db, client, trajectoryId, 11)).toEqual({ versionNumber: 2, alreadySubmitted: false });
		const stored = await testDb.db.selectFrom('plan_versions').select(['number', 'rules']).where('trajectory_id', '=', trajectoryId).orderBy('number').execute();
		expect(stored.map((v) => [v.number, JSON.parse(v.rules).budgetCapCents])).toEqual([
			[1, 500_000],
			[2, 100_000]
		]);
	});
});

describe('the submission deadline', () => {
	let fresh: string;
	const chosenAt = new Date('2027-03-01T10:00:00Z');

	beforeAll(async () => {
		await testDb.db.deleteFrom('trajectories').where('client_id', '=', client2.id).execute();
		const code = await testDb.db
			.selectFrom('providers')
			.innerJoin('provider_benefit_types', 'provider_benefit_types.provider_id', 'providers.id')
			.select('providers.code')
			.where('provider_benefit_types.benefit_type', '=', 'bijstand')
			.where('providers.active', '=', 1)
			.executeTakeFirstOrThrow();
		fresh = (await chooseProvider(testDb.db, client2, code.code, chosenAt)).trajectoryId;
	});

	it('shows the date and days left to the client, with the extension on offer', async () => {
		const view = await getPlanView(testDb.db, client2, fresh, new Date(chosenAt.getTime() + 5 * DAY));
		expect(view.deadline).toEqual({ date: '2027-04-05T10:00:00.000Z', daysLeft: 30, extended: false, mayRequestExtension: true });
		expect(view.may.requestExtension).toBe(true);
	});

	it('reminds client and provider staff once, a week before', async () => {
		const staff = await testDb.db.selectFrom('trajectories').innerJoin('users', 'users.provider_id', 'trajectories.provider_id').select('users.id').where('trajectories.id', '=', fresh).execute();
		const reminders = () => testDb.db.selectFrom('notifications').select(['user_id', 'params']).where('event', '=', 'deadline_reminder').where('trajectory_id', '=', fresh).execute();
		expect(await remindPlanDeadlines(testDb.db, new Date(chosenAt.getTime() + 27 * DAY))).toBe(0);
		expect(await reminders()).toHaveLength(0);
		expect(await remindPlanDeadlines(testDb.db, new Date(chosenAt.getTime() + 28 * DAY))).toBe(1);
		const sent = await reminders();
		expect(sent.map((n) => n.user_id).sort()).toEqual([client2.id, ...staff.map((s) => s.id)].sort());
		// The moment itself: each recipient's mail writes it out as a day in Dutch time and their language.
		expect(JSON.parse(sent[0]!.params).date).toBe('2027-04-05T10:00:00.000Z');
		expect(await remindPlanDeadlines(testDb.db, new Date(chosenAt.getTime() + 29 * DAY))).toBe(0);
		expect(await reminders()).toHaveLength(sent.length);
	});

	it('the client gets the extension once; asking again answers with the same deadline', async () => {
		const now = new Date(chosenAt.getTime() + 30 * DAY);
		expect(await requestExtension(testDb.db, client2, fresh, now)).toEqual({ deadline: '2027-04-26T10:00:00.000Z' });
		const view = await getPlanView(testDb.db, client2, fresh, now);
		expect(view.deadline).toMatchObject({ date: '2027-04-26T10:00:00.000Z', daysLeft: 26, extended: true, mayRequestExtension: false });
		// Asking again (a double click) answers with the same extension and grants no second one.
		expect(await requestExtension(testDb.db, client2, fresh, new Date(now.getTime() + DAY))).toEqual({ deadline: '2027-04-26T10:00:00.000Z' });
		const audit = await testDb.db.selectFrom('audit_log').select('action').where('entity_id', '=', fresh).where('action', '=', 'plan.extension_requested').execute();
		expect(audit).toHaveLength(1);
	});

	it('no extension once the deadline has passed, or after submission', async () => {
		await expect(requestExtension(testDb.db, client, trajectoryId)).rejects.toEqual(new Invalid({ extension: 'plan_error_extension_not_possible' }));
		await testDb.db.updateTable('trajectories').set({ extension_requested_at: null }).where('id', '=', fresh).execute();
		await expect(requestExtension(testDb.db, client2, fresh, new Date(chosenAt.getTime() + 36 * DAY))).rejects.toEqual(new Invalid({ extension: 'plan_error_extension_too_late' }));
	});
});
