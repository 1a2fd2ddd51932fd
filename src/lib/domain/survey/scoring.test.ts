import { describe, expect, it } from 'vitest';
import { instrumentVersion1, orderedItems, surveyDomains, type AnswerCode, type RawAnswer, type RawAnswers } from './instrument';
import {
	answerValue,
	categoriesOf,
	categoryOf,
	codedAnswer,
	minimumAnswered,
	rawAnswer,
	reverseCode,
	scaleScore,
	scoreRespondent
} from './scoring';

const v1 = instrumentVersion1;
const itemOf = (code: string) => v1.items.find((i) => i.code === code)!;

/** The raw answer that means "satisfied" (ja after reverse coding) for an item. */
const satisfied = (code: string): AnswerCode => (itemOf(code).negative ? 'nee' : 'ja');

describe('reverseCode', () => {
	it('turns ja and nee around on negative items and keeps een_beetje', () => {
		expect(reverseCode('ja', true)).toBe('nee');
		expect(reverseCode('nee', true)).toBe('ja');
		expect(reverseCode('een_beetje', true)).toBe('een_beetje');
	});

	it('leaves positive items alone', () => {
		expect(reverseCode('ja', false)).toBe('ja');
		expect(reverseCode('nee', false)).toBe('nee');
		expect(reverseCode('een_beetje', false)).toBe('een_beetje');
	});
});

describe('answerValue', () => {
	it('codes no = 0, a bit = 1, yes = 2', () => {
		expect(answerValue('nee')).toBe(0);
		expect(answerValue('een_beetje')).toBe(1);
		expect(answerValue('ja')).toBe(2);
	});
});

describe('rawAnswer and codedAnswer', () => {
	it('treats absent, undefined, null and empty as skipped', () => {
		const answers: RawAnswers = { mw1: undefined, mw2: null, mw3: '' };
		for (const code of ['mw1', 'mw2', 'mw3', 'mw4']) expect(rawAnswer(answers, code)).toBeNull();
		expect(codedAnswer(answers, itemOf('mw5'))).toBeNull();
	});

	it('counts a "ja" on a negative item (mw5) as nee, worth 0', () => {
		expect(codedAnswer({ mw5: 'ja' }, itemOf('mw5'))).toBe('nee');
		expect(answerValue(codedAnswer({ mw5: 'ja' }, itemOf('mw5'))!)).toBe(0);
		expect(codedAnswer({ mw5: 'nee' }, itemOf('mw5'))).toBe('ja');
		expect(codedAnswer({ mw1: 'ja' }, itemOf('mw1'))).toBe('ja');
	});

	it('refuses an unknown answer instead of treating it as skipped', () => {
		expect(() => rawAnswer({ mw1: 'yes' } as unknown as RawAnswers, 'mw1')).toThrow(RangeError);
		expect(() => rawAnswer({ mw1: 2 } as unknown as RawAnswers, 'mw1')).toThrow(RangeError);
		expect(() => rawAnswer({ mw1: ' ' } as unknown as RawAnswers, 'mw1')).toThrow(RangeError);
	});

	it('does not mistake inherited object properties for answers', () => {
		expect(rawAnswer({}, 'constructor')).toBeNull();
		expect(rawAnswer({}, 'toString')).toBeNull();
	});
});

describe('minimumAnswered', () => {
	it('is half of the items rounded up', () => {
		expect(minimumAnswered(7)).toBe(4);
		expect(minimumAnswered(6)).toBe(3);
		expect(minimumAnswered(5)).toBe(3);
		expect(minimumAnswered(4)).toBe(2);
		expect(minimumAnswered(3)).toBe(2);
		expect(minimumAnswered(2)).toBe(1);
		expect(minimumAnswered(1)).toBe(1);
	});

	it('never allows a score from zero answers', () => {
		expect(minimumAnswered(0)).toBe(1);
	});
});

describe('categoryOf', () => {
	it('puts a mean of exactly 2/3 in een_beetje, just below in nee', () => {
		expect(categoryOf(2, 3)).toBe('een_beetje'); // 2/3
		expect(categoryOf(4, 6)).toBe('een_beetje'); // 2/3
		expect(categoryOf(1, 3)).toBe('nee'); // 1/3
		expect(categoryOf(3, 6)).toBe('nee'); // 1/2
		expect(categoryOf(4, 7)).toBe('nee'); // 0.571…
		expect(categoryOf(5, 7)).toBe('een_beetje'); // 0.714…
		expect(categoryOf(3, 5)).toBe('nee'); // 0.6
		expect(categoryOf(4, 5)).toBe('een_beetje'); // 0.8
		expect(categoryOf(0, 1)).toBe('nee');
	});

	it('puts a mean of exactly 4/3 in een_beetje, just above in ja', () => {
		expect(categoryOf(4, 3)).toBe('een_beetje'); // 4/3
		expect(categoryOf(8, 6)).toBe('een_beetje'); // 4/3
		expect(categoryOf(5, 3)).toBe('ja'); // 5/3
		expect(categoryOf(9, 6)).toBe('ja'); // 3/2
		expect(categoryOf(9, 7)).toBe('een_beetje'); // 1.286…
		expect(categoryOf(10, 7)).toBe('ja'); // 1.429…
		expect(categoryOf(6, 5)).toBe('een_beetje'); // 1.2
		expect(categoryOf(7, 5)).toBe('ja'); // 1.4
		expect(categoryOf(1, 1)).toBe('een_beetje');
		expect(categoryOf(2, 1)).toBe('ja');
	});

	it('agrees with the definition for every possible sum up to 60 answers', () => {
		for (let answered = 1; answered <= 60; answered++) {
			// een_beetje spans the sums from ceil(2n/3) to floor(4n/3), both inclusive
			const low = Math.ceil((2 * answered) / 3);
			const high = Math.floor((4 * answered) / 3);
			for (let sum = 0; sum <= 2 * answered; sum++) {
				const expected = sum < low ? 'nee' : sum > high ? 'ja' : 'een_beetje';
				expect(categoryOf(sum, answered)).toBe(expected);
			}
		}
	});

	it('refuses what cannot be a sum of answer values', () => {
		expect(() => categoryOf(0, 0)).toThrow(RangeError);
		expect(() => categoryOf(-1, 3)).toThrow(RangeError);
		expect(() => categoryOf(7, 3)).toThrow(RangeError);
		expect(() => categoryOf(1.5, 3)).toThrow(RangeError);
	});
});

describe('scaleScore', () => {
	/** Answers "satisfied" to the first `count` items of a domain, skipping the rest. */
	const firstAnswered = (domain: (typeof surveyDomains)[number], count: number): RawAnswers =>
		Object.fromEntries(orderedItems(v1, domain).slice(0, count).map((item) => [item.code, satisfied(item.code)]));

	it.each([
		['maatwerk', 7, 4],
		['kwaliteit', 6, 3],
		['meerwaarde', 5, 3],
		['vaardigheden', 3, 2]
	] as const)('%s (%i items) needs at least %i answers for a score', (domain, itemCount, needed) => {
		for (let count = 0; count <= itemCount; count++) {
			const score = scaleScore(firstAnswered(domain, count), v1, domain);
			expect(score.itemCount).toBe(itemCount);
			expect(score.answered).toBe(count);
			if (count < needed) {
				expect(score).toEqual({ answered: count, itemCount, mean: null, category: null });
			} else {
				expect(score).toEqual({ answered: count, itemCount, mean: { num: 2 * count, den: count }, category: 'ja' });
			}
		}
	});

	it('counts a skipped item as missing, never as nee', () => {
		// Two "ja" and one skip: mean 2 (ja). Were the skip a "nee", the mean would be 4/3 (een_beetje).
		for (const skip of [undefined, null, ''] as RawAnswer[]) {
			const score = scaleScore({ vh1: 'ja', vh2: 'ja', vh3: skip }, v1, 'vaardigheden');
			expect(score).toEqual({ answered: 2, itemCount: 3, mean: { num: 4, den: 2 }, category: 'ja' });
		}
	});

	it('scores exactly 2/3 (three answered, sum 2) as een_beetje', () => {
		const score = scaleScore({ vh1: 'ja', vh2: 'nee', vh3: 'nee' }, v1, 'vaardigheden');
		expect(score).toEqual({ answered: 3, itemCount: 3, mean: { num: 2, den: 3 }, category: 'een_beetje' });
		expect(scaleScore({ vh1: 'een_beetje', vh2: 'een_beetje', vh3: 'nee' }, v1, 'vaardigheden').category).toBe('een_beetje');
	});

	it('scores just below 2/3 as nee', () => {
		expect(scaleScore({ vh1: 'een_beetje', vh2: 'nee', vh3: 'nee' }, v1, 'vaardigheden')).toEqual({
			answered: 3,
			itemCount: 3,
			mean: { num: 1, den: 3 },
			category: 'nee'
		});
		// 7 items, sum 4: 4/7 < 2/3 (with 5: 5/7 > 2/3)
		const four = { mw1: 'ja', mw2: 'ja', mw3: 'nee', mw4: 'nee', mw5: 'ja', mw6: 'ja', mw7: 'nee' } as const;
		expect(scaleScore(four, v1, 'maatwerk')).toMatchObject({ mean: { num: 4, den: 7 }, category: 'nee' });
		expect(scaleScore({ ...four, mw7: 'een_beetje' }, v1, 'maatwerk')).toMatchObject({
			mean: { num: 5, den: 7 },
			category: 'een_beetje'
		});
	});

	it('scores exactly 4/3 as een_beetje and just above as ja', () => {
		expect(scaleScore({ vh1: 'ja', vh2: 'ja', vh3: 'nee' }, v1, 'vaardigheden')).toMatchObject({
			mean: { num: 4, den: 3 },
			category: 'een_beetje'
		});
		expect(scaleScore({ vh1: 'ja', vh2: 'ja', vh3: 'een_beetje' }, v1, 'vaardigheden')).toMatchObject({
			mean: { num: 5, den: 3 },
			category: 'ja'
		});
		// 6 items, sum 8 = 4/3; sum 9 = 3/2
		const eight = { kd1: 'ja', kd2: 'ja', kd3: 'ja', kd4: 'ja', kd5: 'nee', kd6: 'ja' } as const;
		expect(scaleScore(eight, v1, 'kwaliteit')).toMatchObject({ mean: { num: 8, den: 6 }, category: 'een_beetje' });
		expect(scaleScore({ ...eight, kd5: 'een_beetje' }, v1, 'kwaliteit')).toMatchObject({
			mean: { num: 9, den: 6 },
			category: 'ja'
		});
	});

	it('reverse-codes negative items before scoring', () => {
		// kd6 is negative: its "nee" is worth 2, so 0 + 0 + 2 = 2 over 3 = exactly 2/3.
		expect(scaleScore({ kd1: 'nee', kd2: 'nee', kd6: 'nee' }, v1, 'kwaliteit')).toMatchObject({
			mean: { num: 2, den: 3 },
			category: 'een_beetje'
		});
		// mv5 is negative: its "ja" is worth 0, so 2 + 2 + 0 = 4 over 3 = exactly 4/3, not ja.
		expect(scaleScore({ mv1: 'ja', mv2: 'ja', mv5: 'ja' }, v1, 'meerwaarde')).toMatchObject({
			mean: { num: 4, den: 3 },
			category: 'een_beetje'
		});
		// every maatwerk item answered "ja": mw5 and mw6 count 0, so 10 over 7
		const allJa = Object.fromEntries(orderedItems(v1, 'maatwerk').map((i) => [i.code, 'ja'])) as RawAnswers;
		expect(scaleScore(allJa, v1, 'maatwerk')).toMatchObject({ mean: { num: 10, den: 7 }, category: 'ja' });
		const allNee = Object.fromEntries(orderedItems(v1, 'maatwerk').map((i) => [i.code, 'nee'])) as RawAnswers;
		expect(scaleScore(allNee, v1, 'maatwerk')).toMatchObject({ mean: { num: 4, den: 7 }, category: 'nee' });
	});

	it('ignores answers to items of other domains and fields that are not items', () => {
		const answers = { vh1: 'ja', vh2: 'ja', mw1: 'nee', overall: 3, comment: 'x' } as unknown as RawAnswers;
		expect(scaleScore(answers, v1, 'vaardigheden')).toMatchObject({ answered: 2, mean: { num: 4, den: 2 } });
	});

	it('agrees with a plain floating-point reading of the rule for every maatwerk answer pattern', () => {
		// 4 options (3 answers + skip) for each of 7 items; the denominators are small enough that a
		// tolerance separates the boundaries cleanly.
		const options: RawAnswer[] = ['ja', 'een_beetje', 'nee', undefined];
		const items = orderedItems(v1, 'maatwerk');
		const value = { ja: 2, een_beetje: 1, nee: 0 } as const;
		for (let pattern = 0; pattern < 4 ** items.length; pattern++) {
			const answers: Record<string, RawAnswer> = {};
			let rest = pattern;
			let answered = 0;
			let sum = 0;
			for (const item of items) {
				const raw = options[rest % 4];
				rest = Math.floor(rest / 4);
				answers[item.code] = raw;
				if (raw === undefined || raw === null || raw === '') continue;
				answered += 1;
				sum += item.negative ? 2 - value[raw] : value[raw];
			}
			const mean = sum / answered;
			const expected =
				answered < 4 ? null : mean < 2 / 3 - 1e-9 ? 'nee' : mean > 4 / 3 + 1e-9 ? 'ja' : 'een_beetje';
			expect(scaleScore(answers, v1, 'maatwerk').category).toBe(expected);
		}
	});
});

describe('scoreRespondent', () => {
	it('scores every domain', () => {
		const answers: RawAnswers = {
			mw1: 'ja', mw2: 'ja', mw3: 'ja', mw4: 'ja', // 4 of 7: enough; all ja
			kd1: 'nee', kd2: 'een_beetje', // 2 of 6: too few
			mv1: 'een_beetje', mv2: 'een_beetje', mv3: 'een_beetje', mv4: 'nee', mv5: 'ja', // 2/5: nee
			vh2: 'ja', vh3: 'een_beetje' // 3/2: ja
		};
		const scores = scoreRespondent(answers, v1);
		expect(Object.keys(scores)).toEqual([...surveyDomains]);
		expect(scores.maatwerk).toEqual({ answered: 4, itemCount: 7, mean: { num: 8, den: 4 }, category: 'ja' });
		expect(scores.kwaliteit).toEqual({ answered: 2, itemCount: 6, mean: null, category: null });
		expect(scores.meerwaarde).toEqual({ answered: 5, itemCount: 5, mean: { num: 3, den: 5 }, category: 'nee' });
		expect(scores.vaardigheden).toEqual({ answered: 2, itemCount: 3, mean: { num: 3, den: 2 }, category: 'ja' });
		expect(categoriesOf(scores)).toEqual({ maatwerk: 'ja', kwaliteit: null, meerwaarde: 'nee', vaardigheden: 'ja' });
	});

	it('gives no score at all to an empty response', () => {
		const scores = scoreRespondent({}, v1);
		for (const domain of surveyDomains) expect(scores[domain].category).toBeNull();
	});
});
