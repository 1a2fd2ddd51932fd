import { describe, expect, it } from 'vitest';
import { localRedirect } from './redirect-target';

describe('localRedirect', () => {
	it('keeps a local path as it is', () => {
		expect(localRedirect('/plan?stap=2#activiteiten')).toBe('/plan?stap=2#activiteiten');
		expect(localRedirect('/aanbieders?zoek=a%20b')).toBe('/aanbieders?zoek=a%20b');
	});

	it('percent-encodes what a Location header cannot carry', () => {
		expect(localRedirect('/😀?q=ü#é')).toBe('/%F0%9F%98%80?q=%C3%BC#%C3%A9');
		expect(localRedirect('/a\uD800b')).toBe('/a%EF%BF%BDb');
		for (const target of ['/😀', '/plan?zoek=𝕳', '/x#\u{1F600}']) expect(localRedirect(target)).toMatch(/^[\x21-\x7e]+$/);
	});

	it('refuses what leaves the site', () => {
		for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'plan', '', null, undefined, '/x\n']) expect(localRedirect(bad)).toBeNull();
	});
});
