import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { providerBreakdown, standardTables } from '../services/research';
import { seedDemoSurveyResponses } from './survey-responses';

let testDb: TestDatabase;
let researcher: UserActor;
const selection = { waves: ['2026-Q3'], organisations: [], benefits: [], from: null, to: null };

beforeAll(async () => {
	testDb = await freshDatabase();
	researcher = await (await seededActors(testDb.db))('researcher@demo.regie.nl');
});
afterAll(() => testDb.close());

describe('seedDemoSurveyResponses', () => {
	it('stores a few hundred responses once, the same every time, with a provider of each group over the minimum', async () => {
		expect(await seedDemoSurveyResponses(testDb.db, { now: new Date('2026-10-01T00:00:00Z') })).toBe(300);
		expect(await seedDemoSurveyResponses(testDb.db)).toBe(0);
		const tables = await standardTables(testDb.db, researcher, selection);
		expect(tables.responses).toBe(300);
		for (const { table } of tables.domains) {
			for (const row of table.rows) expect(row.n.total, `${table.domain} ${row.group}`).toBeGreaterThan(0);
		}
		const skipped = await testDb.db.selectFrom('survey_answers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
		expect(Number(skipped.n)).toBeLessThan(300 * 21);
		const breakdown = await providerBreakdown(testDb.db, researcher, selection, 30);
		expect(new Set(breakdown.domains[0]!.rows.map((row) => row.group))).toEqual(new Set(['public', 'semi_public', 'private']));

		// Deterministic: seeded again from nothing, the same tables.
		const ids = testDb.db.selectFrom('survey_responses').select('id').where('wave', '=', '2026-Q3');
		await testDb.db.deleteFrom('survey_answers').where('response_id', 'in', ids).execute();
		await testDb.db.deleteFrom('survey_responses').where('wave', '=', '2026-Q3').execute();
		expect(await seedDemoSurveyResponses(testDb.db)).toBe(300);
		expect(await standardTables(testDb.db, researcher, selection)).toEqual(tables);
	});
});
