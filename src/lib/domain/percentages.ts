/**
 * A share as a percentage with one decimal, rounded half up, computed from the integer counts so
 * that no floating-point error can flip a digit: 23 of 80 is 28.8, not 28.7. The one place where
 * percentages shown to people are computed.
 */
export function percentOneDecimal(count: number, total: number): number {
	if (!Number.isInteger(count) || !Number.isInteger(total) || count < 0 || total <= 0 || count > total) {
		throw new RangeError(`percentOneDecimal needs whole counts with 0 <= count <= total > 0, got ${count}/${total}`);
	}
	// tenths of a percent = round_half_up(count * 1000 / total), in integers
	const tenths = Math.floor((2000 * count + total) / (2 * total));
	return tenths / 10;
}
