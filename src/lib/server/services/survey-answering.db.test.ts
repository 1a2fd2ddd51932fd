import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { Invalid } from '$lib/domain/errors';
import { DEMO_PROVIDER_ID } from '$lib/server/demo/seed';
import { chooseProvider } from './trajectories';
import { createInvitation, openSurvey } from './survey-invitations';
import { saveSurveyPage } from './survey-answering';

let testDb: TestDatabase;
let trajectoryId: string;
const now = new Date('2026-12-01T10:00:00.000Z');
let wave = 0;

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	const client = await actor('client@demo.regie.nl');
	const code = (await testDb.db.selectFrom('providers').select('code').where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow()).code;
	trajectoryId = (await chooseProvider(testDb.db, client, code)).trajectoryId;
	await testDb.db.updateTable('trajectories').set({ status: 'completed' }).where('id', '=', trajectoryId).execute();
});
afterAll(() => testDb.close());

/** A fresh invitation (a new wave each time) for the one ended trajectory. */
async function newToken(): Promise<string> {
	wave += 1;
	return (await createInvitation(testDb.db, trajectoryId, `wave-${wave}`, now))!.token;
}

const responsesOf = (token: string) =>
	testDb.db
		.selectFrom('survey_responses')
		.innerJoin('survey_invitations', 'survey_invitations.id', 'survey_responses.invitation_id')
		.selectAll('survey_responses')
		.where('survey_invitations.id', '=', token.split('.')[0]!)
		.execute();

describe('saveSurveyPage', () => {
	it('saves each page, replaces changed answers, removes taken-back ones, and keeps the furthest page', async () => {
		const token = await newToken();
		await saveSurveyPage(testDb.db, token, { page: 1, answers: { mw1: 'ja', mw2: 'een_beetje' } }, now);
		await saveSurveyPage(testDb.db, token, { page: 2, answers: { kd1: 'nee' } }, now);
		await saveSurveyPage(testDb.db, token, { page: 1, answers: { mw1: 'nee', mw2: null, mw3: 'ja' } }, now);
		const state = await openSurvey(testDb.db, token, now);
		if (state.state !== 'valid') throw new Error(state.state);
		expect(state.answers).toEqual({ mw1: 'nee', mw3: 'ja', kd1: 'nee' });
		expect(state.resumePage).toBe(3);
		const [response] = await responsesOf(token);
		expect(response).toMatchObject({ source: 'online', provider_id: DEMO_PROVIDER_ID, trajectory_id: trajectoryId, wave: `wave-${wave}`, completed_at: null });
	});

	it('refuses items of another page, an unknown page and an overall outside 1–10', async () => {
		const token = await newToken();
		await expect(saveSurveyPage(testDb.db, token, { page: 1, answers: { kd1: 'ja' } }, now)).rejects.toBeInstanceOf(Invalid);
		await expect(saveSurveyPage(testDb.db, token, { page: 6 }, now)).rejects.toBeInstanceOf(Invalid);
		await expect(saveSurveyPage(testDb.db, token, { page: 0 }, now)).rejects.toBeInstanceOf(Invalid);
		await expect(saveSurveyPage(testDb.db, token, { page: 5, overall: 11 }, now)).rejects.toBeInstanceOf(Invalid);
		await expect(saveSurveyPage(testDb.db, token, { page: 5, overall: 0 }, now)).rejects.toBeInstanceOf(Invalid);
		await expect(saveSurveyPage(testDb.db, token, { page: 5, comment: 'x'.repeat(2001) }, now)).rejects.toBeInstanceOf(Invalid);
		expect(await responsesOf(token)).toHaveLength(0);
	});

	it('completes on the last page; the link then says thank you and takes no more answers', async () => {
		const token = await newToken();
		await saveSurveyPage(testDb.db, token, { page: 1, answers: { mw1: 'ja' } }, now);
		expect(await saveSurveyPage(testDb.db, token, { page: 5, overall: 8, comment: '  Fijn geholpen.  ' }, now)).toEqual({ state: 'completed', first: true });
		expect(await openSurvey(testDb.db, token, now)).toEqual({ state: 'completed' });
		expect(await saveSurveyPage(testDb.db, token, { page: 1, answers: { mw1: 'nee' } }, now)).toEqual({ state: 'completed', first: false });
		const [response] = await responsesOf(token);
		expect(response).toMatchObject({ overall: 8, comment: 'Fijn geholpen.', completed_at: now.toISOString() });
		expect(Number(response!.progress)).toBe(5);
		const answers = await testDb.db.selectFrom('survey_answers').select(['item_code', 'answer']).where('response_id', '=', response!.id).execute();
		expect(answers).toEqual([{ item_code: 'mw1', answer: 'ja' }]);
		const invitation = await testDb.db.selectFrom('survey_invitations').select('completed_at').where('id', '=', token.split('.')[0]!).executeTakeFirstOrThrow();
		expect(invitation.completed_at).toBe(now.toISOString());
		// The scale scores are stored with it: one of seven tailoring items is too few for a score.
		expect(response).toMatchObject({ scored: 1, score_maatwerk: null, score_kwaliteit: null, score_meerwaarde: null, score_vaardigheden: null });
	});

	it('stores the scale scores of the answers saved on every page when it completes', async () => {
		const token = await newToken();
		await saveSurveyPage(testDb.db, token, { page: 1, answers: { mw1: 'ja', mw2: 'ja', mw3: 'een_beetje', mw5: 'nee' } }, now);
		await saveSurveyPage(testDb.db, token, { page: 2, answers: { kd1: 'nee', kd2: 'nee', kd3: 'een_beetje', kd6: 'ja' } }, now);
		await saveSurveyPage(testDb.db, token, { page: 4, answers: { vh1: 'een_beetje', vh2: 'ja' } }, now);
		expect((await responsesOf(token))[0]).toMatchObject({ scored: 0, score_maatwerk: null });
		await saveSurveyPage(testDb.db, token, { page: 5 }, now);
		// maatwerk 2+2+1+2 (mw5 reversed) of 4 answered = 7/4 > 4/3; kwaliteit 0+0+1+0 = 1/4 < 2/3;
		// meerwaarde nothing answered; vaardigheden 1+2 of 2 = 3/2 (2 of 3 items is enough).
		expect((await responsesOf(token))[0]).toMatchObject({ scored: 1, score_maatwerk: 'ja', score_kwaliteit: 'nee', score_meerwaarde: null, score_vaardigheden: 'ja' });
	});

	it('completes with every item skipped and no overall', async () => {
		const token = await newToken();
		expect(await saveSurveyPage(testDb.db, token, { page: 5 }, now)).toEqual({ state: 'completed', first: true });
		const [response] = await responsesOf(token);
		expect(response).toMatchObject({ overall: null, comment: null });
	});

	it('a double submit of the last page gives exactly one completed response', async () => {
		const token = await newToken();
		const outcomes = await Promise.all(
			Array.from({ length: 5 }, (_, index) => saveSurveyPage(testDb.db, token, { page: 5, overall: index + 1 }, now))
		);
		expect(outcomes.every((outcome) => outcome.state === 'completed')).toBe(true);
		expect(outcomes.filter((outcome) => outcome.state === 'completed' && outcome.first)).toHaveLength(1);
		const responses = await responsesOf(token);
		expect(responses).toHaveLength(1);
		expect(responses[0]!.completed_at).not.toBeNull();
	});

	it('pages sent at once from two tabs share one response', async () => {
		const token = await newToken();
		await Promise.all([
			saveSurveyPage(testDb.db, token, { page: 1, answers: { mw1: 'ja' } }, now),
			saveSurveyPage(testDb.db, token, { page: 2, answers: { kd1: 'nee' } }, now)
		]);
		expect(await responsesOf(token)).toHaveLength(1);
		const state = await openSurvey(testDb.db, token, now);
		if (state.state !== 'valid') throw new Error(state.state);
		expect(state.answers).toEqual({ mw1: 'ja', kd1: 'nee' });
	});

	it('an unknown token saves nothing', async () => {
		expect(await saveSurveyPage(testDb.db, 'x.y', { page: 1 }, now)).toEqual({ state: 'unknown' });
	});
});
