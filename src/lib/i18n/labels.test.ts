import { describe, expect, it } from 'vitest';
import { formatEuros } from './labels';

describe('formatEuros', () => {
	it('groups thousands the way each language writes them, also when asked again', () => {
		for (let round = 0; round < 2; round++) {
			expect(formatEuros(4100, 'nl')).toBe('4.100');
			expect(formatEuros(4100, 'en')).toBe('4,100');
			expect(formatEuros(950, 'nl')).toBe('950');
			expect(formatEuros(1234567, 'nl')).toBe('1.234.567');
		}
	});
});
