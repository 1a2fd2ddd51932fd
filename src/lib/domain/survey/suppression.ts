/**
 * Disclosure control for tables broken down below provider-group level (product brief §4): a count
 * of 1–4 is never published. When only one cell of a row is hidden, its value could be recomputed
 * from the row total, so one more cell of the same row is hidden too (secondary suppression): the
 * smallest of the remaining cells, the leftmost on a tie. Zero is not small: nobody can be found
 * in an empty cell.
 */

export const smallCellMin = 1;
export const smallCellMax = 4;

export type SuppressedCell =
	| { kind: 'shown'; n: number }
	/** `small`: the count itself is 1–4; `secondary`: hidden so that a small count cannot be recomputed. */
	| { kind: 'suppressed'; reason: 'small' | 'secondary' };

export function isSmallCount(n: number): boolean {
	return n >= smallCellMin && n <= smallCellMax;
}

/**
 * The category cells of one row (not its total, which stays shown), each shown or suppressed. The
 * total is the sum of the cells, so hiding a single cell would hide nothing.
 */
export function suppressRow(counts: readonly number[]): SuppressedCell[] {
	for (const n of counts) {
		if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a whole number >= 0, got ${n}`);
	}
	const cells: SuppressedCell[] = counts.map((n) => (isSmallCount(n) ? { kind: 'suppressed', reason: 'small' } : { kind: 'shown', n }));
	const hidden = cells.filter((cell) => cell.kind === 'suppressed').length;
	if (hidden === 1) {
		let pick = -1;
		counts.forEach((n, index) => {
			if (cells[index]!.kind === 'shown' && (pick === -1 || n < counts[pick]!)) pick = index;
		});
		if (pick !== -1) cells[pick] = { kind: 'suppressed', reason: 'secondary' };
	}
	return cells;
}
