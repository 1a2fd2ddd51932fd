import { describe, expect, it } from 'vitest';
import { benefitTypesPaidBy, payerKindFor, providerGroupOf, providerTypes } from './reference';

describe('reference lists', () => {
	it('UWV pays for WW, WIA, WGA and Wajong; a gemeente for bijstand', () => {
		expect(benefitTypesPaidBy('uwv')).toEqual(['WW', 'WIA', 'WGA', 'Wajong']);
		expect(benefitTypesPaidBy('gemeente')).toEqual(['bijstand']);
		expect(payerKindFor('bijstand')).toBe('gemeente');
	});

	it('maps every detailed provider type to its aggregation group as in the brief', () => {
		expect(providerTypes.map(providerGroupOf)).toEqual(['public', 'public', 'semi_public', 'semi_public', 'private']);
	});
});
