import { describe, expect, it } from 'vitest';
import { parseResearchQuery, selectionParams } from './research';

const parse = (query: string) => parseResearchQuery(new URLSearchParams(query));

describe('parseResearchQuery', () => {
	it('reads repeated waves, organisations and benefit types, and a period', () => {
		const parsed = parse('wave=2026-Q3&wave=paper-2006&wave=2026-Q3&organisation=uwv&benefit=WW&benefit=bijstand&from=2026-07-01&to=2026-09-30');
		expect(parsed).toEqual({
			success: true,
			query: {
				selection: { waves: ['2026-Q3', 'paper-2006'], organisations: ['uwv'], benefits: ['WW', 'bijstand'], from: '2026-07-01', to: '2026-09-30' },
				format: null,
				csvStyle: 'international',
				breakdown: null
			}
		});
	});

	it('takes empty form fields for the period as not given', () => {
		expect(parse('from=&to=')).toMatchObject({ success: true, query: { selection: { from: null, to: null, waves: [] } } });
	});

	it('reads download parameters', () => {
		expect(parse('format=csv&csv=nl&breakdown=provider')).toMatchObject({ success: true, query: { format: 'csv', csvStyle: 'nl', breakdown: 'provider' } });
	});

	it('refuses unknown parameters, benefit types, formats, bad days and a period that ends before it starts', () => {
		expect(parse('colour=red')).toEqual({ success: false, problem: { error: 'unknown parameter', parameter: 'colour' } });
		// Names of Object.prototype are parameters like any other, not the prototype.
		for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
			expect(parse(`${name}=x&wave=a`)).toEqual({ success: false, problem: { error: 'unknown parameter', parameter: name } });
		}
		expect(parse('benefit=AOW')).toMatchObject({ success: false, problem: { parameter: 'benefit' } });
		expect(parse('format=pdf')).toMatchObject({ success: false, problem: { parameter: 'format' } });
		expect(parse('from=2026-02-30')).toMatchObject({ success: false, problem: { parameter: 'from', error: 'must be a date YYYY-MM-DD' } });
		expect(parse('from=2026-03-01&to=2026-02-01')).toMatchObject({ success: false, problem: { parameter: 'to' } });
		expect(parse('format=csv&format=json')).toMatchObject({ success: false, problem: { parameter: 'format', error: 'may be given only once' } });
	});

	it('turns a selection back into the same parameters', () => {
		const parsed = parse('wave=a&wave=b&organisation=uwv&benefit=WW&from=2026-01-01');
		if (!parsed.success) throw new Error('expected success');
		expect(selectionParams(parsed.query.selection).toString()).toBe('wave=a&wave=b&organisation=uwv&benefit=WW&from=2026-01-01');
	});
});
