import { describe, expect, it } from 'vitest';
import { instrumentVersion1, validateInstrument } from '$lib/domain/survey/instrument';
import { instrumentVersion1Items } from '../../../../migrations/2026-11-22-03-survey';
import { pagesOf, surveyPageView } from './survey-instrument';

describe('the survey migration', () => {
	it('loads exactly instrument version 1 of the domain module', () => {
		const fromMigration = instrumentVersion1Items.map(([code, domain, negative, nl, en], index) => ({
			code,
			domain,
			negative,
			wording: { nl, en },
			order: index + 1
		}));
		expect(fromMigration).toEqual(instrumentVersion1.items);
		expect(validateInstrument({ version: 1, items: instrumentVersion1.items })).toEqual([]);
	});
});

describe('pagesOf', () => {
	it('gives one page per domain plus the closing page', () => {
		expect(pagesOf(instrumentVersion1)).toEqual({ domains: ['maatwerk', 'kwaliteit', 'meerwaarde', 'vaardigheden'], pageCount: 5 });
	});
});

describe('surveyPageView', () => {
	it('shows a domain page with saved answers, and skips as skips once the page was saved', () => {
		const saved = { answers: { mw1: 'ja', kd1: 'nee' }, overall: 7, comment: 'Goed', progress: 1 };
		const first = surveyPageView(instrumentVersion1, 1, saved);
		expect(first).toMatchObject({ page: 1, pageCount: 5, domain: 'maatwerk', pageSaved: true, overall: 7, comment: 'Goed' });
		expect(first.items.map((item) => item.code)).toEqual(['mw1', 'mw2', 'mw3', 'mw4', 'mw5', 'mw6', 'mw7']);
		expect(first.answers).toEqual({ mw1: 'ja', mw2: null, mw3: null, mw4: null, mw5: null, mw6: null, mw7: null });
		expect(surveyPageView(instrumentVersion1, 2, saved)).toMatchObject({ domain: 'kwaliteit', pageSaved: false, answers: { kd1: 'nee' } });
	});

	it('shows the closing page without items, and a preview with nothing saved', () => {
		expect(surveyPageView(instrumentVersion1, 5)).toMatchObject({ page: 5, domain: null, items: [], answers: {}, pageSaved: false, overall: null, comment: null });
	});
});
