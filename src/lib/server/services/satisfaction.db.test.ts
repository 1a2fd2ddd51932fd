import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import type { ProviderType } from '$lib/domain/reference';
import { demoProviderId } from '$lib/server/demo/providers';
import { seedDemo } from '$lib/server/demo/seed';
import { marketComparison } from './providers';
import { satisfactionOfProviders } from './satisfaction';

let testDb: TestDatabase;
let first: { id: string; type: ProviderType };
let second: { id: string; type: string };
let otherType: { id: string; type: string };

/** Store `count` completed responses for a provider with the given raw answers. */
async function respond(providerId: string, count: number, answers: Record<string, string>, completed = true) {
	for (let index = 0; index < count; index++) {
		const id = crypto.randomUUID();
		const at = new Date().toISOString();
		await testDb.db
			.insertInto('survey_responses')
			.values({ id, invitation_id: null, trajectory_id: null, provider_id: providerId, wave: 'test', instrument_version: 1, source: 'paper', import_batch_id: null, started_at: at, completed_at: completed ? at : null, overall: null, comment: null })
			.execute();
		const rows = Object.entries(answers).map(([item_code, answer]) => ({ response_id: id, item_code, answer }));
		if (rows.length) await testDb.db.insertInto('survey_answers').values(rows).execute();
	}
}

// Satisfied with tailoring: yes to the positive items, no to the negative ones (mw5, mw6).
const satisfiedTailoring = { mw1: 'ja', mw2: 'ja', mw3: 'ja', mw4: 'ja', mw5: 'nee', mw6: 'nee', mw7: 'ja' };
// Only 3 of 7 tailoring items answered: fewer than half rounded up (4), so no score.
const tooFewAnswered = { mw1: 'nee', mw2: 'nee', mw3: 'nee', kd1: 'nee', kd2: 'nee', kd3: 'nee', kd4: 'nee', kd5: 'nee', kd6: 'ja' };

beforeAll(async () => {
	testDb = await freshDatabase();
	await seedDemo(testDb.db);
	await testDb.db.insertInto('survey_waves').values({ name: 'test', created_at: new Date().toISOString() }).execute();
	const rows = await testDb.db.selectFrom('providers').select(['id', 'detailed_type']).where('active', '=', 1).orderBy('code').execute();
	const commercial = rows.filter((row) => row.detailed_type === 'commercial');
	first = { id: commercial[0]!.id, type: 'commercial' };
	second = { id: commercial[1]!.id, type: 'commercial' };
	const other = rows.find((row) => row.detailed_type !== 'commercial')!;
	otherType = { id: other.id, type: other.detailed_type };
	await respond(first.id, 30, satisfiedTailoring);
	await respond(first.id, 10, tooFewAnswered);
	await respond(second.id, 29, satisfiedTailoring);
	await respond(otherType.id, 30, { mw1: 'nee', mw2: 'nee', mw3: 'nee', mw4: 'een_beetje', mw5: 'ja', mw6: 'ja', mw7: 'nee' });
	await respond(first.id, 50, satisfiedTailoring, false); // started, never completed: not counted
});
afterAll(() => testDb.close());

describe('satisfaction on provider pages', () => {
	it('scores with reverse coding and publishes from the minimum on', async () => {
		const results = await satisfactionOfProviders(testDb.db, [first.id, second.id, demoProviderId('does-not-exist')], 30);
		const mine = results.get(first.id)!;
		// 30 satisfied respondents; the 10 with too few tailoring answers have no tailoring score.
		expect(mine.maatwerk.respondents).toBe(30);
		expect(mine.maatwerk.cells?.pct).toEqual({ nee: 0, een_beetje: 0, ja: 100, total: 100 });
		// Quality: the 10 answered 5 × nee and kd6 = ja (negative, so nee): all "nee", but only 10.
		expect(mine.kwaliteit).toEqual({ respondents: 10, cells: null });
		expect(mine.meerwaarde).toEqual({ respondents: 0, cells: null });
		// 29 is one short of the minimum: no figure.
		expect(results.get(second.id)!.maatwerk).toEqual({ respondents: 29, cells: null });
	});

	it('compares a provider with its type and the market', async () => {
		const comparison = (await marketComparison(testDb.db, first, 30)).satisfaction;
		expect(comparison.provider.maatwerk.respondents).toBe(30);
		expect(comparison.sameType.maatwerk.respondents).toBe(59);
		expect(comparison.sameType.maatwerk.cells?.n).toEqual({ nee: 0, een_beetje: 0, ja: 59, total: 59 });
		expect(comparison.all.maatwerk.cells?.n).toEqual({ nee: 30, een_beetje: 0, ja: 59, total: 89 });
		expect(comparison.all.maatwerk.cells?.pct).toEqual({ nee: 33.7, een_beetje: 0, ja: 66.3, total: 100 });
	});
});
