import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

describe('seededRandom', () => {
	it('gives the same numbers for the same seed and others for another, all in [0, 1)', () => {
		const take = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
		expect(take(7)).toEqual(take(7));
		expect(take(7)).not.toEqual(take(8));
		const values = take(42);
		expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
		// Spread over the interval: each tenth gets roughly a tenth of the values.
		const tenths = Array.from({ length: 10 }, (_, tenth) => values.filter((value) => Math.floor(value * 10) === tenth).length);
		expect(Math.min(...tenths)).toBeGreaterThan(70);
	});
});
