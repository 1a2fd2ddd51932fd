import { describe, expect, it } from 'vitest';
import { percentOneDecimal } from './percentages';

describe('percentOneDecimal', () => {
	it('rounds half up from the integer counts', () => {
		expect(percentOneDecimal(23, 80)).toBe(28.8); // 28.75
		expect(percentOneDecimal(1, 8)).toBe(12.5);
		expect(percentOneDecimal(1, 3)).toBe(33.3);
		expect(percentOneDecimal(2, 3)).toBe(66.7);
		expect(percentOneDecimal(1, 16)).toBe(6.3); // 6.25
		expect(percentOneDecimal(10, 50)).toBe(20);
	});

	it('gives 0 and 100 at the ends', () => {
		expect(percentOneDecimal(0, 7)).toBe(0);
		expect(percentOneDecimal(7, 7)).toBe(100);
	});

	it('matches exact rational rounding for every count up to 400', () => {
		for (let total = 1; total <= 400; total++) {
			for (let count = 0; count <= total; count++) {
				// exact: compare 2 * remainder with total to decide the half-up step
				const whole = Math.floor((count * 1000) / total);
				const remainder = count * 1000 - whole * total;
				const expected = (2 * remainder >= total ? whole + 1 : whole) / 10;
				expect(percentOneDecimal(count, total)).toBe(expected);
			}
		}
	});

	it('refuses what is not a share', () => {
		expect(() => percentOneDecimal(1, 0)).toThrow(RangeError);
		expect(() => percentOneDecimal(5, 4)).toThrow(RangeError);
		expect(() => percentOneDecimal(0.5, 4)).toThrow(RangeError);
	});
});
