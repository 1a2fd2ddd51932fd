import { describe, expect, it } from 'vitest';
import { parseItemAnswers, surveyClosingSchema, surveyPageSchema } from './survey';

describe('survey form schemas', () => {
	it('reads answers, treats skip and nothing as skipped, and flags unknown values', () => {
		const form = new FormData();
		form.set('item_a', 'ja');
		form.set('item_b', 'skip');
		form.set('item_d', 'misschien');
		expect(parseItemAnswers(form, ['a', 'b', 'c', 'd'])).toEqual({
			answers: { a: 'ja', b: null, c: null },
			errors: { item_d: 'survey_error_answer' }
		});
	});

	it('takes an overall mark of 1 to 10 or empty, and trims the comment', () => {
		expect(surveyClosingSchema.parse({ overall: ' 7 ', comment: '  ' })).toEqual({ overall: 7, comment: null });
		expect(surveyClosingSchema.parse({ overall: '', comment: 'Goed' })).toEqual({ overall: null, comment: 'Goed' });
		expect(surveyClosingSchema.parse({ overall: '10', comment: '' }).overall).toBe(10);
		for (const bad of ['0', '11', '7,5', 'zeven', '-1']) expect(surveyClosingSchema.safeParse({ overall: bad, comment: '' }).success, bad).toBe(false);
		expect(surveyClosingSchema.safeParse({ overall: '', comment: 'x'.repeat(2001) }).success).toBe(false);
	});

	it('reads the page and the direction, going on by default', () => {
		expect(surveyPageSchema.parse({ page: '3', direction: null })).toEqual({ page: 3, direction: 'next' });
		expect(surveyPageSchema.parse({ page: '3', direction: 'back' })).toEqual({ page: 3, direction: 'back' });
		expect(surveyPageSchema.safeParse({ page: 'x', direction: null }).success).toBe(false);
	});
});
