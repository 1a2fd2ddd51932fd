import { describe, expect, it } from 'vitest';
import { instrumentVersion1, validateInstrument } from '$lib/domain/survey/instrument';
import { instrumentVersion1Items } from '../../../../migrations/2026-11-22-03-survey';
import { pagesOf } from './survey-instrument';

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
