import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid } from '$lib/domain/errors';
import { DEMO_PROVIDER_ID, ORG_UWV_ID } from '$lib/server/demo/seed';
import { inviteAllMatching, inviteTrajectories, listEndedTrajectories } from './survey-bulk-invitations';

let testDb: TestDatabase;
let admin: UserActor;
let reviewer: UserActor;
const now = new Date('2026-12-01T10:00:00.000Z');
/** Trajectories of this test, all ended in 2020 so that no demo trajectory falls in the period. */
const ids: Record<string, string> = {};
const period = { endedFrom: '2020-01-01', endedTo: '2020-12-31', organisationId: null };

async function trajectory(key: string, status: string, endedAt: string | null, organisationId: string): Promise<void> {
	const clientId = `bulk-client-${key}`;
	await testDb.db
		.insertInto('users')
		.values({
			id: clientId,
			email: `bulk-${key}@test.regie.nl`,
			display_name: `Cliënt ${key}`,
			role: 'client',
			password_hash: null,
			organisation_id: organisationId,
			provider_id: null,
			benefit_type: 'WW',
			region: 'utrecht',
			created_at: '2019-01-01T00:00:00.000Z',
			activated_at: null
		})
		.execute();
	ids[key] = `bulk-trajectory-${key}`;
	await testDb.db
		.insertInto('trajectories')
		.values({
			id: ids[key],
			client_id: clientId,
			provider_id: DEMO_PROVIDER_ID,
			organisation_id: organisationId,
			status,
			chosen_at: '2019-06-01T00:00:00.000Z',
			updated_at: endedAt ?? '2019-06-01T00:00:00.000Z',
			ended_at: endedAt,
			placed: endedAt ? 1 : null
		})
		.execute();
}

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	reviewer = await actor('reviewer.uwv@demo.regie.nl');
	const other = (await testDb.db.selectFrom('organisations').select('id').where('id', '!=', ORG_UWV_ID).executeTakeFirstOrThrow()).id;
	await trajectory('a', 'completed', '2020-03-01T12:00:00.000Z', ORG_UWV_ID);
	await trajectory('b', 'terminated', '2020-06-30T23:00:00.000Z', ORG_UWV_ID);
	await trajectory('c', 'completed', '2020-09-15T08:00:00.000Z', other);
	await trajectory('d', 'completed', '2020-12-31T22:00:00.000Z', other);
	await trajectory('open', 'plan_approved', null, ORG_UWV_ID);
	await trajectory('early', 'completed', '2019-12-31T23:59:00.000Z', ORG_UWV_ID);
});
afterAll(() => testDb.close());

const invitationsOf = async (wave: string) =>
	(await testDb.db.selectFrom('survey_invitations').select('trajectory_id').where('wave', '=', wave).orderBy('trajectory_id').execute()).map((row) => row.trajectory_id);

describe('bulk invitations', () => {
	it('are for the admin only', async () => {
		await expect(listEndedTrajectories(testDb.db, reviewer, period, '2020')).rejects.toBeInstanceOf(Forbidden);
		await expect(inviteTrajectories(testDb.db, reviewer, { wave: '2020', trajectoryIds: [ids.a!] }, now)).rejects.toBeInstanceOf(Forbidden);
	});

	it('list the ended trajectories of a period (whole days) and an organisation, newest first', async () => {
		const all = await listEndedTrajectories(testDb.db, admin, period, 'paper-2020');
		expect(all.rows.map((row) => row.trajectoryId)).toEqual([ids.d, ids.c, ids.b, ids.a]);
		expect(all).toMatchObject({ total: 4, invitedTotal: 0 });
		expect(all.rows[2]).toMatchObject({ status: 'terminated', clientName: 'Cliënt b', invited: false });
		const uwv = await listEndedTrajectories(testDb.db, admin, { ...period, organisationId: ORG_UWV_ID }, null);
		expect(uwv.rows.map((row) => row.trajectoryId)).toEqual([ids.b, ids.a]);
		const summer = await listEndedTrajectories(testDb.db, admin, { endedFrom: '2020-06-30', endedTo: '2020-06-30', organisationId: null }, null);
		expect(summer.rows.map((row) => row.trajectoryId)).toEqual([ids.b]);
	});

	it('invite each chosen trajectory once per wave, with its mail, and report what was already invited', async () => {
		const first = await inviteTrajectories(testDb.db, admin, { wave: ' 2020-bulk ', trajectoryIds: [ids.a!, ids.b!, ids.open!, 'unknown'] }, now);
		expect(first).toEqual({ created: 2, alreadyInvited: 0, notEnded: 2 });
		expect(await invitationsOf('2020-bulk')).toEqual([ids.a, ids.b].sort());
		const mails = await testDb.db
			.selectFrom('outbox')
			.select(['event', 'user_id'])
			.where('survey_invitation_id', 'is not', null)
			.where('event', '=', 'survey_invitation')
			.orderBy('user_id')
			.execute();
		expect(mails).toEqual([
			{ event: 'survey_invitation', user_id: 'bulk-client-a' },
			{ event: 'survey_invitation', user_id: 'bulk-client-b' }
		]);

		const listed = await listEndedTrajectories(testDb.db, admin, period, '2020-bulk');
		expect(listed.invitedTotal).toBe(2);
		expect(listed.rows.filter((row) => row.invited).map((row) => row.trajectoryId).sort()).toEqual([ids.a, ids.b].sort());

		const again = await inviteTrajectories(testDb.db, admin, { wave: '2020-bulk', trajectoryIds: [ids.a!, ids.b!, ids.c!, ids.a!] }, now);
		expect(again).toEqual({ created: 1, alreadyInvited: 2, notEnded: 0 });
		expect(await invitationsOf('2020-bulk')).toEqual([ids.a, ids.b, ids.c].sort());
		// Another wave invites them again.
		expect(await inviteTrajectories(testDb.db, admin, { wave: '2021', trajectoryIds: [ids.a!] }, now)).toEqual({ created: 1, alreadyInvited: 0, notEnded: 0 });
	});

	it('invite all that match a filter, also those the list does not show', async () => {
		const result = await inviteAllMatching(testDb.db, admin, { wave: '2020-bulk', filter: period }, now);
		expect(result).toEqual({ created: 1, alreadyInvited: 3, notEnded: 0 });
		expect(await invitationsOf('2020-bulk')).toEqual([ids.a, ids.b, ids.c, ids.d].sort());
		expect(await inviteAllMatching(testDb.db, admin, { wave: '2020-bulk', filter: period }, now)).toEqual({ created: 0, alreadyInvited: 4, notEnded: 0 });
	});

	it('refuse an empty wave, no choice, or a filter that matches nothing, and store nothing', async () => {
		const before = (await testDb.db.selectFrom('survey_invitations').select('id').execute()).length;
		await expect(inviteTrajectories(testDb.db, admin, { wave: '  ', trajectoryIds: [ids.d!] }, now)).rejects.toEqual(new Invalid({ wave: 'survey_admin_error_wave_required' }));
		await expect(inviteTrajectories(testDb.db, admin, { wave: '2022', trajectoryIds: [] }, now)).rejects.toBeInstanceOf(Invalid);
		await expect(inviteAllMatching(testDb.db, admin, { wave: '2022', filter: { endedFrom: '1990-01-01', endedTo: '1990-01-02', organisationId: null } }, now)).rejects.toBeInstanceOf(
			Invalid
		);
		expect((await testDb.db.selectFrom('survey_invitations').select('id').execute()).length).toBe(before);
	});
});
