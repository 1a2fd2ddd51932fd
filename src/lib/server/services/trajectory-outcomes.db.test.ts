import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placementNow } from '../../../../tests/support/provider-figures';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { activeTrajectory, newClient, submittedPlan } from '../../../../tests/support/plan-fixtures';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { currentSurveyWave } from '$lib/server/app';
import { DEMO_PROVIDER_ID, DEMO_PROVIDER2_ID, ORG_GEMEENTE_ZWOLLE_ID, ORG_UWV_ID } from '$lib/server/demo/seed';
import { getOutcomeView, recordOutcome } from './trajectory-outcomes';

let testDb: TestDatabase;
let reviewerUwv: UserActor;
let reviewerZwolle: UserActor;
let provider: UserActor;
let provider2: UserActor;
let client: UserActor;

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	reviewerUwv = await actor('reviewer.uwv@demo.regie.nl');
	reviewerZwolle = await actor('reviewer.gemeente@demo.regie.nl');
	provider = await actor('provider@demo.regie.nl');
	provider2 = await actor('provider2@demo.regie.nl');
	client = await actor('client@demo.regie.nl');
});
afterAll(() => testDb.close());

async function running() {
	const clientId = await newClient(testDb.db, { organisationId: ORG_UWV_ID, benefitType: 'WW', name: 'Tim Bakker' });
	const plan = await activeTrajectory(testDb.db, { client: clientId, provider: DEMO_PROVIDER_ID, organisation: ORG_UWV_ID });
	return { clientId, trajectoryId: plan.trajectoryId };
}
const trajectory = (id: string) => testDb.db.selectFrom('trajectories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const invitations = (id: string) => testDb.db.selectFrom('survey_invitations').select(['id', 'wave']).where('trajectory_id', '=', id).execute();
const notices = (id: string) => testDb.db.selectFrom('notifications').select(['user_id', 'event']).where('trajectory_id', '=', id).execute();
const mails = (userId: string) => testDb.db.selectFrom('outbox').select(['event', 'body', 'next_attempt_at']).where('user_id', '=', userId).execute();

describe('recordOutcome', () => {
	it('completed with a placement: date and contract length stored, counted as placed', async () => {
		const { clientId, trajectoryId } = await running();
		const before = await placementNow(testDb.db, DEMO_PROVIDER_ID);
		const now = new Date();
		const result = await recordOutcome(testDb.db, provider, trajectoryId, { outcome: 'completed', placed: true, placedOn: now.toISOString().slice(0, 10), contractMonths: 12 }, now);
		expect(result).toEqual({ trajectoryId, status: 'completed', surveyInvited: true });
		expect(await trajectory(trajectoryId)).toMatchObject({
			status: 'completed',
			placed: 1,
			placed_on: now.toISOString().slice(0, 10),
			contract_months: 12,
			end_reason: null,
			ended_at: now.toISOString()
		});
		const after = await placementNow(testDb.db, DEMO_PROVIDER_ID);
		expect(after.completed).toBe(before.completed + 1);
		const transitions = await testDb.db.selectFrom('trajectory_transitions').select(['from_status', 'to_status', 'actor_id']).where('trajectory_id', '=', trajectoryId).orderBy('occurred_at', 'desc').execute();
		expect(transitions[0]).toEqual({ from_status: 'active', to_status: 'completed', actor_id: provider.id });
		// The client is told and invited; the provider's staff recorded it themselves.
		expect((await notices(trajectoryId)).map((row) => [row.user_id, row.event]).sort()).toEqual(
			[
				[clientId, 'outcome_recorded'],
				[clientId, 'survey_invitation']
			].sort()
		);
		expect(await invitations(trajectoryId)).toEqual([expect.objectContaining({ wave: currentSurveyWave(now) })]);
		const clientMails = await mails(clientId);
		expect(clientMails.map((mail) => mail.event).sort()).toEqual(['outcome_recorded', 'survey_invitation', 'survey_reminder']);
		expect(clientMails.find((mail) => mail.event === 'survey_invitation')!.body).toMatch(/\/enquete\/\S+/);
		const audit = await testDb.db.selectFrom('audit_log').select('action').where('entity_id', '=', trajectoryId).execute();
		expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['trajectory.outcome_recorded', 'survey.invited']));
	});

	it('completed without a placement', async () => {
		const { trajectoryId } = await running();
		await recordOutcome(testDb.db, reviewerUwv, trajectoryId, { outcome: 'completed', placed: false });
		expect(await trajectory(trajectoryId)).toMatchObject({ status: 'completed', placed: 0, placed_on: null, contract_months: null });
		// Recorded by the reviewer: the provider's staff hear of it too.
		expect((await notices(trajectoryId)).filter((row) => row.user_id === provider.id).map((row) => row.event)).toEqual(['outcome_recorded']);
	});

	it('terminated with a reason: not a completed trajectory for the placement rate', async () => {
		const { trajectoryId } = await running();
		const before = await placementNow(testDb.db, DEMO_PROVIDER_ID);
		await recordOutcome(testDb.db, provider, trajectoryId, { outcome: 'terminated', reason: '  Verhuisd naar het buitenland.  ' });
		expect(await trajectory(trajectoryId)).toMatchObject({ status: 'terminated', placed: null, end_reason: 'Verhuisd naar het buitenland.' });
		expect((await placementNow(testDb.db, DEMO_PROVIDER_ID)).completed).toBe(before.completed);
		expect(await invitations(trajectoryId)).toHaveLength(1);
	});

	it('refuses bad facts and writes nothing', async () => {
		const { clientId, trajectoryId } = await running();
		const cases: [Parameters<typeof recordOutcome>[3], Invalid][] = [
			[{ outcome: 'completed', placed: true, placedOn: '2027-02-30', contractMonths: 6 }, new Invalid({ placedOn: 'outcome_error_placed_on' })],
			[{ outcome: 'completed', placed: true, placedOn: '2001-01-01', contractMonths: 6 }, new Invalid({ placedOn: 'outcome_error_placed_on_range' })],
			[{ outcome: 'completed', placed: true, placedOn: new Date().toISOString().slice(0, 10), contractMonths: 0 }, new Invalid({ contractMonths: 'outcome_error_contract_months' })],
			[{ outcome: 'completed', placed: true, placedOn: new Date().toISOString().slice(0, 10), contractMonths: 2.5 }, new Invalid({ contractMonths: 'outcome_error_contract_months' })],
			[{ outcome: 'terminated', reason: '  ' }, new Invalid({ reason: 'outcome_error_reason_required' })]
		];
		for (const [input, error] of cases) await expect(recordOutcome(testDb.db, provider, trajectoryId, input)).rejects.toEqual(error);
		expect((await trajectory(trajectoryId)).status).toBe('active');
		expect(await mails(clientId)).toHaveLength(0);
	});

	it('is refused unless the trajectory is active, and invites once', async () => {
		const { trajectoryId } = await running();
		await recordOutcome(testDb.db, provider, trajectoryId, { outcome: 'completed', placed: false });
		await expect(recordOutcome(testDb.db, provider, trajectoryId, { outcome: 'terminated', reason: 'Nog eens' })).rejects.toEqual(new Invalid({ outcome: 'outcome_error_not_active' }));
		expect(await invitations(trajectoryId)).toHaveLength(1);
		expect((await trajectory(trajectoryId)).status).toBe('completed');

		const clientId = await newClient(testDb.db, { organisationId: ORG_UWV_ID, benefitType: 'WW' });
		const waiting = await submittedPlan(testDb.db, { client: clientId, provider: DEMO_PROVIDER_ID, organisation: ORG_UWV_ID });
		await expect(recordOutcome(testDb.db, reviewerUwv, waiting.trajectoryId, { outcome: 'completed', placed: false })).rejects.toEqual(new Invalid({ outcome: 'outcome_error_not_active' }));
		expect(await invitations(waiting.trajectoryId)).toHaveLength(0);
	});

	it('two people recording at once: one outcome, one invitation', async () => {
		const { clientId, trajectoryId } = await running();
		const results = await Promise.allSettled([
			recordOutcome(testDb.db, provider, trajectoryId, { outcome: 'completed', placed: false }),
			recordOutcome(testDb.db, reviewerUwv, trajectoryId, { outcome: 'terminated', reason: 'Ziek geworden' })
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect(await invitations(trajectoryId)).toHaveLength(1);
		expect((await mails(clientId)).filter((mail) => mail.event === 'survey_invitation')).toHaveLength(1);
	});

	it('refuses another provider, another organisation and other roles', async () => {
		const { trajectoryId } = await running();
		await expect(recordOutcome(testDb.db, provider2, trajectoryId, { outcome: 'completed', placed: false })).rejects.toBeInstanceOf(NotFound);
		await expect(recordOutcome(testDb.db, reviewerZwolle, trajectoryId, { outcome: 'completed', placed: false })).rejects.toBeInstanceOf(NotFound);
		await expect(recordOutcome(testDb.db, client, trajectoryId, { outcome: 'completed', placed: false })).rejects.toBeInstanceOf(Forbidden);
		await expect(getOutcomeView(testDb.db, provider2, trajectoryId)).rejects.toBeInstanceOf(NotFound);
		expect((await trajectory(trajectoryId)).status).toBe('active');
		expect(await invitations(trajectoryId)).toHaveLength(0);
	});

	it('shows the form’s facts to those who may record', async () => {
		const { trajectoryId } = await running();
		await expect(getOutcomeView(testDb.db, provider, trajectoryId)).resolves.toMatchObject({ clientName: 'Tim Bakker', providerName: 'Loopbaanlicht', mayRecord: true });
		const zwolleClient = await newClient(testDb.db, { organisationId: ORG_GEMEENTE_ZWOLLE_ID, benefitType: 'bijstand' });
		const zwolle = await activeTrajectory(testDb.db, { client: zwolleClient, provider: DEMO_PROVIDER2_ID, organisation: ORG_GEMEENTE_ZWOLLE_ID });
		await expect(getOutcomeView(testDb.db, reviewerZwolle, zwolle.trajectoryId)).resolves.toMatchObject({ mayRecord: true });
		await expect(getOutcomeView(testDb.db, reviewerUwv, zwolle.trajectoryId)).rejects.toBeInstanceOf(NotFound);
	});
});
