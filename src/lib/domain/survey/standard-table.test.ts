import { describe, expect, it } from 'vitest';
import type { ProviderGroup } from '../reference';
import { instrumentVersion1, type RawAnswers } from './instrument';
import { categoriesOf, scoreRespondent, type ScaleCategory } from './scoring';
import {
	distribution,
	groupCategoryCounts,
	itemTable,
	standardTable,
	standardTableFromCounts,
	type RespondentCategories
} from './standard-table';

/** `count` respondents of a group with the same maatwerk category. */
const many = (group: ProviderGroup, category: ScaleCategory | null, count: number): RespondentCategories[] =>
	Array.from({ length: count }, () => ({ group, categories: { maatwerk: category } }));

const nullPct = { nee: null, een_beetje: null, ja: null, total: null };

describe('distribution', () => {
	it('gives row percentages with one decimal and 100.0 in the total column', () => {
		expect(distribution({ nee: 10, een_beetje: 18, ja: 22 })).toEqual({
			n: { nee: 10, een_beetje: 18, ja: 22, total: 50 },
			pct: { nee: 20, een_beetje: 36, ja: 44, total: 100 }
		});
	});

	it('rounds half up from the integer counts: 23 of 80 is 28.8', () => {
		expect(distribution({ nee: 23, een_beetje: 27, ja: 30 }).pct).toEqual({
			nee: 28.8, // 28.75
			een_beetje: 33.8, // 33.75
			ja: 37.5,
			total: 100
		});
	});

	it('keeps the total at 100.0 even when the rounded cells add up to 99.9', () => {
		expect(distribution({ nee: 1, een_beetje: 1, ja: 1 }).pct).toEqual({ nee: 33.3, een_beetje: 33.3, ja: 33.3, total: 100 });
	});

	it('has zero counts and no percentages without respondents', () => {
		expect(distribution({ nee: 0, een_beetje: 0, ja: 0 })).toEqual({ n: { nee: 0, een_beetje: 0, ja: 0, total: 0 }, pct: nullPct });
	});

	it('gives 0.0 to an empty cell of a row that has respondents', () => {
		expect(distribution({ nee: 0, een_beetje: 0, ja: 3 }).pct).toEqual({ nee: 0, een_beetje: 0, ja: 100, total: 100 });
	});

	it('refuses counts that are not whole and non-negative', () => {
		expect(() => distribution({ nee: -1, een_beetje: 2, ja: 3 })).toThrow(RangeError);
		expect(() => distribution({ nee: 0.5, een_beetje: 2, ja: 3 })).toThrow(RangeError);
	});
});

describe('standardTable', () => {
	it('reproduces the example row of the product brief', () => {
		const table = standardTable([...many('public', 'nee', 10), ...many('public', 'een_beetje', 18), ...many('public', 'ja', 22)], 'maatwerk');
		expect(table.rows[0]).toEqual({
			group: 'public',
			n: { nee: 10, een_beetje: 18, ja: 22, total: 50 },
			pct: { nee: 20, een_beetje: 36, ja: 44, total: 100 }
		});
		// the JSON shape of the research API
		expect(JSON.stringify(table.rows[0])).toBe(
			'{"group":"public","n":{"nee":10,"een_beetje":18,"ja":22,"total":50},"pct":{"nee":20,"een_beetje":36,"ja":44,"total":100}}'
		);
	});

	it('always has the rows public, semi_public, private, total in that order', () => {
		const respondents = [...many('private', 'ja', 2), ...many('public', 'nee', 1), ...many('semi_public', 'een_beetje', 3)];
		for (const list of [respondents, [...respondents].reverse(), []]) {
			expect(standardTable(list, 'maatwerk').rows.map((row) => row.group)).toEqual(['public', 'semi_public', 'private', 'total']);
		}
	});

	it('shows a group without respondents with zero counts and no percentages', () => {
		const table = standardTable([...many('public', 'ja', 3), ...many('private', 'nee', 1)], 'maatwerk');
		expect(table.rows[1]).toEqual({ group: 'semi_public', n: { nee: 0, een_beetje: 0, ja: 0, total: 0 }, pct: nullPct });
	});

	it('sums the groups in the total row, with its own row percentages', () => {
		const table = standardTable(
			[
				...many('public', 'nee', 10),
				...many('public', 'een_beetje', 18),
				...many('public', 'ja', 22),
				...many('semi_public', 'nee', 13),
				...many('semi_public', 'een_beetje', 9),
				...many('semi_public', 'ja', 8),
				...many('private', 'een_beetje', 0)
			],
			'maatwerk'
		);
		expect(table.rows[3]).toEqual({
			group: 'total',
			n: { nee: 23, een_beetje: 27, ja: 30, total: 80 },
			pct: { nee: 28.8, een_beetje: 33.8, ja: 37.5, total: 100 }
		});
		expect(table.rows[1]!.pct).toEqual({ nee: 43.3, een_beetje: 30, ja: 26.7, total: 100 });
		expect(table.rows[2]!.pct).toEqual(nullPct);
	});

	it('has only empty rows when nobody has a score', () => {
		const table = standardTable(many('public', null, 5), 'maatwerk');
		expect(table).toEqual({
			domain: 'maatwerk',
			rows: (['public', 'semi_public', 'private', 'total'] as const).map((group) => ({
				group,
				n: { nee: 0, een_beetje: 0, ja: 0, total: 0 },
				pct: nullPct
			}))
		});
	});

	it('counts only respondents with a score in the domain of the table', () => {
		const respondents: RespondentCategories[] = [
			{ group: 'public', categories: { maatwerk: 'ja', kwaliteit: 'nee' } },
			{ group: 'public', categories: { maatwerk: null, kwaliteit: 'nee' } },
			{ group: 'public', categories: { kwaliteit: 'een_beetje' } }
		];
		expect(standardTable(respondents, 'maatwerk').rows[0]!.n).toEqual({ nee: 0, een_beetje: 0, ja: 1, total: 1 });
		expect(standardTable(respondents, 'kwaliteit').rows[0]!.n).toEqual({ nee: 2, een_beetje: 1, ja: 0, total: 3 });
		expect(standardTable(respondents, 'vaardigheden').rows[3]!.n.total).toBe(0);
	});

	it('works from scored raw answers end to end', () => {
		const answers: RawAnswers[] = [
			{ vh1: 'ja', vh2: 'ja', vh3: 'ja' }, // 2: ja
			{ vh1: 'ja', vh2: 'nee', vh3: 'nee' }, // 2/3: een_beetje
			{ vh1: 'ja' }, // 1 of 3 answered: no score
			{ vh1: 'nee', vh2: 'een_beetje' } // 1/2: nee
		];
		const groups: ProviderGroup[] = ['public', 'public', 'private', 'private'];
		const respondents = answers.map((a, k) => ({ group: groups[k]!, categories: categoriesOf(scoreRespondent(a, instrumentVersion1)) }));
		const table = standardTable(respondents, 'vaardigheden');
		expect(table.rows.map((row) => row.n)).toEqual([
			{ nee: 0, een_beetje: 1, ja: 1, total: 2 },
			{ nee: 0, een_beetje: 0, ja: 0, total: 0 },
			{ nee: 1, een_beetje: 0, ja: 0, total: 1 },
			{ nee: 1, een_beetje: 1, ja: 1, total: 3 }
		]);
	});
});

describe('standardTableFromCounts', () => {
	it('gives the same table as counting respondents, and zero for a group left out', () => {
		const fromCounts = standardTableFromCounts('maatwerk', { public: { nee: 1, een_beetje: 0, ja: 2 }, private: { nee: 0, een_beetje: 4, ja: 0 } });
		const fromRespondents = standardTable(
			[...many('public', 'nee', 1), ...many('public', 'ja', 2), ...many('private', 'een_beetje', 4)],
			'maatwerk'
		);
		expect(fromCounts).toEqual(fromRespondents);
		expect(fromCounts.rows[1]!.pct).toEqual(nullPct);
	});

	it('refuses bad counts', () => {
		expect(() => standardTableFromCounts('maatwerk', { public: { nee: -2, een_beetje: 1, ja: 1 } })).toThrow(RangeError);
	});
});

describe('groupCategoryCounts', () => {
	it('gives the groups × (nee, een_beetje, ja) counts without totals', () => {
		const table = standardTableFromCounts('kwaliteit', { public: { nee: 1, een_beetje: 2, ja: 3 }, private: { nee: 4, een_beetje: 5, ja: 6 } });
		expect(groupCategoryCounts(table)).toEqual([
			[1, 2, 3],
			[0, 0, 0],
			[4, 5, 6]
		]);
	});
});

describe('itemTable', () => {
	const responses: RawAnswers[] = [
		{ mw1: 'ja', mw5: 'ja', kd6: 'nee', vh3: 'een_beetje' },
		{ mw1: 'nee', mw5: 'een_beetje', kd6: '' },
		{ mw1: 'ja', mw5: null },
		{}
	];
	const table = itemTable(responses, instrumentVersion1);
	const row = (code: string) => table.find((r) => r.code === code)!;

	it('has one row per item in questionnaire order, negative items marked', () => {
		expect(table.map((r) => r.code)).toEqual(instrumentVersion1.items.map((i) => i.code));
		expect(table.filter((r) => r.negative).map((r) => r.code)).toEqual(['mw5', 'mw6', 'kd6', 'mv5']);
		expect(row('mw5')).toMatchObject({ domain: 'maatwerk', order: 5, negative: true });
	});

	it('counts answers after reverse coding', () => {
		expect(row('mw5').n).toEqual({ nee: 1, een_beetje: 1, ja: 0, total: 2 }); // raw ja → nee
		expect(row('kd6').n).toEqual({ nee: 0, een_beetje: 0, ja: 1, total: 1 }); // raw nee → ja
	});

	it('leaves skipped items out, so n varies per item', () => {
		expect(row('mw1')).toMatchObject({
			n: { nee: 1, een_beetje: 0, ja: 2, total: 3 },
			pct: { nee: 33.3, een_beetje: 0, ja: 66.7, total: 100 }
		});
		expect(row('vh3').n.total).toBe(1);
		expect(row('mw2')).toMatchObject({ n: { nee: 0, een_beetje: 0, ja: 0, total: 0 }, pct: nullPct });
	});

	it('is all empty rows without responses', () => {
		expect(itemTable([], instrumentVersion1).every((r) => r.n.total === 0 && r.pct.total === null)).toBe(true);
	});
});
