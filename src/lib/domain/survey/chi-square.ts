/**
 * Pearson's chi-square test of independence on a count table (rows: provider groups, columns:
 * categories), with the p-value from the regularized incomplete gamma function, after Numerical
 * Recipes (gser/gcf, Lanczos log-gamma). No dependency: the numbers must be reproducible here.
 */

export interface ChiSquareResult {
	statistic: number;
	df: number;
	pValue: number;
	/** Some expected count is below 5: the chi-square approximation is doubtful. */
	lowExpected: boolean;
	minExpected: number;
	/** Indices of the rows and columns of the input that took part (those with a non-zero total). */
	rows: number[];
	columns: number[];
}

/**
 * The test on a table of whole counts. Rows and columns with a zero total are dropped first (an
 * empty group tells nothing and would make an expected count zero), so df follows the table that
 * remains. Null when fewer than two rows or two columns remain: there is nothing to test.
 */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquareResult | null {
	const width = table[0]?.length ?? 0;
	for (const row of table) {
		if (row.length !== width) throw new RangeError('All rows of a chi-square table must have the same length');
		for (const count of row) {
			if (!Number.isInteger(count) || count < 0) throw new RangeError(`A count must be a whole number >= 0, got ${count}`);
		}
	}
	const rowTotals = table.map((row) => row.reduce((sum, count) => sum + count, 0));
	const columnTotals = Array.from({ length: width }, (_, j) => table.reduce((sum, row) => sum + (row[j] ?? 0), 0));
	const rows = rowTotals.flatMap((total, i) => (total > 0 ? [i] : []));
	const columns = columnTotals.flatMap((total, j) => (total > 0 ? [j] : []));
	if (rows.length < 2 || columns.length < 2) return null;

	const grandTotal = rowTotals.reduce((sum, total) => sum + total, 0);
	let statistic = 0;
	let minExpected = Infinity;
	for (const i of rows) {
		for (const j of columns) {
			const expected = ((rowTotals[i] ?? 0) * (columnTotals[j] ?? 0)) / grandTotal;
			const difference = (table[i]?.[j] ?? 0) - expected;
			statistic += (difference * difference) / expected;
			minExpected = Math.min(minExpected, expected);
		}
	}
	const df = (rows.length - 1) * (columns.length - 1);
	return { statistic, df, pValue: chiSquarePValue(statistic, df), lowExpected: minExpected < 5, minExpected, rows, columns };
}

/** P(X ≥ statistic) for X chi-square distributed with df degrees of freedom: Q(df/2, statistic/2). */
export function chiSquarePValue(statistic: number, df: number): number {
	if (!Number.isInteger(df) || df < 1) throw new RangeError(`df must be a whole number >= 1, got ${df}`);
	if (!(statistic >= 0)) throw new RangeError(`A chi-square statistic must be >= 0, got ${statistic}`);
	return regularizedGammaQ(df / 2, statistic / 2);
}

// Lanczos approximation, g = 7, n = 9: relative error below 1e-15 for positive arguments.
const lanczosG = 7;
const lanczos = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
	12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
	if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
	// Reflection keeps the approximation in the range where it is accurate.
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const z = x - 1;
	let series = lanczos[0] ?? 0;
	for (let k = 1; k < lanczos.length; k++) series += (lanczos[k] ?? 0) / (z + k);
	const t = z + lanczosG + 0.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

const maxIterations = 10_000;
const epsilon = Number.EPSILON;
const tiny = 1e-300;

/** Regularized lower incomplete gamma P(a, x). */
export function regularizedGammaP(a: number, x: number): number {
	checkGammaArguments(a, x);
	if (x === 0) return 0;
	if (x === Infinity) return 1;
	return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly for accuracy in the tail. */
export function regularizedGammaQ(a: number, x: number): number {
	checkGammaArguments(a, x);
	if (x === 0) return 1;
	if (x === Infinity) return 0;
	return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function checkGammaArguments(a: number, x: number): void {
	if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`The incomplete gamma function needs a > 0, got ${a}`);
	if (!(x >= 0)) throw new RangeError(`The incomplete gamma function needs x >= 0, got ${x}`);
}

/** P(a, x) by its series; converges quickly for x < a + 1. */
function gammaSeries(a: number, x: number): number {
	let ap = a;
	let term = 1 / a;
	let sum = term;
	for (let n = 0; n < maxIterations; n++) {
		ap += 1;
		term *= x / ap;
		sum += term;
		if (Math.abs(term) < Math.abs(sum) * epsilon) {
			return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
		}
	}
	throw new Error(`Incomplete gamma series did not converge for a=${a}, x=${x}`);
}

/** Q(a, x) by its continued fraction (modified Lentz); converges quickly for x ≥ a + 1. */
function gammaContinuedFraction(a: number, x: number): number {
	let b = x + 1 - a;
	let c = 1 / tiny;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i <= maxIterations; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < tiny) d = tiny;
		c = b + an / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) <= epsilon) {
			return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
		}
	}
	throw new Error(`Incomplete gamma continued fraction did not converge for a=${a}, x=${x}`);
}
