import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import { Invalid, NotFound } from '$lib/domain/errors';
import { instrumentVersion1 } from '$lib/domain/survey/instrument';
import { DEMO_PROVIDER_ID } from '$lib/server/demo/seed';
import { chooseProvider } from './trajectories';
import { createInvitation, openSurvey } from './survey-invitations';
import { saveSurveyPage } from './survey-answering';
import { latestPublishedVersion, loadInstrument } from './survey-instrument';

let testDb: TestDatabase;
let trajectoryId: string;
let otherTrajectoryId: string;
const now = new Date('2026-12-01T10:00:00.000Z');
const later = (days: number) => new Date(now.getTime() + days * 24 * 60 * 60 * 1000);

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	const client = await actor('client@demo.regie.nl');
	const client2 = await actor('client2@demo.regie.nl');
	const code = (await testDb.db.selectFrom('providers').select('code').where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow()).code;
	trajectoryId = (await chooseProvider(testDb.db, client, code)).trajectoryId;
	await testDb.db.updateTable('trajectories').set({ status: 'completed', ended_at: now.toISOString(), placed: 1 }).where('id', '=', trajectoryId).execute();
	const bijstand = await testDb.db
		.selectFrom('providers')
		.innerJoin('provider_benefit_types', 'provider_benefit_types.provider_id', 'providers.id')
		.select('providers.code')
		.where('provider_benefit_types.benefit_type', '=', 'bijstand')
		.where('providers.active', '=', 1)
		.executeTakeFirstOrThrow();
	otherTrajectoryId = (await chooseProvider(testDb.db, client2, bijstand.code)).trajectoryId;
});
afterAll(() => testDb.close());

describe('the stored instrument', () => {
	it('holds version 1, published, equal to the domain module', async () => {
		expect(await latestPublishedVersion(testDb.db)).toBe(1);
		expect(await loadInstrument(testDb.db, 1)).toEqual(instrumentVersion1);
		expect(await loadInstrument(testDb.db, 99)).toBeNull();
	});
});

describe('createInvitation', () => {
	let token: string;

	it('creates a token link for an ended trajectory, valid for 60 days, storing only a hash', async () => {
		const created = (await createInvitation(testDb.db, trajectoryId, '2026-Q4', now))!;
		expect(created.path).toBe(`/enquete/${created.token}`);
		expect(created.expiresAt).toBe('2027-01-30T10:00:00.000Z');
		token = created.token;
		const row = await testDb.db.selectFrom('survey_invitations').selectAll().where('id', '=', created.invitationId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ trajectory_id: trajectoryId, wave: '2026-Q4', completed_at: null });
		expect(Number(row.instrument_version)).toBe(1);
		expect(row.secret_hash).not.toContain(created.token.split('.')[1]);
		expect(await testDb.db.selectFrom('survey_waves').select('name').execute()).toEqual([{ name: '2026-Q4' }]);
	});

	it('gives one invitation per trajectory per wave, also when asked twice at once', async () => {
		expect(await createInvitation(testDb.db, trajectoryId, '2026-Q4', now)).toBeNull();
		const both = await Promise.all([createInvitation(testDb.db, trajectoryId, '2027-Q1', now), createInvitation(testDb.db, trajectoryId, '2027-Q1', now)]);
		expect(both.filter(Boolean)).toHaveLength(1);
		const rows = await testDb.db.selectFrom('survey_invitations').select('wave').where('trajectory_id', '=', trajectoryId).execute();
		expect(rows.map((r) => r.wave).sort()).toEqual(['2026-Q4', '2027-Q1']);
	});

	it('refuses a trajectory that has not ended, an unknown trajectory and an empty wave', async () => {
		await expect(createInvitation(testDb.db, otherTrajectoryId, '2026-Q4', now)).rejects.toBeInstanceOf(Invalid);
		await expect(createInvitation(testDb.db, 'nope', '2026-Q4', now)).rejects.toBeInstanceOf(NotFound);
		await expect(createInvitation(testDb.db, trajectoryId, '  ', now)).rejects.toBeInstanceOf(Invalid);
	});

	it('works inside the transaction that records the outcome', async () => {
		const created = await testDb.db.transaction().execute(async (trx) => {
			await trx.updateTable('trajectories').set({ status: 'terminated' }).where('id', '=', otherTrajectoryId).execute();
			return createInvitation(trx, otherTrajectoryId, '2026-Q4', now);
		});
		expect(created).not.toBeNull();
		const state = await openSurvey(testDb.db, created!.token, now);
		expect(state.state).toBe('valid');
	});

	describe('openSurvey', () => {
		it('opens a fresh link at page 1 with the items of its version', async () => {
			const state = await openSurvey(testDb.db, token, now);
			if (state.state !== 'valid') throw new Error(state.state);
			expect(state.instrument).toEqual(instrumentVersion1);
			expect(state).toMatchObject({ answers: {}, overall: null, comment: null, progress: 0, resumePage: 1, pageCount: 5 });
		});

		it('knows unknown, malformed and tampered tokens as unknown', async () => {
			expect(await openSurvey(testDb.db, 'nonsense', now)).toEqual({ state: 'unknown' });
			const [id] = token.split('.');
			expect(await openSurvey(testDb.db, `${id}.${'a'.repeat(24)}`, now)).toEqual({ state: 'unknown' });
			expect(await openSurvey(testDb.db, `${'a'.repeat(24)}.${'b'.repeat(24)}`, now)).toEqual({ state: 'unknown' });
		});

		it('expires after 60 days', async () => {
			expect((await openSurvey(testDb.db, token, later(59.9))).state).toBe('valid');
			expect(await openSurvey(testDb.db, token, later(60))).toEqual({ state: 'expired' });
			expect(await saveSurveyPage(testDb.db, token, { page: 1, answers: { mw1: 'ja' } }, later(61))).toEqual({ state: 'expired' });
		});

		it('resumes after the last page saved, with the answers given', async () => {
			expect(await saveSurveyPage(testDb.db, token, { page: 1, answers: { mw1: 'ja', mw2: 'nee', mw5: null } }, now)).toEqual({ state: 'saved', nextPage: 2 });
			const state = await openSurvey(testDb.db, token, later(1));
			if (state.state !== 'valid') throw new Error(state.state);
			expect(state).toMatchObject({ answers: { mw1: 'ja', mw2: 'nee' }, progress: 1, resumePage: 2 });
		});
	});
});
