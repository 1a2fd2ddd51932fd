import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { instrumentVersion1, orderedItems } from '$lib/domain/survey/instrument';
import { DEMO_PROVIDER_ID } from '$lib/server/demo/seed';
import {
	PUBLISHED,
	addDraftItem,
	createDraft,
	currentDraft,
	discardDraft,
	getInstrumentVersion,
	listInstrumentVersions,
	moveDraftItem,
	publishDraft,
	removeDraftItem,
	updateDraftItem
} from './survey-admin';
import { saveSurveyPage } from './survey-answering';
import { importPaperResponses } from './survey-import';
import { latestPublishedVersion, loadInstrument } from './survey-instrument';
import { createInvitation, openSurvey } from './survey-invitations';
import { chooseProvider } from './trajectories';

let testDb: TestDatabase;
let admin: UserActor;
let researcher: UserActor;
let trajectoryId: string;
const now = new Date('2026-12-01T10:00:00.000Z');

const fieldsOf = (error: unknown) => {
	if (!(error instanceof Invalid)) throw new Error(`expected Invalid, got ${String(error)}`);
	return error.fields;
};
async function invalidFields(work: Promise<unknown>): Promise<Record<string, string>> {
	try {
		await work;
	} catch (error) {
		return fieldsOf(error);
	}
	throw new Error('expected the call to be refused');
}

const wording = (code: string) => {
	const item = instrumentVersion1.items.find((candidate) => candidate.code === code)!;
	return { domain: item.domain, negative: item.negative, wordingNl: item.wording.nl, wordingEn: item.wording.en };
};

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	researcher = await actor('researcher@demo.regie.nl');
	const client = await actor('client@demo.regie.nl');
	const code = (await testDb.db.selectFrom('providers').select('code').where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow()).code;
	trajectoryId = (await chooseProvider(testDb.db, client, code)).trajectoryId;
	await testDb.db.updateTable('trajectories').set({ status: 'completed', ended_at: now.toISOString(), placed: 1 }).where('id', '=', trajectoryId).execute();
});
afterAll(() => testDb.close());

describe('instrument versions', () => {
	let draft: number;
	let earlierToken: string;

	it('are for the admin only', async () => {
		await expect(listInstrumentVersions(testDb.db, researcher)).rejects.toBeInstanceOf(Forbidden);
		await expect(createDraft(testDb.db, researcher, now)).rejects.toBeInstanceOf(Forbidden);
		await expect(updateDraftItem(testDb.db, researcher, 1, 'mw1', wording('mw1'), now)).rejects.toBeInstanceOf(Forbidden);
		await expect(publishDraft(testDb.db, researcher, 1, now)).rejects.toBeInstanceOf(Forbidden);
	});

	it('list version 1 as published with its 21 items', async () => {
		expect(await listInstrumentVersions(testDb.db, admin)).toEqual([
			{ version: 1, status: 'published', itemCount: 21, createdAt: '2026-11-22T00:00:00.000Z', publishedAt: '2026-11-22T00:00:00.000Z' }
		]);
		expect(await currentDraft(testDb.db, admin)).toBeNull();
	});

	it('a new draft copies the latest published version; asking again gives the same draft', async () => {
		// An invitation made before anything changes answers version 1 whatever happens later.
		const invitation = (await createInvitation(testDb.db, trajectoryId, 'before', now))!;
		earlierToken = invitation.token;
		await saveSurveyPage(testDb.db, earlierToken, { page: 1, answers: { mw1: 'ja' } }, now);

		const first = await createDraft(testDb.db, admin, now);
		expect(first).toEqual({ version: 2, created: true });
		draft = first.version;
		expect(await createDraft(testDb.db, admin, now)).toEqual({ version: 2, created: false });
		const detail = await getInstrumentVersion(testDb.db, admin, draft);
		expect(detail).toMatchObject({ version: 2, status: 'draft', immutable: false, itemCount: 21, publishedAt: null });
		expect(detail.instrument.items).toEqual(instrumentVersion1.items);
		expect(await currentDraft(testDb.db, admin)).toBe(2);
		// Still version 1 for new invitations until the draft is published.
		expect(await latestPublishedVersion(testDb.db)).toBe(1);
	});

	it('rewords an item, marks it negative and refuses empty or too long wording per field', async () => {
		await updateDraftItem(testDb.db, admin, draft, 'mw1', { ...wording('mw1'), negative: true, wordingNl: 'Ik kreeg aandacht voor mij als persoon.' }, now);
		const item = (await loadInstrument(testDb.db, draft))!.items.find((candidate) => candidate.code === 'mw1')!;
		expect(item).toMatchObject({ negative: true, wording: { nl: 'Ik kreeg aandacht voor mij als persoon.', en: 'I got personal attention.' }, order: 1 });
		expect(await invalidFields(updateDraftItem(testDb.db, admin, draft, 'mw1', { ...wording('mw1'), wordingNl: '  ', wordingEn: 'x'.repeat(301) }, now))).toEqual({
			wordingNl: 'survey_admin_error_wording_nl',
			wordingEn: 'survey_admin_error_wording_long'
		});
		await expect(updateDraftItem(testDb.db, admin, draft, 'nope', wording('mw1'), now)).rejects.toBeInstanceOf(NotFound);
		// Version 1 itself never changed.
		expect(await loadInstrument(testDb.db, 1)).toEqual(instrumentVersion1);
	});

	it('adds an item at the end of its domain, with a new code only', async () => {
		const item = { code: 'MW8', domain: 'maatwerk' as const, negative: false, wordingNl: 'Ik wist wat ik kon verwachten.', wordingEn: 'I knew what to expect.' };
		await addDraftItem(testDb.db, admin, draft, item, now);
		const instrument = (await loadInstrument(testDb.db, draft))!;
		expect(orderedItems(instrument, 'maatwerk').map((entry) => entry.code)).toEqual(['mw1', 'mw2', 'mw3', 'mw4', 'mw5', 'mw6', 'mw7', 'mw8']);
		expect(instrument.items.find((entry) => entry.code === 'mw8')!.order).toBe(8);
		expect(instrument.items.find((entry) => entry.code === 'kd1')!.order).toBe(9);

		expect(await invalidFields(addDraftItem(testDb.db, admin, draft, { ...item, code: 'mw8' }, now))).toEqual({ code: 'survey_admin_error_code_taken' });
		expect(await invalidFields(addDraftItem(testDb.db, admin, draft, { ...item, code: 'overall' }, now))).toEqual({ code: 'survey_admin_error_code_reserved' });
		expect(await invalidFields(addDraftItem(testDb.db, admin, draft, { ...item, code: '8mw', domain: 'anders' as never, wordingEn: '' }, now))).toEqual({
			code: 'survey_admin_error_code_pattern',
			domain: 'survey_admin_error_domain',
			wordingEn: 'survey_admin_error_wording_en'
		});
	});

	it('moves an item within its domain and to another domain', async () => {
		await moveDraftItem(testDb.db, admin, draft, 'mw8', 'up', now);
		let instrument = (await loadInstrument(testDb.db, draft))!;
		expect(orderedItems(instrument, 'maatwerk').map((entry) => entry.code).slice(-2)).toEqual(['mw8', 'mw7']);
		// The first of a domain cannot go further up: nothing changes.
		await moveDraftItem(testDb.db, admin, draft, 'mw1', 'up', now);
		await updateDraftItem(testDb.db, admin, draft, 'mw8', { domain: 'vaardigheden', negative: false, wordingNl: 'Ik weet nu wat ik kan.', wordingEn: 'I now know what I can do.' }, now);
		instrument = (await loadInstrument(testDb.db, draft))!;
		expect(orderedItems(instrument, 'maatwerk').map((entry) => entry.code)).toEqual(['mw1', 'mw2', 'mw3', 'mw4', 'mw5', 'mw6', 'mw7']);
		expect(orderedItems(instrument, 'vaardigheden').map((entry) => entry.code)).toEqual(['vh1', 'vh2', 'vh3', 'mw8']);
		expect(instrument.items.map((entry) => entry.order)).toEqual(Array.from({ length: 22 }, (_, index) => index + 1));
	});

	it('refuses to publish a draft with an empty domain, naming it', async () => {
		for (const code of ['vh1', 'vh2', 'vh3', 'mw8']) await removeDraftItem(testDb.db, admin, draft, code, now);
		expect(await invalidFields(publishDraft(testDb.db, admin, draft, now))).toEqual({ domain_vaardigheden: 'survey_admin_error_empty_domain' });
		const item = { domain: 'vaardigheden' as const, negative: false, wordingNl: 'Ik heb iets geleerd.', wordingEn: 'I learned something.' };
		await addDraftItem(testDb.db, admin, draft, { ...item, code: 'vh4' }, now);
		// A code of an earlier version keeps its meaning: not for a new item.
		expect(await invalidFields(addDraftItem(testDb.db, admin, draft, { ...item, code: 'vh1' }, now))).toEqual({ code: 'survey_admin_error_code_used_before' });
	});

	it('publishes: new invitations use it, earlier ones and their responses keep version 1', async () => {
		await publishDraft(testDb.db, admin, draft, new Date('2026-12-02T09:00:00.000Z'));
		expect(await latestPublishedVersion(testDb.db)).toBe(2);
		expect((await listInstrumentVersions(testDb.db, admin))[0]).toEqual({
			version: 2,
			status: 'published',
			itemCount: 19,
			createdAt: now.toISOString(),
			publishedAt: '2026-12-02T09:00:00.000Z'
		});
		const later = (await createInvitation(testDb.db, trajectoryId, 'after', now))!;
		const row = await testDb.db.selectFrom('survey_invitations').select('instrument_version').where('id', '=', later.invitationId).executeTakeFirstOrThrow();
		expect(Number(row.instrument_version)).toBe(2);

		const earlier = await openSurvey(testDb.db, earlierToken, now);
		expect(earlier.state === 'valid' && earlier.instrument).toEqual(instrumentVersion1);
		for (let page = 2; page <= 5; page += 1) await saveSurveyPage(testDb.db, earlierToken, { page }, now);
		const responses = await testDb.db.selectFrom('survey_responses').select(['instrument_version', 'completed_at']).where('wave', '=', 'before').execute();
		expect(responses.map((response) => [Number(response.instrument_version), response.completed_at !== null])).toEqual([[1, true]]);

		// Paper responses without a version column go to the latest published version.
		const provider = (await testDb.db.selectFrom('providers').select('code').where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow()).code;
		const outcome = await importPaperResponses(testDb.db, admin, { wave: 'paper', fileName: 'p.csv', content: `provider,completed_on,vh4\n${provider},2026-12-01,ja\n` }, now);
		expect(outcome.kind).toBe('imported');
		const paper = await testDb.db.selectFrom('survey_responses').select('instrument_version').where('wave', '=', 'paper').executeTakeFirstOrThrow();
		expect(Number(paper.instrument_version)).toBe(2);
	});

	it('refuses every change of a published version in the service', async () => {
		const before = await loadInstrument(testDb.db, draft);
		for (const version of [1, draft]) {
			const refusals = [
				() => updateDraftItem(testDb.db, admin, version, 'mw2', { ...wording('mw2'), wordingNl: 'Anders.' }, now),
				() => addDraftItem(testDb.db, admin, version, { code: 'zz1', domain: 'kwaliteit', negative: false, wordingNl: 'Nieuw.', wordingEn: 'New.' }, now),
				() => removeDraftItem(testDb.db, admin, version, 'mw2', now),
				() => moveDraftItem(testDb.db, admin, version, 'mw2', 'up', now),
				() => publishDraft(testDb.db, admin, version, now),
				() => discardDraft(testDb.db, admin, version, now)
			];
			// One at a time: each is a transaction of its own.
			for (const refusal of refusals) expect(await invalidFields(refusal())).toEqual({ version: PUBLISHED });
		}
		expect(await loadInstrument(testDb.db, draft)).toEqual(before);
		expect(await loadInstrument(testDb.db, 1)).toEqual(instrumentVersion1);
		await expect(updateDraftItem(testDb.db, admin, 99, 'mw2', wording('mw2'), now)).rejects.toBeInstanceOf(NotFound);
	});

	it('a new draft after publishing copies the latest version, and can be thrown away', async () => {
		const next = await createDraft(testDb.db, admin, now);
		expect(next).toEqual({ version: 3, created: true });
		expect((await loadInstrument(testDb.db, 3))!.items).toEqual((await loadInstrument(testDb.db, 2))!.items);
		await discardDraft(testDb.db, admin, 3, now);
		expect(await loadInstrument(testDb.db, 3)).toBeNull();
		expect(await currentDraft(testDb.db, admin)).toBeNull();
	});
});
