import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { DEMO_PROVIDER_ID } from '$lib/server/demo/seed';
import { chooseProvider } from './trajectories';
import { createInvitation, openInvitationsOfClient, openSurvey, portalSurveyLink } from './survey-invitations';
import { saveSurveyPage } from './survey-answering';

// A signed-in client opens their survey from the portal (/enquete) instead of the mailed link.

let testDb: TestDatabase;
let client: UserActor;
let client2: UserActor;
let mailedToken: string;
let invitationId: string;
const now = new Date('2026-12-01T10:00:00.000Z');
const later = (days: number) => new Date(now.getTime() + days * 24 * 60 * 60 * 1000);

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	client = (await actor('client@demo.regie.nl')) as UserActor;
	client2 = (await actor('client2@demo.regie.nl')) as UserActor;
	const code = (await testDb.db.selectFrom('providers').select('code').where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow()).code;
	const trajectoryId = (await chooseProvider(testDb.db, client, code)).trajectoryId;
	await testDb.db.updateTable('trajectories').set({ status: 'completed', ended_at: now.toISOString(), placed: 1 }).where('id', '=', trajectoryId).execute();
	const created = (await createInvitation(testDb.db, trajectoryId, '2026-Q4', now))!;
	mailedToken = created.token;
	invitationId = created.invitationId;
});
afterAll(() => testDb.close());

describe('the survey in the portal', () => {
	it('lists the open survey of the signed-in client, with the provider it is about', async () => {
		expect(await openInvitationsOfClient(testDb.db, client, now)).toEqual([
			{ invitationId, providerName: 'Loopbaanlicht', wave: '2026-Q4', expiresAt: '2027-01-30T10:00:00.000Z', started: false }
		]);
		expect(await openInvitationsOfClient(testDb.db, client2, now)).toEqual([]);
	});

	it('opens it with a link of its own, while the mailed link keeps working', async () => {
		const first = await portalSurveyLink(testDb.db, client, invitationId, now);
		expect(first).toMatch(new RegExp(`^/enquete/${invitationId}\\.[a-z2-9]{26}$`));
		expect((await openSurvey(testDb.db, first.slice('/enquete/'.length), now)).state).toBe('valid');
		expect((await openSurvey(testDb.db, mailedToken, now)).state).toBe('valid');

		// Opening again renews the portal secret: the older portal link stops, the mailed one stays.
		const second = await portalSurveyLink(testDb.db, client, invitationId, now);
		expect(second).not.toBe(first);
		expect((await openSurvey(testDb.db, first.slice('/enquete/'.length), now)).state).toBe('unknown');
		expect((await openSurvey(testDb.db, second.slice('/enquete/'.length), now)).state).toBe('valid');
		expect((await openSurvey(testDb.db, mailedToken, now)).state).toBe('valid');
	});

	it("never opens another client's survey, and is for clients only", async () => {
		await expect(portalSurveyLink(testDb.db, client2, invitationId, now)).rejects.toBeInstanceOf(NotFound);
		const actor = await seededActors(testDb.db);
		await expect(openInvitationsOfClient(testDb.db, await actor('reviewer.uwv@demo.regie.nl'), now)).rejects.toBeInstanceOf(Forbidden);
	});

	it('shows a started survey as started, and no longer lists it once completed or expired', async () => {
		const link = (await portalSurveyLink(testDb.db, client, invitationId, now)).slice('/enquete/'.length);
		expect(await saveSurveyPage(testDb.db, link, { page: 1, answers: { mw1: 'ja' } }, now)).toEqual({ state: 'saved', nextPage: 2 });
		expect((await openInvitationsOfClient(testDb.db, client, now))[0]!.started).toBe(true);
		expect(await openInvitationsOfClient(testDb.db, client, later(61))).toEqual([]);
		await expect(portalSurveyLink(testDb.db, client, invitationId, later(61))).rejects.toBeInstanceOf(NotFound);

		const state = await openSurvey(testDb.db, link, now);
		if (state.state !== 'valid') throw new Error('expected a valid survey');
		expect(await saveSurveyPage(testDb.db, link, { page: state.pageCount, overall: 8 }, now)).toEqual({ state: 'completed', first: true });
		expect(await openInvitationsOfClient(testDb.db, client, now)).toEqual([]);
	});
});
