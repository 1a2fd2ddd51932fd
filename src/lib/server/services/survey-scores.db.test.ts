import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { seededActors } from '../../../../tests/support/demo-actors';
import type { UserActor } from '$lib/domain/actor';
import { isOneOf, providerGroupOf, providerTypes, type ProviderGroup, type ProviderType } from '$lib/domain/reference';
import { chiSquareTest } from '$lib/domain/survey/chi-square';
import { answerCodes, instrumentVersion1, surveyDomains, type InstrumentVersion, type RawAnswers } from '$lib/domain/survey/instrument';
import { categoriesOf, scoreRespondent } from '$lib/domain/survey/scoring';
import { distribution, emptyCounts, groupCategoryCounts, itemTable, standardTable, type CategoryCounts, type RespondentCategories } from '$lib/domain/survey/standard-table';
import type { ResearchSelection } from '$lib/schemas/research';
import { itemTables, providerBreakdown, standardTables } from './research';
import { forgetProviderFigures, marketComparison } from './providers';
import { satisfactionTallies } from './satisfaction';
import { importPaperResponses } from './survey-import';
import { loadInstrument } from './survey-instrument';
import { scoreColumns, scoreUnscoredResponses, storedScores } from './survey-scores';
import { seededRandom } from '$lib/domain/seeded-random';

/**
 * One number, one place: the tables counted in SQL from the stored scores must equal the tables the
 * pure scoring module makes from the raw answers. Random answers (with items skipped, often enough
 * that domains go without a score) over two instrument versions with domains of different sizes,
 * two waves and every provider type; stored through the import (scores written with the response)
 * and as bare rows (scored afterwards by the catch-up).
 */

let testDb: TestDatabase;
let researcher: UserActor;

interface Generated {
	id: string | null;
	providerId: string;
	group: ProviderGroup;
	detailedType: string;
	wave: string;
	day: string;
	version: number;
	answers: Record<string, string>;
	completed: boolean;
}
const generated: Generated[] = [];
const instruments = new Map<number, InstrumentVersion>();

// Version 2: smaller domains (2, 3 or 4 items), an item of its own (vh4), negative items kept.
const version2Items: [code: string, domain: string, negative: boolean][] = [
	['mw1', 'maatwerk', false],
	['mw2', 'maatwerk', false],
	['mw5', 'maatwerk', true],
	['mw7', 'maatwerk', false],
	['kd1', 'kwaliteit', false],
	['kd3', 'kwaliteit', false],
	['kd6', 'kwaliteit', true],
	['mv2', 'meerwaarde', false],
	['mv5', 'meerwaarde', true],
	['vh1', 'vaardigheden', false],
	['vh2', 'vaardigheden', false],
	['vh3', 'vaardigheden', false],
	['vh4', 'vaardigheden', false]
];

beforeAll(async () => {
	testDb = await freshDatabase();
	const actor = await seededActors(testDb.db);
	researcher = await actor('researcher@demo.regie.nl');
	const admin = await actor('admin@demo.regie.nl');
	const at = '2026-11-01T00:00:00.000Z';
	await testDb.db.insertInto('instrument_versions').values({ version: 2, status: 'published', created_at: at, published_at: at }).execute();
	await testDb.db
		.insertInto('instrument_items')
		.values(
			version2Items.map(([code, domain, negative], index) => ({ version: 2, code, domain, negative: negative ? 1 : 0, wording_nl: `Stelling ${code}.`, wording_en: `Statement ${code}.`, position: index + 1 }))
		)
		.execute();
	for (const version of [1, 2]) instruments.set(version, (await loadInstrument(testDb.db, version))!);
	expect(instruments.get(1)!.items.map((item) => item.code)).toEqual(instrumentVersion1.items.map((item) => item.code));

	const providers = await testDb.db.selectFrom('providers').select(['id', 'code', 'detailed_type']).orderBy('code').execute();
	const random = seededRandom(20261122);
	const skipRates = [0, 0.2, 0.5, 0.8];
	for (let index = 0; index < 700; index++) {
		// Half the responses at a few providers, so that some reach a publication minimum.
		const provider = random() < 0.5 ? providers[index % 4]! : providers[Math.floor(random() * providers.length)]!;
		if (!isOneOf(providerTypes, provider.detailed_type)) throw new Error('demo provider of unknown type');
		const version = random() < 0.3 ? 2 : 1;
		const skip = skipRates[Math.floor(random() * skipRates.length)]!;
		const answers: Record<string, string> = {};
		for (const item of instruments.get(version)!.items) {
			if (random() < skip) continue;
			answers[item.code] = answerCodes[Math.floor(random() * answerCodes.length)]!;
		}
		generated.push({
			id: null,
			providerId: provider.id,
			group: providerGroupOf(provider.detailed_type),
			detailedType: provider.detailed_type,
			wave: random() < 0.6 ? 'eq-a' : 'eq-b',
			day: `2026-0${7 + Math.floor(random() * 3)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
			version,
			answers,
			completed: random() < 0.95
		});
	}

	// Two thirds through the import (scored as they are stored), by wave.
	const codes = [...new Set([...instruments.values()].flatMap((instrument) => instrument.items.map((item) => item.code)))];
	const codeOf = new Map(providers.map((provider) => [provider.id, provider.code]));
	for (const wave of ['eq-a', 'eq-b']) {
		const rows = generated.filter((response, index) => response.wave === wave && response.completed && index % 3 !== 0);
		const lines = [['provider', 'completed_on', 'instrument_version', ...codes].join(';')];
		for (const response of rows) lines.push([codeOf.get(response.providerId), response.day, response.version, ...codes.map((code) => response.answers[code] ?? '')].join(';'));
		const outcome = await importPaperResponses(testDb.db, admin, { wave, fileName: `${wave}.csv`, content: lines.join('\n') });
		expect(outcome.kind).toBe('imported');
	}
	// The rest as bare rows without scores, as before migration 08 (and some never completed).
	for (const [index, response] of generated.entries()) {
		if (index % 3 !== 0 && response.completed) continue;
		response.id = `eq-bare-${index}`;
		const at = `${response.day}T00:00:00.000Z`;
		await testDb.db
			.insertInto('survey_responses')
			.values({ id: response.id, invitation_id: null, trajectory_id: null, provider_id: response.providerId, wave: response.wave, instrument_version: response.version, source: 'paper', import_batch_id: null, started_at: at, completed_at: response.completed ? at : null, overall: null, comment: null })
			.execute();
		const rows = Object.entries(response.answers).map(([item_code, answer]) => ({ response_id: response.id!, item_code, answer }));
		if (rows.length > 0) await testDb.db.insertInto('survey_answers').values(rows).execute();
	}
}, 60_000);
afterAll(() => testDb.close());

const selection = (extra: Partial<ResearchSelection> = {}): ResearchSelection => ({ waves: ['eq-a', 'eq-b'], organisations: [], benefits: [], from: null, to: null, ...extra });

/** The completed generated responses a selection takes, scored by the pure module. */
function expected(select: (response: Generated) => boolean = () => true) {
	return generated
		.filter((response) => response.completed && select(response))
		.map((response) => ({ ...response, categories: categoriesOf(scoreRespondent(response.answers as RawAnswers, instruments.get(response.version)!)) }));
}

function tallyOf(respondents: ReturnType<typeof expected>) {
	const tally = Object.fromEntries(surveyDomains.map((domain) => [domain, emptyCounts()])) as Record<(typeof surveyDomains)[number], CategoryCounts>;
	for (const respondent of respondents) {
		for (const domain of surveyDomains) {
			const category = respondent.categories[domain];
			if (category) tally[domain][category] += 1;
		}
	}
	return tally;
}

describe('stored scale scores', () => {
	it('are the scoring module’s categories of each response, also for responses stored without them', async () => {
		// The import stored its responses' scores; the catch-up scores exactly the bare completed rows, once.
		const bare = generated.filter((response) => response.id !== null && response.completed).length;
		expect(bare).toBeGreaterThan(100);
		expect(await scoreUnscoredResponses(testDb.db)).toBe(bare);
		expect(await scoreUnscoredResponses(testDb.db)).toBe(0);
		const rows = await testDb.db.selectFrom('survey_responses').selectAll().where('wave', 'in', ['eq-a', 'eq-b']).execute();
		expect(rows).toHaveLength(generated.length);
		const answersOf = new Map<string, Record<string, string>>();
		for (const answer of await testDb.db.selectFrom('survey_answers').selectAll().execute()) {
			answersOf.set(answer.response_id, { ...answersOf.get(answer.response_id), [answer.item_code]: answer.answer });
		}
		let withoutAScore = 0;
		for (const row of rows) {
			if (row.completed_at === null) {
				expect(Number(row.scored)).toBe(0);
				continue;
			}
			const scores = storedScores((answersOf.get(row.id) ?? {}) as RawAnswers, instruments.get(Number(row.instrument_version))!);
			expect({ ...row, scored: Number(row.scored) }).toMatchObject(scores);
			if (surveyDomains.some((domain) => scores[scoreColumns[domain]] === null)) withoutAScore += 1;
		}
		// The data exercise the rule: plenty of responses lack a score in some domain.
		expect(withoutAScore).toBeGreaterThan(100);
	});

	it('give the standard tables, with their chi-square tests, that the pure module gives', async () => {
		const cases: [Partial<ResearchSelection>, (response: Generated) => boolean][] = [
			[{}, () => true],
			[{ waves: ['eq-b'] }, (response) => response.wave === 'eq-b'],
			[{ from: '2026-08-01', to: '2026-08-15' }, (response) => response.day >= '2026-08-01' && response.day <= '2026-08-15']
		];
		for (const [extra, select] of cases) {
			const respondents = expected(select);
			const result = await standardTables(testDb.db, researcher, selection(extra));
			expect(result.responses).toBe(respondents.length);
			const byGroup: RespondentCategories[] = respondents.map((respondent) => ({ group: respondent.group, categories: respondent.categories }));
			for (const domain of surveyDomains) {
				const table = standardTable(byGroup, domain);
				expect(result.domains.find((entry) => entry.table.domain === domain)).toEqual({ table, chiSquare: chiSquareTest(groupCategoryCounts(table)) });
			}
		}
	});

	it('give the per-provider counts of the breakdown and of the provider pages', async () => {
		const breakdown = await providerBreakdown(testDb.db, researcher, selection(), 1);
		const respondents = expected();
		for (const { domain, rows, withheld } of breakdown.domains) {
			expect(withheld).toBe(0);
			const perProvider = new Map<string, number>();
			for (const respondent of respondents) {
				if (respondent.categories[domain]) perProvider.set(respondent.providerId, (perProvider.get(respondent.providerId) ?? 0) + 1);
			}
			expect(new Map(rows.map((row) => [row.providerId, row.total]))).toEqual(perProvider);
			for (const row of rows) {
				const tally = tallyOf(respondents.filter((respondent) => respondent.providerId === row.providerId))[domain];
				row.cells.forEach(({ cell }, index) => {
					if (cell.kind === 'shown') expect(cell.n).toBe(tally[(['nee', 'een_beetje', 'ja'] as const)[index]!]);
				});
			}
		}

		const tallies = await satisfactionTallies(testDb.db);
		for (const providerId of new Set(respondents.map((respondent) => respondent.providerId))) {
			expect(tallies.get(providerId)).toEqual(tallyOf(respondents.filter((respondent) => respondent.providerId === providerId)));
		}
		// Every response of the database: the demo set has none of its own, so these are all ours.
		const first = respondents[0]!;
		forgetProviderFigures(testDb.db);
		const comparison = (await marketComparison(testDb.db, { id: first.providerId, type: first.detailedType as ProviderType }, 1)).satisfaction;
		const all = tallyOf(respondents);
		const sameType = tallyOf(respondents.filter((respondent) => respondent.detailedType === first.detailedType));
		const published = (counts: CategoryCounts) => {
			const respondents = counts.nee + counts.een_beetje + counts.ja;
			return { respondents, cells: respondents > 0 ? distribution(counts) : null };
		};
		for (const domain of surveyDomains) {
			expect(comparison.all[domain]).toEqual(published(all[domain]));
			expect(comparison.sameType[domain]).toEqual(published(sameType[domain]));
		}
	});

	it('leave the item tables to the raw answers, reverse-coded by each response’s own version', async () => {
		const { items } = await itemTables(testDb.db, researcher, selection());
		const respondents = expected();
		const counts = new Map<string, CategoryCounts>();
		for (const [version, instrument] of instruments) {
			const rows = itemTable(
				respondents.filter((respondent) => respondent.version === version).map((respondent) => respondent.answers as RawAnswers),
				instrument
			);
			for (const row of rows) {
				const sum = counts.get(row.code) ?? emptyCounts();
				for (const category of ['nee', 'een_beetje', 'ja'] as const) sum[category] += row.n[category];
				counts.set(row.code, sum);
			}
		}
		expect(new Map(items.map((item) => [item.code, { nee: item.n.nee, een_beetje: item.n.een_beetje, ja: item.n.ja }]))).toEqual(counts);
		// Wording and order of the newest version that has the item.
		expect(items.slice(0, 2).map((item) => item.code)).toEqual(['mw1', 'mw2']);
		expect(items.find((item) => item.code === 'vh4')?.wording.nl).toBe('Stelling vh4.');
	});
});
