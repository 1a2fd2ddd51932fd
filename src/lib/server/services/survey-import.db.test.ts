import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { Forbidden } from '$lib/domain/errors';
import { instrumentVersion1 } from '$lib/domain/survey/instrument';
import { describeProblem, importPaperResponses, type ImportOutcome } from './survey-import';

let testDb: TestDatabase;
let admin: UserActor;
let researcher: UserActor;
/** One provider code of each aggregation group. */
const codes: Record<'public' | 'semi_public' | 'private', string> = { public: '', semi_public: '', private: '' };
const now = new Date('2026-12-01T10:00:00.000Z');
const items = instrumentVersion1.items.map((item) => item.code);

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	admin = await actor('admin@demo.regie.nl');
	researcher = await actor('researcher@demo.regie.nl');
	const types = { public: 'municipal_reintegration', semi_public: 'sheltered_employment', private: 'commercial' } as const;
	for (const [group, type] of Object.entries(types) as [keyof typeof codes, string][]) {
		codes[group] = (await testDb.db.selectFrom('providers').select('code').where('detailed_type', '=', type).executeTakeFirstOrThrow()).code;
	}
});
afterAll(() => testDb.close());

function csv(rows: string[][], separator = ','): string {
	return rows.map((row) => row.join(separator)).join('\r\n') + '\r\n';
}
const header = ['provider', 'completed_on', ...items, 'overall'];
const answersRow = (answer: string) => items.map((_, index) => (index === 2 ? '' : answer));

const goodFile = () =>
	'\uFEFF' +
	csv(
		[
			header,
			[codes.public, '2006-03-01', ...answersRow('ja'), '8'],
			[codes.private, '2006-03-02', ...answersRow('nee'), ''],
			[codes.private, '2006-03-03', ...answersRow('een_beetje'), '10']
		],
		';'
	);

const rejected = (outcome: ImportOutcome) => {
	if (outcome.kind !== 'rejected') throw new Error(`expected rejected, got ${outcome.kind}`);
	return outcome.problems.map(({ row, column, kind }) => ({ row, column, kind }));
};
const countResponses = async () => (await testDb.db.selectFrom('survey_responses').select('id').execute()).length;

describe('importPaperResponses', () => {
	it('only the admin may import', async () => {
		await expect(importPaperResponses(testDb.db, researcher, { wave: 'paper-2006', fileName: 'a.csv', content: goodFile() }, now)).rejects.toBeInstanceOf(Forbidden);
	});

	it('stores a good file (BOM, semicolons) as paper responses with raw answers, and counts per provider group', async () => {
		const outcome = await importPaperResponses(testDb.db, admin, { wave: 'paper-2006', fileName: 'a.csv', content: goodFile() }, now);
		expect(outcome).toMatchObject({ kind: 'imported', stored: 3, perGroup: { public: 1, semi_public: 0, private: 2 } });
		const responses = await testDb.db.selectFrom('survey_responses').selectAll().orderBy('completed_at').execute();
		expect(responses).toHaveLength(3);
		expect(responses[0]).toMatchObject({ source: 'paper', invitation_id: null, trajectory_id: null, wave: 'paper-2006', completed_at: '2006-03-01T00:00:00.000Z', overall: 8 });
		expect(responses[1]!.overall).toBeNull();
		expect(Number(responses[0]!.instrument_version)).toBe(1);
		const answers = await testDb.db.selectFrom('survey_answers').select(['item_code', 'answer']).where('response_id', '=', responses[0]!.id).execute();
		// 21 items, one left empty (skipped), mw5 stored raw although it is worded negatively.
		expect(answers).toHaveLength(20);
		expect(answers.find((answer) => answer.item_code === 'mw3')).toBeUndefined();
		expect(answers.find((answer) => answer.item_code === 'mw5')?.answer).toBe('ja');
		const batch = await testDb.db.selectFrom('survey_import_batches').selectAll().executeTakeFirstOrThrow();
		expect(batch).toMatchObject({ wave: 'paper-2006', file_name: 'a.csv', imported_by: admin.id });
		expect(JSON.parse(batch.counts)).toEqual({ public: 1, semi_public: 0, private: 2 });
	});

	it('refuses the same file twice into the same wave, takes it into another wave, and imports it again when forced', async () => {
		const before = await countResponses();
		const again = await importPaperResponses(testDb.db, admin, { wave: 'paper-2006', fileName: 'b.csv', content: goodFile() }, now);
		expect(again.kind).toBe('duplicate');
		expect(await countResponses()).toBe(before);
		expect((await importPaperResponses(testDb.db, admin, { wave: 'paper-2007', fileName: 'a.csv', content: goodFile() }, now)).kind).toBe('imported');
		const forced = await importPaperResponses(testDb.db, admin, { wave: 'paper-2006', fileName: 'a.csv', content: goodFile(), force: true }, now);
		expect(forced).toMatchObject({ kind: 'imported', stored: 3 });
		expect(await countResponses()).toBe(before + 6);
	});

	it('two uploads of the same file at once store it once', async () => {
		const content = goodFile().replace('2006-03-01', '2006-03-09');
		const outcomes = await Promise.all([1, 2].map(() => importPaperResponses(testDb.db, admin, { wave: 'paper-2009', fileName: 'd.csv', content }, now)));
		expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['duplicate', 'imported']);
		expect(await testDb.db.selectFrom('survey_responses').select('id').where('wave', '=', 'paper-2009').execute()).toHaveLength(3);
	});

	it('rejects a file with every bad row and column named, and stores nothing', async () => {
		const before = await countResponses();
		const bad = csv([
			['provider', 'completed_on', 'mw1', 'mw2', 'overall'],
			[codes.public, '2006-03-01', 'ja', 'nee', '7'],
			['no-such-provider', '2006-02-30', 'ja', 'jaa', '11'],
			[codes.private, '01-03-2006', 'misschien', '', 'x'],
			[codes.private, '2006-03-01', 'ja', 'een_beetje', '']
		]);
		const outcome = await importPaperResponses(testDb.db, admin, { wave: 'paper-2008', fileName: 'bad.csv', content: bad }, now);
		expect(rejected(outcome)).toEqual([
			{ row: 3, column: 'provider', kind: 'unknown_provider' },
			{ row: 3, column: 'completed_on', kind: 'bad_date' },
			{ row: 3, column: 'overall', kind: 'bad_overall' },
			{ row: 3, column: 'mw2', kind: 'unknown_answer' },
			{ row: 4, column: 'completed_on', kind: 'bad_date' },
			{ row: 4, column: 'overall', kind: 'bad_overall' },
			{ row: 4, column: 'mw1', kind: 'unknown_answer' }
		]);
		expect(await countResponses()).toBe(before);
		expect(await testDb.db.selectFrom('survey_waves').select('name').where('name', '=', 'paper-2008').execute()).toEqual([]);
	});

	it('rejects unknown and missing columns', async () => {
		const outcome = await importPaperResponses(testDb.db, admin, { wave: 'w', fileName: 'c.csv', content: csv([['completed_on', 'mw1', 'mw_8', 'name'], ['2006-03-01', 'ja', '', 'Jan']]) }, now);
		expect(rejected(outcome)).toEqual([
			{ row: 1, column: 'mw_8', kind: 'unknown_column' },
			{ row: 1, column: 'name', kind: 'unknown_column' },
			{ row: 1, column: 'provider', kind: 'missing_column' }
		]);
	});

	it('rejects an unknown instrument version, rows with the wrong number of fields, empty and non-UTF-8 files', async () => {
		const version = csv([
			['provider', 'completed_on', 'instrument_version', 'mw1'],
			[codes.public, '2006-03-01', '1', 'ja'],
			[codes.public, '2006-03-01', '2', 'ja'],
			[codes.public, '2006-03-01', '1']
		]);
		expect(rejected(await importPaperResponses(testDb.db, admin, { wave: 'w', fileName: 'v.csv', content: version }, now))).toEqual([
			{ row: 3, column: 'instrument_version', kind: 'unknown_version' },
			{ row: 4, column: null, kind: 'unreadable_row' }
		]);
		expect(rejected(await importPaperResponses(testDb.db, admin, { wave: 'w', fileName: 'e.csv', content: 'provider,completed_on\n\n' }, now))).toEqual([
			{ row: 1, column: null, kind: 'empty_file' }
		]);
		const latin1 = new Uint8Array([...new TextEncoder().encode('provider,completed_on\nx,'), 0xe9, 0x0a]);
		expect(rejected(await importPaperResponses(testDb.db, admin, { wave: 'w', fileName: 'l.csv', content: latin1 }, now))[0]!.kind).toBe('unreadable_row');
	});

	it('takes commas, quotes, blank lines and upper-case codes, and numbers rows as a spreadsheet does', async () => {
		const file = `provider,completed_on,mw1,overall\n"${codes.semi_public.toUpperCase()}",2006-04-01,JA,1\n\n${codes.public},2006-04-31,ja,\n`;
		expect(rejected(await importPaperResponses(testDb.db, admin, { wave: 'w', fileName: 'q.csv', content: file }, now))).toEqual([
			{ row: 4, column: 'completed_on', kind: 'bad_date' }
		]);
		const fixed = file.replace('2006-04-31', '2006-04-30');
		expect(await importPaperResponses(testDb.db, admin, { wave: 'w', fileName: 'q.csv', content: fixed }, now)).toMatchObject({
			kind: 'imported',
			stored: 2,
			perGroup: { public: 1, semi_public: 1, private: 0 }
		});
	});

	it('describes problems in one line each', () => {
		expect(describeProblem({ row: 3, column: 'mw2', kind: 'unknown_answer', value: 'jaa' })).toBe(
			'row 3, column mw2: unknown answer; use ja, een_beetje, nee or leave empty ("jaa")'
		);
	});
});
