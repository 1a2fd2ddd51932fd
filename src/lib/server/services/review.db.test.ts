import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { newClient, samplePlan, setStatus, submittedPlan, activeTrajectory } from '../../../../tests/support/plan-fixtures';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { defaultRules } from '$lib/domain/plan/rules';
import type { QueueFilter, QueueStatusFilter } from '$lib/schemas/review';
import { DEMO_PROVIDER_ID, DEMO_PROVIDER2_ID, ORG_GEMEENTE_UTRECHT_ID, ORG_GEMEENTE_ZWOLLE_ID, ORG_UWV_ID } from '$lib/server/demo/seed';
import { decide, getReviewCase, listQueue, QUEUE_PAGE_SIZE, statusesOfFilter } from './review';
import { updateRules } from './organisation-rules';

const DAY_MS = 24 * 60 * 60 * 1000;
const minimum = { publicationMinimum: 30 };

let testDb: TestDatabase;
let reviewerUwv: UserActor;
let reviewerZwolle: UserActor;
let reviewerUtrecht: UserActor;
let provider: UserActor;
let admin: UserActor;
let client: UserActor;

const filter = (overrides: Partial<QueueFilter> = {}): QueueFilter => ({ status: 'submitted', benefitType: null, page: 1, ...overrides });

// Fixture trajectories per organisation; demo data may hold more, the assertions allow for that.
const mine = { uwv: [] as string[], zwolle: [] as string[], utrecht: [] as string[] };

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	reviewerUwv = await actor('reviewer.uwv@demo.regie.nl');
	reviewerZwolle = await actor('reviewer.gemeente@demo.regie.nl');
	reviewerUtrecht = await actor('reviewer.utrecht@demo.regie.nl');
	provider = await actor('provider@demo.regie.nl');
	admin = await actor('admin@demo.regie.nl');
	client = await actor('client@demo.regie.nl');
	const db = testDb.db;
	const now = Date.now();
	for (const [organisation, benefitType, list, providerId] of [
		[ORG_UWV_ID, 'WW', mine.uwv, DEMO_PROVIDER_ID],
		[ORG_GEMEENTE_ZWOLLE_ID, 'bijstand', mine.zwolle, DEMO_PROVIDER2_ID],
		[ORG_GEMEENTE_UTRECHT_ID, 'bijstand', mine.utrecht, DEMO_PROVIDER_ID]
	] as const) {
		for (const daysAgo of [3, 70, 20]) {
			const clientId = await newClient(db, { organisationId: organisation, benefitType, name: `Wachtend ${daysAgo} ${organisation}` });
			const plan = await submittedPlan(db, { client: clientId, provider: providerId, organisation, submittedAt: new Date(now - daysAgo * DAY_MS) });
			list.push(plan.trajectoryId);
		}
		const activeClient = await newClient(db, { organisationId: organisation, benefitType, name: `Actief ${organisation}` });
		list.push((await activeTrajectory(db, { client: activeClient, provider: providerId, organisation })).trajectoryId);
	}
});
afterAll(() => testDb.close());

async function organisationOf(trajectoryId: string) {
	return (await testDb.db.selectFrom('trajectories').select('organisation_id').where('id', '=', trajectoryId).executeTakeFirstOrThrow()).organisation_id;
}

/** What the database holds for an organisation, counted independently of the service. */
async function expectedCounts(organisationId: string): Promise<Record<QueueStatusFilter, number>> {
	const rows = await testDb.db
		.selectFrom('trajectories')
		.select('status')
		.where('organisation_id', '=', organisationId)
		.where(({ exists, selectFrom }) => exists(selectFrom('plan_versions').select('id').whereRef('plan_versions.trajectory_id', '=', 'trajectories.id')))
		.execute();
	const count = (statuses: readonly string[]) => rows.filter((row) => statuses.includes(row.status)).length;
	return {
		submitted: count(statusesOfFilter.submitted),
		changes_requested: count(statusesOfFilter.changes_requested),
		active: count(statusesOfFilter.active),
		rejected: count(statusesOfFilter.rejected),
		ended: count(statusesOfFilter.ended),
		all: rows.length
	};
}

describe('listQueue', () => {
	it('is for reviewers only', async () => {
		for (const actor of [provider, admin, client]) await expect(listQueue(testDb.db, actor, filter())).rejects.toBeInstanceOf(Forbidden);
	});

	it('shows a reviewer only their own organisation, in the lists and in the counts', async () => {
		for (const [reviewer, organisation, own, others] of [
			[reviewerUwv, ORG_UWV_ID, mine.uwv, [...mine.zwolle, ...mine.utrecht]],
			[reviewerZwolle, ORG_GEMEENTE_ZWOLLE_ID, mine.zwolle, [...mine.uwv, ...mine.utrecht]],
			[reviewerUtrecht, ORG_GEMEENTE_UTRECHT_ID, mine.utrecht, [...mine.uwv, ...mine.zwolle]]
		] as const) {
			const queue = await listQueue(testDb.db, reviewer, filter({ status: 'all' }));
			const ids = queue.items.map((item) => item.trajectoryId);
			for (const id of own) expect(ids).toContain(id);
			for (const id of others) expect(ids).not.toContain(id);
			for (const id of ids) expect(await organisationOf(id)).toBe(organisation);
			expect(queue.counts).toEqual(await expectedCounts(organisation));
			expect(queue.total).toBe(queue.counts.all);
		}
	});

	it('shows waiting plans oldest first, with the days waiting and the overdue ones marked', async () => {
		const now = new Date();
		const queue = await listQueue(testDb.db, reviewerZwolle, filter(), now);
		expect(queue.items.every((item) => item.status === 'submitted')).toBe(true);
		const submitted = queue.items.map((item) => item.submittedAt);
		expect(submitted).toEqual([...submitted].sort());
		const oldest = queue.items.find((item) => item.trajectoryId === mine.zwolle[1])!;
		expect(oldest.waiting).toMatchObject({ days: 70, overdue: true });
		const recent = queue.items.find((item) => item.trajectoryId === mine.zwolle[0])!;
		expect(recent.waiting).toMatchObject({ days: 3, overdue: false });
		expect(recent).toMatchObject({ providerName: 'Werkkracht Oost', versionNumber: 1, totalCostCents: 340_000, benefitType: 'bijstand' });
		expect(queue.overdueCount).toBeGreaterThanOrEqual(1);
		expect(queue.decisionWeeks).toBe(8);
	});

	it('marks overdue by the organisation’s own decision term', async () => {
		await updateRules(testDb.db, admin, ORG_GEMEENTE_UTRECHT_ID, { ...defaultRules, decisionWeeks: 2 });
		const queue = await listQueue(testDb.db, reviewerUtrecht, filter());
		const twentyDays = queue.items.find((item) => item.trajectoryId === mine.utrecht[2])!;
		expect(twentyDays.waiting?.overdue).toBe(true);
		expect(queue.decisionWeeks).toBe(2);
		// The same 20 days are not overdue for UWV's 8 weeks.
		const uwv = await listQueue(testDb.db, reviewerUwv, filter());
		expect(uwv.items.find((item) => item.trajectoryId === mine.uwv[2])!.waiting?.overdue).toBe(false);
	});

	it('filters by status and benefit type', async () => {
		const active = await listQueue(testDb.db, reviewerUwv, filter({ status: 'active' }));
		expect(active.items.map((item) => item.trajectoryId)).toContain(mine.uwv[3]);
		expect(active.items.every((item) => item.status === 'active' || item.status === 'approved')).toBe(true);
		expect(active.items.every((item) => item.waiting === null)).toBe(true);

		const wia = await listQueue(testDb.db, reviewerUwv, filter({ benefitType: 'WIA' }));
		expect(wia.items.every((item) => item.benefitType === 'WIA')).toBe(true);
		expect(wia.items.map((item) => item.trajectoryId)).not.toContain(mine.uwv[0]);
		const ww = await listQueue(testDb.db, reviewerUwv, filter({ benefitType: 'WW' }));
		expect(ww.items.map((item) => item.trajectoryId)).toContain(mine.uwv[0]);
		expect(ww.counts.submitted + wia.counts.submitted).toBeLessThanOrEqual((await listQueue(testDb.db, reviewerUwv, filter())).counts.submitted);
	});

	it('lists plans returned for changes while they are amended', async () => {
		const clientId = await newClient(testDb.db, { organisationId: ORG_GEMEENTE_ZWOLLE_ID, benefitType: 'bijstand' });
		const plan = await submittedPlan(testDb.db, { client: clientId, provider: DEMO_PROVIDER2_ID, organisation: ORG_GEMEENTE_ZWOLLE_ID });
		await decide(testDb.db, reviewerZwolle, plan.planVersionId, { decision: 'changes_requested', reason: 'Voeg een stage toe.' });
		await setStatus(testDb.db, plan.trajectoryId, 'provider_signed');
		const returned = await listQueue(testDb.db, reviewerZwolle, filter({ status: 'changes_requested' }));
		expect(returned.items.find((item) => item.trajectoryId === plan.trajectoryId)?.status).toBe('provider_signed');
		// A draft never submitted is nobody's business in the queue.
		const draftClient = await newClient(testDb.db, { organisationId: ORG_GEMEENTE_ZWOLLE_ID, benefitType: 'bijstand' });
		const draft = crypto.randomUUID();
		const at = new Date().toISOString();
		await testDb.db
			.insertInto('trajectories')
			.values({ id: draft, client_id: draftClient, provider_id: DEMO_PROVIDER2_ID, organisation_id: ORG_GEMEENTE_ZWOLLE_ID, status: 'draft', chosen_at: at, updated_at: at, ended_at: null, placed: null })
			.execute();
		const all = await listQueue(testDb.db, reviewerZwolle, filter({ status: 'all' }));
		expect(all.items.map((item) => item.trajectoryId)).not.toContain(draft);
	});

	it('pages', async () => {
		for (let index = 0; index < QUEUE_PAGE_SIZE; index++) {
			const clientId = await newClient(testDb.db, { organisationId: ORG_GEMEENTE_UTRECHT_ID, benefitType: 'bijstand' });
			await submittedPlan(testDb.db, { client: clientId, provider: DEMO_PROVIDER_ID, organisation: ORG_GEMEENTE_UTRECHT_ID, submittedAt: new Date(Date.now() - index * 60_000) });
		}
		const first = await listQueue(testDb.db, reviewerUtrecht, filter());
		expect(first.items).toHaveLength(QUEUE_PAGE_SIZE);
		expect(first.pageCount).toBe(Math.ceil(first.total / QUEUE_PAGE_SIZE));
		const second = await listQueue(testDb.db, reviewerUtrecht, filter({ page: 2 }));
		expect(second.page).toBe(2);
		expect(second.items.length).toBe(first.total - QUEUE_PAGE_SIZE);
		expect(second.items[0]!.submittedAt >= first.items.at(-1)!.submittedAt).toBe(true);
		// A page past the end shows the last page.
		expect((await listQueue(testDb.db, reviewerUtrecht, filter({ page: 99 }))).page).toBe(second.pageCount);
	});
});

describe('getReviewCase', () => {
	it('gives everything for a decision, with the rule checks as stored', async () => {
		const clientId = await newClient(testDb.db, { organisationId: ORG_UWV_ID, benefitType: 'WW', name: 'Karin Vos' });
		const expensive = samplePlan({
			targetOccupation: 'Boekhouder',
			activities: [
				...samplePlan().activities,
				{ id: 'a4', type: 'schooling', description: 'Opleiding boekhouden', startWeek: 10, durationWeeks: 30, costCents: 260_000 }
			]
		});
		const plan = await submittedPlan(testDb.db, {
			client: clientId,
			provider: DEMO_PROVIDER_ID,
			organisation: ORG_UWV_ID,
			content: expensive,
			earlier: [{ decision: 'changes_requested', reason: 'Minder scholing graag.', content: samplePlan() }]
		});
		// Limits changed after submission do not rewrite the stored checks.
		await updateRules(testDb.db, admin, ORG_UWV_ID, { ...defaultRules, budgetCapCents: 10_000_000 });
		const found = await getReviewCase(testDb.db, reviewerUwv, plan.trajectoryId, minimum);
		expect(found.client).toMatchObject({ name: 'Karin Vos', benefitType: 'WW', region: 'utrecht', startingSituation: expensive.startingSituation, motivation: expensive.motivation });
		expect(found.latest).toMatchObject({ id: plan.planVersionId, number: 2, decision: null, totalCostCents: 600_000 });
		expect(found.latest.ruleChecks.find((check) => check.rule === 'budget')).toEqual({ rule: 'budget', outcome: 'flag', value: 600_000, limit: 500_000 });
		expect(found.earlier).toHaveLength(1);
		expect(found.earlier[0]).toMatchObject({ number: 1, decision: 'changes_requested', decisionReason: 'Minder scholing graag.' });
		expect(found.changes?.since).toBe(1);
		expect(found.changes?.list).toEqual(
			expect.arrayContaining([expect.objectContaining({ kind: 'field', field: 'targetOccupation' }), expect.objectContaining({ kind: 'activity_added' })])
		);
		expect(found.provider.id).toBe(DEMO_PROVIDER_ID);
		expect(found.placement.provider).toHaveProperty('completed');
		expect(found.deadline).toMatchObject({ daysWaiting: 0, overdue: false, decisionWeeks: 8 });
		expect(found.mayDecide).toBe(true);
		expect(found.transitions.map((transition) => transition.to)).toEqual(['draft', 'provider_signed', 'submitted', 'changes_requested', 'provider_signed', 'submitted']);
		await updateRules(testDb.db, admin, ORG_UWV_ID, defaultRules);
	});

	it('answers another organisation’s trajectory as not found, and refuses other roles', async () => {
		await expect(getReviewCase(testDb.db, reviewerZwolle, mine.uwv[0]!, minimum)).rejects.toBeInstanceOf(NotFound);
		await expect(getReviewCase(testDb.db, reviewerUtrecht, mine.zwolle[0]!, minimum)).rejects.toBeInstanceOf(NotFound);
		await expect(getReviewCase(testDb.db, reviewerUwv, crypto.randomUUID(), minimum)).rejects.toBeInstanceOf(NotFound);
		await expect(getReviewCase(testDb.db, provider, mine.uwv[0]!, minimum)).rejects.toBeInstanceOf(Forbidden);
		await expect(getReviewCase(testDb.db, reviewerUwv, mine.uwv[0]!, minimum)).resolves.toMatchObject({ trajectoryId: mine.uwv[0] });
	});
});

describe('decide', () => {
	async function waiting(organisation = ORG_UWV_ID, providerId = DEMO_PROVIDER_ID) {
		const clientId = await newClient(testDb.db, { organisationId: organisation, benefitType: organisation === ORG_UWV_ID ? 'WW' : 'bijstand', name: 'Lieke Mol' });
		return { clientId, ...(await submittedPlan(testDb.db, { client: clientId, provider: providerId, organisation })) };
	}
	const trajectory = (id: string) => testDb.db.selectFrom('trajectories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const version = (id: string) => testDb.db.selectFrom('plan_versions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const transitions = (id: string) => testDb.db.selectFrom('trajectory_transitions').select(['from_status', 'to_status', 'actor_id', 'reason']).where('trajectory_id', '=', id).orderBy('occurred_at').execute();
	const outbox = (ids: string[]) => testDb.db.selectFrom('outbox').select(['event', 'user_id', 'body']).where('user_id', 'in', ids).execute();
	const notifications = (trajectoryId: string) => testDb.db.selectFrom('notifications').select(['user_id', 'event', 'params']).where('trajectory_id', '=', trajectoryId).execute();

	it('approves: the trajectory is active, both steps logged, client and provider told', async () => {
		const plan = await waiting();
		const result = await decide(testDb.db, reviewerUwv, plan.planVersionId, { decision: 'approved', reason: '' });
		expect(result).toEqual({ trajectoryId: plan.trajectoryId, decision: 'approved', status: 'active' });
		expect((await trajectory(plan.trajectoryId)).status).toBe('active');
		expect(await version(plan.planVersionId)).toMatchObject({ decision: 'approved', decision_reason: null, decided_by: reviewerUwv.id });
		expect((await transitions(plan.trajectoryId)).slice(-2)).toEqual([
			{ from_status: 'submitted', to_status: 'approved', actor_id: reviewerUwv.id, reason: null },
			{ from_status: 'approved', to_status: 'active', actor_id: reviewerUwv.id, reason: null }
		]);
		const sent = await notifications(plan.trajectoryId);
		expect(sent.map((row) => [row.user_id, row.event]).sort()).toEqual(
			[
				[plan.clientId, 'plan_approved'],
				[provider.id, 'plan_approved']
			].sort()
		);
		expect(JSON.parse(sent.find((row) => row.user_id === plan.clientId)!.params).path).toBe('/plan');
		expect(JSON.parse(sent.find((row) => row.user_id === provider.id)!.params).path).toBe(`/aanbieder/clienten/${plan.trajectoryId}/plan`);
		const mails = await outbox([plan.clientId]);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.body).toContain('/plan');
		const audit = await testDb.db.selectFrom('audit_log').select('action').where('entity_id', '=', plan.planVersionId).execute();
		expect(audit.map((entry) => entry.action)).toEqual(['plan.decided']);
	});

	it('asks for changes: the plan goes back with the remarks', async () => {
		const plan = await waiting();
		await decide(testDb.db, reviewerUwv, plan.planVersionId, { decision: 'changes_requested', reason: '  Voeg een werkstage toe.  ' });
		expect((await trajectory(plan.trajectoryId)).status).toBe('changes_requested');
		expect((await version(plan.planVersionId)).decision_reason).toBe('Voeg een werkstage toe.');
		expect((await transitions(plan.trajectoryId)).at(-1)).toEqual({ from_status: 'submitted', to_status: 'changes_requested', actor_id: reviewerUwv.id, reason: 'Voeg een werkstage toe.' });
		expect((await notifications(plan.trajectoryId)).map((row) => row.event)).toEqual(['changes_requested', 'changes_requested']);
	});

	it('rejects with a reason', async () => {
		const plan = await waiting(ORG_GEMEENTE_ZWOLLE_ID, DEMO_PROVIDER2_ID);
		await decide(testDb.db, reviewerZwolle, plan.planVersionId, { decision: 'rejected', reason: 'Te duur voor wat het oplevert.' });
		expect((await trajectory(plan.trajectoryId)).status).toBe('rejected');
		expect((await notifications(plan.trajectoryId)).map((row) => row.event).sort()).toEqual(['plan_rejected', 'plan_rejected']);
	});

	it('requires a reason to reject or ask for changes, and writes nothing without one', async () => {
		const plan = await waiting();
		for (const decision of ['rejected', 'changes_requested'] as const) {
			await expect(decide(testDb.db, reviewerUwv, plan.planVersionId, { decision, reason: '   ' })).rejects.toEqual(new Invalid({ reason: 'review_error_reason_required' }));
		}
		expect((await version(plan.planVersionId)).decision).toBeNull();
		expect((await trajectory(plan.trajectoryId)).status).toBe('submitted');
	});

	it('refuses deciding twice', async () => {
		const plan = await waiting();
		await decide(testDb.db, reviewerUwv, plan.planVersionId, { decision: 'changes_requested', reason: 'Meer uren graag.' });
		await expect(decide(testDb.db, reviewerUwv, plan.planVersionId, { decision: 'approved' })).rejects.toEqual(new Invalid({ decision: 'review_error_already_decided' }));
		expect((await version(plan.planVersionId)).decision).toBe('changes_requested');
	});

	it('refuses a decision on a version that is no longer the latest', async () => {
		const clientId = await newClient(testDb.db, { organisationId: ORG_UWV_ID, benefitType: 'WW' });
		// Version 1 never got a decision, version 2 came after it.
		const plan = await submittedPlan(testDb.db, { client: clientId, provider: DEMO_PROVIDER_ID, organisation: ORG_UWV_ID, earlier: [{ decision: null }] });
		await expect(decide(testDb.db, reviewerUwv, plan.versionIds[0]!, { decision: 'approved' })).rejects.toEqual(new Invalid({ decision: 'review_error_outdated' }));
		await expect(decide(testDb.db, reviewerUwv, plan.planVersionId, { decision: 'approved' })).resolves.toMatchObject({ status: 'active' });
	});

	it('refuses when the trajectory does not wait for a decision', async () => {
		const plan = await waiting();
		await setStatus(testDb.db, plan.trajectoryId, 'draft');
		await expect(decide(testDb.db, reviewerUwv, plan.planVersionId, { decision: 'approved' })).rejects.toEqual(new Invalid({ decision: 'review_error_not_waiting' }));
	});

	it('lets exactly one of two reviewers deciding at once succeed', async () => {
		const plan = await waiting();
		const colleague = { ...reviewerUwv, id: reviewerUwv.id };
		const results = await Promise.allSettled([
			decide(testDb.db, reviewerUwv, plan.planVersionId, { decision: 'approved' }),
			decide(testDb.db, colleague, plan.planVersionId, { decision: 'rejected', reason: 'Nee.' })
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(Invalid);
		const winner = (results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<{ decision: string; status: string }>).value;
		expect((await trajectory(plan.trajectoryId)).status).toBe(winner.status);
		// One decision's worth of notifications: client and provider staff, once.
		expect(await notifications(plan.trajectoryId)).toHaveLength(2);
		expect(await outbox([plan.clientId])).toHaveLength(1);
	});

	it('writes no mail when the decision fails inside the transaction', async () => {
		const plan = await waiting();
		// A trajectory that moved on between reading and writing: the status update finds nothing.
		await setStatus(testDb.db, plan.trajectoryId, 'active');
		await expect(decide(testDb.db, reviewerUwv, plan.planVersionId, { decision: 'approved' })).rejects.toBeInstanceOf(Invalid);
		expect(await outbox([plan.clientId])).toHaveLength(0);
		expect(await notifications(plan.trajectoryId)).toHaveLength(0);
		expect((await version(plan.planVersionId)).decision).toBeNull();
	});

	it('rolls back the decision, transitions and mails when notifying fails', async () => {
		const plan = await waiting();
		// The client's account disappears mid-way: the mail cannot be addressed, the outbox insert fails.
		const failing = new Proxy(testDb.db, {
			get(target, property) {
				if (property !== 'transaction') {
					const value = Reflect.get(target, property, target);
					return typeof value === 'function' ? value.bind(target) : value;
				}
				return () => {
					const builder = target.transaction();
					return {
						execute: (work: (trx: typeof target) => Promise<unknown>) =>
							builder.execute(async (trx) => {
								await work(trx);
								const written = await trx.selectFrom('outbox').select('id').where('user_id', '=', plan.clientId).execute();
								expect(written).toHaveLength(1);
								throw new Error('crash after the mail was written');
							})
					};
				};
			}
		});
		await expect(decide(failing, reviewerUwv, plan.planVersionId, { decision: 'approved' })).rejects.toThrow('crash after the mail was written');
		expect(await outbox([plan.clientId])).toHaveLength(0);
		expect(await notifications(plan.trajectoryId)).toHaveLength(0);
		expect((await version(plan.planVersionId)).decision).toBeNull();
		expect((await trajectory(plan.trajectoryId)).status).toBe('submitted');
		expect((await transitions(plan.trajectoryId)).at(-1)?.to_status).toBe('submitted');
	});

	it('answers another organisation’s version as not found', async () => {
		const plan = await waiting();
		await expect(decide(testDb.db, reviewerZwolle, plan.planVersionId, { decision: 'approved' })).rejects.toBeInstanceOf(NotFound);
		await expect(decide(testDb.db, provider, plan.planVersionId, { decision: 'approved' })).rejects.toBeInstanceOf(Forbidden);
		expect((await version(plan.planVersionId)).decision).toBeNull();
	});
});
