import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { DEMO_PROVIDER_ID, ORG_UWV_ID } from '$lib/server/demo/seed';
import { chooseProvider, getOpenTrajectory, listProviderClients } from './trajectories';

let testDb: TestDatabase;
let client: UserActor;
let client2: UserActor;
let provider: UserActor;
let provider2: UserActor;
let admin: UserActor;

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	client = await actor('client@demo.regie.nl');
	client2 = await actor('client2@demo.regie.nl');
	provider = await actor('provider@demo.regie.nl');
	provider2 = await actor('provider2@demo.regie.nl');
	admin = await actor('admin@demo.regie.nl');
});
afterAll(() => testDb.close());

const codeOf = async (id: string) => (await testDb.db.selectFrom('providers').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
async function codeServing(benefit: string, exceptId: string) {
	const row = await testDb.db
		.selectFrom('providers')
		.innerJoin('provider_benefit_types', 'provider_benefit_types.provider_id', 'providers.id')
		.select('providers.code')
		.where('provider_benefit_types.benefit_type', '=', benefit)
		.where('providers.active', '=', 1)
		.where('providers.id', '!=', exceptId)
		.executeTakeFirstOrThrow();
	return row.code;
}

describe('chooseProvider', () => {
	it('starts a draft trajectory linked to client, provider and paying organisation, with a plan', async () => {
		const outcome = await chooseProvider(testDb.db, client, await codeOf(DEMO_PROVIDER_ID));
		expect(outcome.kind).toBe('created');
		const trajectory = await testDb.db.selectFrom('trajectories').selectAll().where('id', '=', outcome.trajectoryId).executeTakeFirstOrThrow();
		expect(trajectory).toMatchObject({ client_id: client.id, provider_id: DEMO_PROVIDER_ID, organisation_id: ORG_UWV_ID, status: 'draft' });
		const plan = await testDb.db.selectFrom('plans').selectAll().where('trajectory_id', '=', outcome.trajectoryId).executeTakeFirstOrThrow();
		expect(plan.version).toBe(1);
		const open = await getOpenTrajectory(testDb.db, client);
		expect(open?.provider.id).toBe(DEMO_PROVIDER_ID);
		expect(open?.organisationName).toBe('UWV');
	});

	it('choosing the same provider again changes nothing', async () => {
		const outcome = await chooseProvider(testDb.db, client, await codeOf(DEMO_PROVIDER_ID));
		expect(outcome.kind).toBe('unchanged');
		expect(await testDb.db.selectFrom('trajectories').select('id').where('client_id', '=', client.id).execute()).toHaveLength(1);
	});

	it('switches provider before submission, keeps the draft text, clears a signature, logs it', async () => {
		const open = (await getOpenTrajectory(testDb.db, client))!;
		await testDb.db.updateTable('plans').set({ content: '{"targetOccupation":"Kok"}' }).where('trajectory_id', '=', open.id).execute();
		await testDb.db.updateTable('trajectories').set({ status: 'provider_signed' }).where('id', '=', open.id).execute();
		await testDb.db.updateTable('plans').set({ signed_version: 1, signed_by: provider.id, signed_at: new Date().toISOString() }).where('trajectory_id', '=', open.id).execute();
		const otherCode = await codeServing('WW', DEMO_PROVIDER_ID);
		const outcome = await chooseProvider(testDb.db, client, otherCode, new Date(Date.parse(open.chosenAt) + 10 * 24 * 60 * 60 * 1000));
		expect(outcome).toMatchObject({ kind: 'switched', trajectoryId: open.id });
		const after = await testDb.db.selectFrom('trajectories').select(['status', 'provider_id', 'chosen_at']).where('id', '=', open.id).executeTakeFirstOrThrow();
		expect(after.status).toBe('draft');
		// The submission deadline still counts from the first choice.
		expect(after.chosen_at).toBe(open.chosenAt);
		const plan = await testDb.db.selectFrom('plans').select('content').where('trajectory_id', '=', open.id).executeTakeFirstOrThrow();
		expect(plan.content).toBe('{"targetOccupation":"Kok"}');
		const signature = await testDb.db.selectFrom('plans').select(['signed_version', 'signed_by', 'signed_at']).where('trajectory_id', '=', open.id).executeTakeFirstOrThrow();
		expect(signature).toEqual({ signed_version: null, signed_by: null, signed_at: null });
		const audit = await testDb.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', open.id).execute();
		expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['trajectory.created', 'trajectory.provider_changed']));
		const transitions = await testDb.db.selectFrom('trajectory_transitions').select(['from_status', 'to_status', 'reason']).where('trajectory_id', '=', open.id).orderBy('occurred_at').execute();
		expect(transitions).toEqual([
			{ from_status: null, to_status: 'draft', reason: null },
			{ from_status: 'provider_signed', to_status: 'draft', reason: 'provider_changed' }
		]);
		// switch back for the next tests
		await chooseProvider(testDb.db, client, await codeOf(DEMO_PROVIDER_ID));
	});

	it('refuses a switch once the plan is submitted', async () => {
		const open = (await getOpenTrajectory(testDb.db, client))!;
		await testDb.db.updateTable('trajectories').set({ status: 'submitted' }).where('id', '=', open.id).execute();
		await expect(chooseProvider(testDb.db, client, await codeServing('WW', DEMO_PROVIDER_ID))).rejects.toEqual(new Invalid({ provider: 'choose_not_possible' }));
		await testDb.db.updateTable('trajectories').set({ status: 'draft' }).where('id', '=', open.id).execute();
	});

	it('refuses a provider that does not serve the benefit type, and unknown or inactive providers', async () => {
		const uwvOnly = await testDb.db
			.selectFrom('providers')
			.select('code')
			.where('active', '=', 1)
			.where(({ not, exists, selectFrom }) =>
				not(exists(selectFrom('provider_benefit_types').select('provider_id').whereRef('provider_id', '=', 'providers.id').where('benefit_type', '=', 'bijstand')))
			)
			.executeTakeFirstOrThrow();
		await expect(chooseProvider(testDb.db, client2, uwvOnly.code)).rejects.toEqual(new Invalid({ provider: 'choose_error_benefit' }));
		await expect(chooseProvider(testDb.db, client2, 'no-such-provider')).rejects.toBeInstanceOf(NotFound);
		const inactive = await testDb.db.selectFrom('providers').select('code').where('active', '=', 0).executeTakeFirstOrThrow();
		await expect(chooseProvider(testDb.db, client2, inactive.code)).rejects.toBeInstanceOf(NotFound);
		expect(await getOpenTrajectory(testDb.db, client2)).toBeNull();
	});

	it('lets only clients choose', async () => {
		for (const actor of [provider, admin]) await expect(chooseProvider(testDb.db, actor, await codeOf(DEMO_PROVIDER_ID))).rejects.toBeInstanceOf(Forbidden);
	});

	it('gives one trajectory when the same choice is submitted twice at once', async () => {
		const code = await codeServing('bijstand', DEMO_PROVIDER_ID);
		const outcomes = await Promise.all([chooseProvider(testDb.db, client2, code), chooseProvider(testDb.db, client2, code)]);
		expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['created', 'unchanged']);
		expect(await testDb.db.selectFrom('trajectories').select('id').where('client_id', '=', client2.id).execute()).toHaveLength(1);
	});
});

describe('listProviderClients', () => {
	it('shows provider staff the clients who chose their provider, and nobody else', async () => {
		const mine = await listProviderClients(testDb.db, provider);
		// The demo data adds trajectories of other clients with this provider: all of them its own.
		expect(mine.map((row) => row.clientName)).toContain('Sanne de Vries');
		const providerOf = await testDb.db.selectFrom('trajectories').select('provider_id').where('id', 'in', mine.map((row) => row.trajectoryId)).execute();
		expect(new Set(providerOf.map((row) => row.provider_id))).toEqual(new Set([DEMO_PROVIDER_ID]));
		const theirs = await listProviderClients(testDb.db, provider2);
		expect(theirs.map((row) => row.clientName)).not.toContain('Sanne de Vries');
		await expect(listProviderClients(testDb.db, client)).rejects.toBeInstanceOf(Forbidden);
	});
});
