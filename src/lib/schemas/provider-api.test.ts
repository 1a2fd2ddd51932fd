import { describe, expect, it } from 'vitest';
import { parseProviderListQuery } from './provider-api';

const parse = (query: string) => parseProviderListQuery(new URLSearchParams(query));

describe('parseProviderListQuery', () => {
	it('reads known filters and refuses unknown parameters', () => {
		expect(parse('region=utrecht&page=2')).toMatchObject({ success: true, query: { pageSize: 50, includeInactive: false } });
		expect(parse('colour=red')).toEqual({ success: false, problem: { error: 'unknown parameter', parameter: 'colour' } });
	});

	it('takes names of Object.prototype as unknown parameters, not as the prototype', () => {
		for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
			expect(parse(`${name}=x&region=utrecht`)).toEqual({ success: false, problem: { error: 'unknown parameter', parameter: name } });
		}
	});
});
