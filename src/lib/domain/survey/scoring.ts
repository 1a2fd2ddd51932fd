/**
 * Scale scores of the satisfaction survey (product brief §4): reverse coding, per-domain means and
 * categories. Means are kept as fractions and categorised with integer comparisons, so that a mean
 * of exactly 2/3 or 4/3 can never be misplaced by floating-point error.
 */
import {
	isAnswerCode,
	orderedItems,
	surveyDomains,
	type AnswerCode,
	type InstrumentItem,
	type InstrumentVersion,
	type RawAnswers,
	type SurveyDomain
} from './instrument';

export type AnswerValue = 0 | 1 | 2;
/** The category of a scale score; named like the answers it summarises. */
export type ScaleCategory = AnswerCode;

/** A negatively worded item's answer turned around, so that "ja" always means satisfied. */
export function reverseCode(answer: AnswerCode, negative: boolean): AnswerCode {
	if (!negative) return answer;
	return answer === 'ja' ? 'nee' : answer === 'nee' ? 'ja' : 'een_beetje';
}

/** The value of an answer that has already been reverse-coded: no = 0, a bit = 1, yes = 2. */
export function answerValue(coded: AnswerCode): AnswerValue {
	return coded === 'ja' ? 2 : coded === 'een_beetje' ? 1 : 0;
}

/** A raw answer, or null when the item was skipped. Anything else is a bug upstream, not a skip. */
export function rawAnswer(answers: RawAnswers, code: string): AnswerCode | null {
	const value: unknown = Object.hasOwn(answers, code) ? answers[code] : undefined;
	if (value === undefined || value === null || value === '') return null;
	if (!isAnswerCode(value)) throw new RangeError(`Unknown answer ${JSON.stringify(value)} for item ${code}`);
	return value;
}

/** The answer to an item after reverse coding, or null when skipped. */
export function codedAnswer(answers: RawAnswers, item: InstrumentItem): AnswerCode | null {
	const raw = rawAnswer(answers, item.code);
	return raw === null ? null : reverseCode(raw, item.negative);
}

/** At least half of a domain's items, rounded up, must be answered for a score (and at least one). */
export function minimumAnswered(itemCount: number): number {
	return Math.max(1, Math.ceil(itemCount / 2));
}

/** Category of the mean sum/answered: < 2/3 → nee; 2/3 ≤ mean ≤ 4/3 → een_beetje; > 4/3 → ja. */
export function categoryOf(sum: number, answered: number): ScaleCategory {
	if (!Number.isInteger(sum) || !Number.isInteger(answered) || answered < 1 || sum < 0 || sum > 2 * answered) {
		throw new RangeError(`categoryOf needs a sum of 0..2 per answered item, got ${sum}/${answered}`);
	}
	if (3 * sum < 2 * answered) return 'nee';
	if (3 * sum > 4 * answered) return 'ja';
	return 'een_beetje';
}

export interface ScaleScore {
	/** Items of the domain the respondent answered. */
	answered: number;
	/** Items of the domain in the instrument. */
	itemCount: number;
	/** Mean as the unreduced fraction sum of values / answered items; null without a score. */
	mean: { num: number; den: number } | null;
	category: ScaleCategory | null;
}

export function scaleScore(answers: RawAnswers, instrument: InstrumentVersion, domain: SurveyDomain): ScaleScore {
	const items = orderedItems(instrument, domain);
	let answered = 0;
	let sum = 0;
	for (const item of items) {
		const coded = codedAnswer(answers, item);
		if (coded === null) continue;
		answered += 1;
		sum += answerValue(coded);
	}
	if (answered < minimumAnswered(items.length)) {
		return { answered, itemCount: items.length, mean: null, category: null };
	}
	return { answered, itemCount: items.length, mean: { num: sum, den: answered }, category: categoryOf(sum, answered) };
}

export type RespondentScores = Record<SurveyDomain, ScaleScore>;

export function scoreRespondent(answers: RawAnswers, instrument: InstrumentVersion): RespondentScores {
	return Object.fromEntries(
		surveyDomains.map((domain) => [domain, scaleScore(answers, instrument, domain)])
	) as RespondentScores;
}

/** Just the categories of a respondent's scores: what the standard tables count. */
export function categoriesOf(scores: RespondentScores): Record<SurveyDomain, ScaleCategory | null> {
	return Object.fromEntries(surveyDomains.map((domain) => [domain, scores[domain].category])) as Record<
		SurveyDomain,
		ScaleCategory | null
	>;
}
