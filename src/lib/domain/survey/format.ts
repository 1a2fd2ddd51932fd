/**
 * Cells of the survey tables as printed: "20,0% (10)" in Dutch (decimal comma), "20.0% (10)" in
 * English. A row without respondents has no percentages: "– (0)", an en dash with the count, so
 * that every cell keeps the same shape. Counts are printed as plain digits, without grouping.
 */

export type OutputLocale = 'nl' | 'en';

/** Shown instead of a percentage that does not exist (a group without respondents). */
export const noPercentage = '–';

/** A percentage with one decimal, e.g. "28,8%" / "28.8%", or "–" for null. */
export function formatPercent(pct: number | null, locale: OutputLocale): string {
	if (pct === null) return noPercentage;
	if (!Number.isFinite(pct) || pct < 0) throw new RangeError(`A percentage must be a number >= 0, got ${pct}`);
	// Work in whole tenths so the printed digits never depend on binary representation.
	const tenths = Math.round(pct * 10);
	const separator = locale === 'nl' ? ',' : '.';
	return `${Math.floor(tenths / 10)}${separator}${tenths % 10}%`;
}

/** One table cell: percentage and count in brackets. */
export function formatCell(pct: number | null, n: number, locale: OutputLocale): string {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a whole number >= 0, got ${n}`);
	return `${formatPercent(pct, locale)} (${n})`;
}
