import { describe, expect, it } from 'vitest';
import { isSmallCount, suppressRow } from './suppression';

const shown = (n: number) => ({ kind: 'shown', n });
const small = { kind: 'suppressed', reason: 'small' };
const secondary = { kind: 'suppressed', reason: 'secondary' };

describe('suppressRow', () => {
	it('shows a row without small cells as it is, zero included', () => {
		expect(suppressRow([10, 0, 25])).toEqual([shown(10), shown(0), shown(25)]);
	});

	it('treats 1 to 4 as small, 0 and 5 not', () => {
		expect([0, 1, 4, 5].map(isSmallCount)).toEqual([false, true, true, false]);
	});

	it('hides one more cell, the smallest remaining, when one small cell would be recomputable from the total', () => {
		expect(suppressRow([3, 12, 30])).toEqual([small, secondary, shown(30)]);
		expect(suppressRow([40, 2, 9])).toEqual([shown(40), small, secondary]);
	});

	it('takes the leftmost of equal candidates, and may take an empty cell', () => {
		expect(suppressRow([20, 1, 20])).toEqual([secondary, small, shown(20)]);
		expect(suppressRow([0, 4, 31])).toEqual([secondary, small, shown(31)]);
	});

	it('needs no second cell when two cells are small already', () => {
		expect(suppressRow([2, 3, 40])).toEqual([small, small, shown(40)]);
		expect(suppressRow([1, 1, 1])).toEqual([small, small, small]);
	});

	it('cannot recompute a hidden value from the total and the shown cells', () => {
		for (const row of [[3, 12, 30], [40, 2, 9], [0, 4, 31], [5, 1, 7]]) {
			const cells = suppressRow(row);
			const hidden = cells.filter((cell) => cell.kind === 'suppressed').length;
			expect(hidden === 0 || hidden >= 2).toBe(true);
		}
	});

	it('refuses counts that are not whole numbers >= 0', () => {
		expect(() => suppressRow([1.5, 2])).toThrow(RangeError);
		expect(() => suppressRow([-1])).toThrow(RangeError);
	});
});
