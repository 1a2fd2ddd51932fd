import { describe, expect, it } from 'vitest';
import { perDatabaseCache } from './per-database-cache';

function setUp(options: { maxAgeMs: number; serveStale?: boolean }) {
	let clock = 0;
	let loads = 0;
	let fail = false;
	const cache = perDatabaseCache<object, number>(
		async () => {
			loads++;
			if (fail) throw new Error('load failed');
			return loads;
		},
		{ ...options, now: () => clock }
	);
	return {
		cache,
		loads: () => loads,
		advance: (ms: number) => (clock += ms),
		failNext: (value: boolean) => (fail = value)
	};
}

describe('perDatabaseCache', () => {
	it('keeps one value per database and shares a load between concurrent reads', async () => {
		const { cache, loads } = setUp({ maxAgeMs: 1000 });
		const one = {};
		const other = {};
		expect(await Promise.all([cache.get(one), cache.get(one)])).toEqual([1, 1]);
		expect(await cache.get(other)).toBe(2);
		expect(await cache.get(one)).toBe(1);
		expect(loads()).toBe(2);
	});

	it('loads again when the version changes, when too old, and after forget', async () => {
		const { cache, advance } = setUp({ maxAgeMs: 1000 });
		const db = {};
		expect(await cache.get(db, 'v1')).toBe(1);
		expect(await cache.get(db, 'v1')).toBe(1);
		expect(await cache.get(db, 'v2')).toBe(2);
		advance(999);
		expect(await cache.get(db, 'v2')).toBe(2);
		advance(1);
		expect(await cache.get(db, 'v2')).toBe(3);
		cache.forget(db);
		expect(await cache.get(db, 'v2')).toBe(4);
	});

	it('serves the old value while a new one loads, when asked to', async () => {
		let clock = 0;
		let loads = 0;
		let release: () => void = () => {};
		const cache = perDatabaseCache<object, number>(
			async () => {
				const value = ++loads;
				if (value > 1) await new Promise<void>((resolve) => (release = resolve));
				return value;
			},
			{ maxAgeMs: 1000, serveStale: true, now: () => clock }
		);
		const db = {};
		expect(await cache.get(db)).toBe(1);
		clock += 1000;
		expect(await cache.get(db)).toBe(1); // the old value; a load started
		expect(await cache.get(db)).toBe(1); // still loading: no second load
		expect(loads).toBe(2);
		release();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(await cache.get(db)).toBe(2);
		expect(loads).toBe(2);
	});

	it('does not keep a failed load', async () => {
		const { cache, failNext } = setUp({ maxAgeMs: 1000 });
		const db = {};
		failNext(true);
		await expect(cache.get(db)).rejects.toThrow('load failed');
		failNext(false);
		expect(await cache.get(db)).toBe(2);
	});
});
