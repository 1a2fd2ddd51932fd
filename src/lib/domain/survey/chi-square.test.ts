import { describe, expect, it } from 'vitest';
import { chiSquarePValue, chiSquareTest, logGamma, regularizedGammaP, regularizedGammaQ } from './chi-square';

/** |actual − expected| ≤ tolerance × |expected| */
const expectRelative = (actual: number, expected: number, tolerance: number) =>
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));

describe('logGamma', () => {
	it('matches known values', () => {
		expect(Math.abs(logGamma(1))).toBeLessThan(1e-15); // ln Γ(1) = ln Γ(2) = 0
		expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
		expectRelative(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14); // Γ(1/2) = √π
		expectRelative(logGamma(10), Math.log(362880), 1e-14); // Γ(10) = 9!
		expectRelative(logGamma(0.1), 2.252712651734206, 1e-14);
		expectRelative(logGamma(100.5), 361.4355404677776, 1e-14);
	});

	it('refuses x ≤ 0', () => {
		expect(() => logGamma(0)).toThrow(RangeError);
		expect(() => logGamma(-1)).toThrow(RangeError);
	});
});

describe('regularized incomplete gamma', () => {
	it('has Q(1, x) = e^−x (series and continued fraction branches)', () => {
		for (const x of [0.01, 0.5, 1.5, 2, 5, 20, 100]) expectRelative(regularizedGammaQ(1, x), Math.exp(-x), 1e-13);
	});

	it('has Q(n, x) = e^−x Σ_{k<n} x^k / k! for whole n', () => {
		for (const n of [2, 3, 5, 15]) {
			for (const x of [0.3, 1.28, 4, 9, 30]) {
				let term = 1;
				let sum = 1;
				for (let k = 1; k < n; k++) sum += (term *= x / k);
				expectRelative(regularizedGammaQ(n, x), Math.exp(-x) * sum, 1e-12);
			}
		}
	});

	it('matches reference values (mpmath, 30 digits)', () => {
		expectRelative(regularizedGammaQ(2, 50), 9.83662422461598069e-21, 1e-12);
		expectRelative(regularizedGammaQ(15, 5), 0.999773746323823244, 1e-14);
		expectRelative(regularizedGammaQ(0.5, 0.01), 0.887537083981715107, 1e-14);
		expectRelative(regularizedGammaQ(50, 49), 0.537895606399059741, 1e-12);
	});

	it('has P + Q = 1 and the limits at 0 and ∞', () => {
		for (const a of [0.5, 1, 2.5, 7]) {
			for (const x of [0.1, 1, a + 1, 10]) expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
			expect(regularizedGammaQ(a, 0)).toBe(1);
			expect(regularizedGammaP(a, 0)).toBe(0);
			expect(regularizedGammaQ(a, Infinity)).toBe(0);
		}
	});

	it('refuses arguments outside its domain', () => {
		expect(() => regularizedGammaQ(0, 1)).toThrow(RangeError);
		expect(() => regularizedGammaQ(1, -1)).toThrow(RangeError);
		expect(() => regularizedGammaQ(1, NaN)).toThrow(RangeError);
	});
});

describe('chiSquarePValue', () => {
	it('gives 0.05 and 0.01 at the critical values of the printed tables (4 decimals)', () => {
		expect(chiSquarePValue(9.4877, 4)).toBeCloseTo(0.05, 5);
		expect(chiSquarePValue(5.9915, 2)).toBeCloseTo(0.05, 5);
		expect(chiSquarePValue(3.8415, 1)).toBeCloseTo(0.05, 5);
		expect(chiSquarePValue(13.2767, 4)).toBeCloseTo(0.01, 5);
	});

	it('matches exact p-values at those 4-decimal statistics (mpmath)', () => {
		expectRelative(chiSquarePValue(9.4877, 4), 0.0500005995412346682, 1e-12);
		expectRelative(chiSquarePValue(5.9915, 2), 0.0499991136855551687, 1e-12);
		expectRelative(chiSquarePValue(3.8415, 1), 0.0499987720712222724, 1e-12);
		expectRelative(chiSquarePValue(13.2767, 4), 0.0100000179725717468, 1e-12);
	});

	it('gives exactly 0.05 or 0.01 at full-precision critical values, odd df too', () => {
		const critical: [number, number, number][] = [
			[1, 3.841458820694124, 0.05],
			[1, 6.634896601021214, 0.01],
			[2, 5.991464547107979, 0.05],
			[3, 7.814727903251178, 0.05],
			[4, 9.487729036781154, 0.05],
			[4, 13.276704135987622, 0.01],
			[10, 18.307038053275146, 0.05],
			[30, 43.77297182574219, 0.05]
		];
		for (const [df, x, p] of critical) expectRelative(chiSquarePValue(x, df), p, 1e-11);
	});

	it('is 1 at a statistic of 0 and refuses a bad df or statistic', () => {
		expect(chiSquarePValue(0, 4)).toBe(1);
		expect(() => chiSquarePValue(1, 0)).toThrow(RangeError);
		expect(() => chiSquarePValue(1, 1.5)).toThrow(RangeError);
		expect(() => chiSquarePValue(-1, 2)).toThrow(RangeError);
	});
});

describe('chiSquareTest', () => {
	it('computes a 3 × 3 table worked by hand', () => {
		// observed              row total   expected (row × column / 100)
		// public       10 18 22    50        10 15 25
		// semi_public   6  6 18    30         6  9 15
		// private       4  6 10    20         4  6 10
		// column total 20 30 50   100
		// (O−E)²/E: 0 + 9/15 + 9/25 + 0 + 9/9 + 9/15 + 0 + 0 + 0 = 0.6 + 0.36 + 1 + 0.6 = 2.56
		// df = 2 × 2 = 4; p = Q(2, 1.28) = e^−1.28 (1 + 1.28) = 0.6339250450332826…
		const result = chiSquareTest([
			[10, 18, 22],
			[6, 6, 18],
			[4, 6, 10]
		])!;
		expectRelative(result.statistic, 2.56, 1e-9);
		expect(result.df).toBe(4);
		expect(Math.abs(result.pValue - 2.28 * Math.exp(-1.28))).toBeLessThan(1e-6);
		expectRelative(result.pValue, 0.6339250450332826, 1e-12);
		expect(result.minExpected).toBe(4);
		expect(result.lowExpected).toBe(true); // expected 4 in the private × nee cell
		expect(result.rows).toEqual([0, 1, 2]);
		expect(result.columns).toEqual([0, 1, 2]);
	});

	it('does not warn when every expected count is at least 5', () => {
		// The table above doubled: every expected count doubles (smallest 8), the statistic doubles
		// to 5.12, p = e^−2.56 (1 + 2.56) = 0.2752048759781471…
		const result = chiSquareTest([
			[20, 36, 44],
			[12, 12, 36],
			[8, 12, 20]
		])!;
		expectRelative(result.statistic, 5.12, 1e-9);
		expectRelative(result.pValue, 3.56 * Math.exp(-2.56), 1e-12);
		expect(result.minExpected).toBe(8);
		expect(result.lowExpected).toBe(false);
	});

	it('treats an expected count of exactly 5 as enough', () => {
		const result = chiSquareTest([
			[5, 5],
			[5, 5]
		])!;
		expect(result).toMatchObject({ statistic: 0, df: 1, pValue: 1, minExpected: 5, lowExpected: false });
	});

	it('matches an uneven table computed with exact fractions', () => {
		// Row totals 77, 70, 35; column totals 47, 56, 79; N = 182. Σ(O−E)²/E = 1775033/81686 exactly
		// (Python fractions); p from scipy.stats.chi2_contingency = 0.0002268127155181248.
		const result = chiSquareTest([
			[12, 25, 40],
			[30, 22, 18],
			[5, 9, 21]
		])!;
		expectRelative(result.statistic, 1775033 / 81686, 1e-12);
		expect(result.df).toBe(4);
		expectRelative(result.pValue, 0.0002268127155181248, 1e-9);
		expect(result.lowExpected).toBe(false);
	});

	it('drops a group without respondents: df 2 instead of 4', () => {
		// public and semi_public as in the worked table, private empty. Row totals 50, 30; column
		// totals 16, 24, 40; N = 80; expected 10 15 25 / 6 9 15 — the same as before, so the statistic
		// is again 2.56, but df = 1 × 2 = 2 and p = Q(1, 1.28) = e^−1.28 = 0.2780373004531941…
		const result = chiSquareTest([
			[10, 18, 22],
			[6, 6, 18],
			[0, 0, 0]
		])!;
		expectRelative(result.statistic, 2.56, 1e-9);
		expect(result.df).toBe(2);
		expectRelative(result.pValue, Math.exp(-1.28), 1e-12);
		expect(result.rows).toEqual([0, 1]);
		expect(result.lowExpected).toBe(false);
	});

	it('drops a category nobody is in: df 2 for three groups', () => {
		// Nobody in nee. Rows 0 5 5 / 0 3 7 / 0 2 8: totals 10 each; column totals 10, 20; N = 30;
		// expected 10/3 and 20/3 in every row.
		// (5−10/3)²/(10/3) = 5/6, (5−20/3)²/(20/3) = 5/12, (3−10/3)²/(10/3) = 1/30,
		// (7−20/3)²/(20/3) = 1/60, (2−10/3)²/(10/3) = 8/15, (8−20/3)²/(20/3) = 4/15;
		// sum = (50 + 25 + 2 + 1 + 32 + 16)/60 = 126/60 = 2.1; p = e^−1.05 = 0.3499377491111553…
		const result = chiSquareTest([
			[0, 5, 5],
			[0, 3, 7],
			[0, 2, 8]
		])!;
		expectRelative(result.statistic, 2.1, 1e-9);
		expect(result.df).toBe(2);
		expectRelative(result.pValue, Math.exp(-1.05), 1e-12);
		expect(result.columns).toEqual([1, 2]);
		expect(result.lowExpected).toBe(true);
	});

	it('drops a row and a column at once: df 1', () => {
		// Left: 5 10 / 10 5; every expected count 7.5; statistic 4 × 2.5²/7.5 = 10/3;
		// p = Q(1/2, 5/3) = erfc(√(5/3)) = 0.0678891548618290236… (mpmath)
		const result = chiSquareTest([
			[5, 0, 10],
			[0, 0, 0],
			[10, 0, 5]
		])!;
		expectRelative(result.statistic, 10 / 3, 1e-12);
		expect(result.df).toBe(1);
		expectRelative(result.pValue, 0.0678891548618290236, 1e-12);
		expect(result.rows).toEqual([0, 2]);
		expect(result.columns).toEqual([0, 2]);
	});

	it('is null when fewer than two rows or two columns remain', () => {
		expect(chiSquareTest([])).toBeNull();
		expect(chiSquareTest([[1, 2, 3]])).toBeNull();
		expect(chiSquareTest([[1, 2, 3], [0, 0, 0], [0, 0, 0]])).toBeNull();
		expect(chiSquareTest([[0, 4, 0], [0, 3, 0], [0, 9, 0]])).toBeNull();
		expect(chiSquareTest([[0, 0, 0], [0, 0, 0], [0, 0, 0]])).toBeNull();
	});

	it('gives p = 1 for perfectly independent counts', () => {
		const result = chiSquareTest([
			[2, 4, 6],
			[3, 6, 9],
			[5, 10, 15]
		])!;
		expect(result.statistic).toBeCloseTo(0, 12);
		expect(result.pValue).toBeCloseTo(1, 12);
	});

	it('refuses counts that are not whole and non-negative, and ragged tables', () => {
		expect(() => chiSquareTest([[1, -1], [2, 3]])).toThrow(RangeError);
		expect(() => chiSquareTest([[1, 0.5], [2, 3]])).toThrow(RangeError);
		expect(() => chiSquareTest([[1, 2], [3]])).toThrow(RangeError);
	});
});
