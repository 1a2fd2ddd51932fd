import { describe, expect, it } from 'vitest';
import { addToTray, parseTray, removeFromTray, serializeTray } from './compare-tray';

describe('compare tray', () => {
	it('round-trips through the cookie value, dropping junk and duplicates', () => {
		expect(parseTray(serializeTray(['a', 'b-2']))).toEqual(['a', 'b-2']);
		expect(parseTray('a,a,<script>,b,,c,d,e')).toEqual(['a', 'b', 'c', 'd']);
		expect(parseTray(undefined)).toEqual([]);
	});

	it('adds up to 4 and then says it is full', () => {
		let codes: string[] = [];
		for (const code of ['a', 'b', 'c', 'd']) codes = addToTray(codes, code).codes;
		expect(codes).toEqual(['a', 'b', 'c', 'd']);
		expect(addToTray(codes, 'e')).toEqual({ codes, full: true });
	});

	it('ignores adding twice and removes', () => {
		expect(addToTray(['a'], 'a')).toEqual({ codes: ['a'], full: false });
		expect(removeFromTray(['a', 'b'], 'a')).toEqual(['b']);
	});
});
