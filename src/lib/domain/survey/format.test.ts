import { describe, expect, it } from 'vitest';
import { percentOneDecimal } from '../percentages';
import { formatCell, formatPercent, noPercentage } from './format';

describe('formatPercent', () => {
	it('uses a decimal comma in Dutch and a point in English, always one decimal', () => {
		expect(formatPercent(20, 'nl')).toBe('20,0%');
		expect(formatPercent(20, 'en')).toBe('20.0%');
		expect(formatPercent(28.8, 'nl')).toBe('28,8%');
		expect(formatPercent(100, 'nl')).toBe('100,0%');
		expect(formatPercent(0, 'en')).toBe('0.0%');
		expect(formatPercent(0.1, 'nl')).toBe('0,1%');
		expect(formatPercent(99.9, 'en')).toBe('99.9%');
	});

	it('prints exactly the value percentOneDecimal computed: 23 of 80 is 28,8%', () => {
		expect(formatPercent(percentOneDecimal(23, 80), 'nl')).toBe('28,8%');
		for (let total = 1; total <= 200; total++) {
			for (let count = 0; count <= total; count++) {
				const pct = percentOneDecimal(count, total);
				expect(formatPercent(pct, 'en')).toBe(`${pct.toFixed(1)}%`);
			}
		}
	});

	it('shows a missing percentage as an en dash', () => {
		expect(noPercentage).toBe('\u2013');
		expect(formatPercent(null, 'nl')).toBe('–');
	});

	it('refuses what is not a percentage', () => {
		expect(() => formatPercent(-1, 'nl')).toThrow(RangeError);
		expect(() => formatPercent(NaN, 'nl')).toThrow(RangeError);
	});
});

describe('formatCell', () => {
	it('prints the percentage and the count in brackets', () => {
		expect(formatCell(20, 10, 'nl')).toBe('20,0% (10)');
		expect(formatCell(20, 10, 'en')).toBe('20.0% (10)');
		expect(formatCell(100, 50, 'nl')).toBe('100,0% (50)');
		expect(formatCell(0, 0, 'en')).toBe('0.0% (0)');
	});

	it('prints a group without respondents as "– (0)"', () => {
		expect(formatCell(null, 0, 'nl')).toBe('– (0)');
		expect(formatCell(null, 0, 'en')).toBe('– (0)');
	});

	it('prints large counts as plain digits', () => {
		expect(formatCell(50, 12345, 'nl')).toBe('50,0% (12345)');
	});

	it('refuses a count that is not whole and non-negative', () => {
		expect(() => formatCell(10, -1, 'nl')).toThrow(RangeError);
		expect(() => formatCell(10, 1.5, 'nl')).toThrow(RangeError);
	});
});
