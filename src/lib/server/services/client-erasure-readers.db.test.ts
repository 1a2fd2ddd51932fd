import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Invalid, NotFound } from '$lib/domain/errors';
import { endedTrajectoryFilterSchema } from '$lib/schemas/survey-admin';
import { eraseClient } from './client-erasure';
import { getPlanView } from './plans';
import { getReviewCase } from './review';
import { inviteAllMatching, inviteTrajectories, listEndedTrajectories } from './survey-bulk-invitations';
import { getOutcomeView } from './trajectory-outcomes';

/**
 * After an erasure the client's trajectories stay as anonymous rows (client_id null). The pages and
 * jobs that work on one trajectory treat such a row as gone: old mail links answer 404, and bulk
 * survey invitations never pick it (there is nobody to invite).
 */

// Demo trajectories (src/lib/server/demo/plans.ts): Ilse's plan came back from UWV, Ruud's is active.
const ILSE = '00000000-0000-4000-8000-000000000003';
const RUUD = '00000000-0000-4000-8000-000000000004';

let testDb: TestDatabase;
let admin: UserActor;
let reviewerUwv: UserActor;
let provider: UserActor;
let provider2: UserActor;

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	reviewerUwv = await actor('reviewer.uwv@demo.regie.nl');
	provider = await actor('provider@demo.regie.nl');
	provider2 = await actor('provider2@demo.regie.nl');
	await eraseClient(testDb.db, admin, 'user-demo-client-ilse');
	await eraseClient(testDb.db, admin, 'user-demo-client-ruud');
});
afterAll(() => testDb.close());

describe("an erased client's trajectory", () => {
	it('is not found by the plan, review and outcome pages', async () => {
		await expect(getPlanView(testDb.db, provider2, ILSE)).rejects.toBeInstanceOf(NotFound);
		await expect(getReviewCase(testDb.db, reviewerUwv, ILSE, { publicationMinimum: 30 })).rejects.toBeInstanceOf(NotFound);
		await expect(getOutcomeView(testDb.db, provider, RUUD)).rejects.toBeInstanceOf(NotFound);
	});

	it('is never invited to a survey, one by one or in bulk', async () => {
		const filter = endedTrajectoryFilterSchema.parse({ endedFrom: '', endedTo: '', organisationId: '' });
		const list = await listEndedTrajectories(testDb.db, admin, filter, 'na-het-wissen');
		expect(list.total).toBe(list.rows.length);
		expect(list.rows.map((row) => row.trajectoryId)).not.toContain(ILSE);
		expect(await inviteTrajectories(testDb.db, admin, { wave: 'na-het-wissen', trajectoryIds: [ILSE, RUUD] })).toEqual({ created: 0, alreadyInvited: 0, notEnded: 2 });
		await expect(inviteAllMatching(testDb.db, admin, { wave: 'na-het-wissen', filter })).rejects.toBeInstanceOf(Invalid);
		expect(await testDb.db.selectFrom('survey_invitations').select('id').where('trajectory_id', 'in', [ILSE, RUUD]).execute()).toEqual([]);
	});
});
