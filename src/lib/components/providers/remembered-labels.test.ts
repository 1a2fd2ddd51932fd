import { describe, expect, it } from 'vitest';
import { rememberedLabels, rememberedOptions } from './remembered-labels';

describe('remembered labels', () => {
	it('asks for the text of a code once per language', () => {
		let language = 'nl';
		const asked: string[] = [];
		const label = rememberedLabels((code: 'a' | 'b') => (asked.push(`${language}:${code}`), `${code} in ${language}`));
		expect(label('a', 'nl')).toBe('a in nl');
		expect(label('a', 'nl')).toBe('a in nl');
		language = 'en';
		expect(label('a', 'en')).toBe('a in en');
		expect(label('b', 'en')).toBe('b in en');
		expect(asked).toEqual(['nl:a', 'en:a', 'en:b']);
	});

	it('builds the options of a list once per language, in the order of the codes', () => {
		const options = rememberedOptions(['y', 'x'] as const, (code) => code.toUpperCase());
		expect(options('nl')).toEqual([
			{ value: 'y', label: 'Y' },
			{ value: 'x', label: 'X' }
		]);
		expect(options('nl')).toBe(options('nl'));
	});
});
