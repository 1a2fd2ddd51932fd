import { describe, expect, it } from 'vitest';
import { areaFor, homeOf, safeRedirectTarget } from './areas';
import { roles } from './reference';

describe('areaFor', () => {
	it('matches whole path segments only', () => {
		expect(areaFor('/aanbieder')?.roles).toEqual(['provider']);
		expect(areaFor('/aanbieder/profiel')?.roles).toEqual(['provider']);
		expect(areaFor('/aanbieders')?.roles).toEqual(['client']);
		expect(areaFor('/aanbieders/abc')?.roles).toEqual(['client']);
		expect(areaFor('/beheerder')).toBeNull();
	});

	it('keeps survey token links public but the survey overview for clients', () => {
		expect(areaFor('/enquete')?.roles).toEqual(['client']);
		expect(areaFor('/enquete/')?.roles).toEqual(['client']);
		expect(areaFor('/enquete/some-token')).toBeNull();
	});

	it('reads a percent-encoded path as the router does, so an encoded letter opens no area', () => {
		expect(areaFor('/%62eheer/clienten')?.roles).toEqual(['admin']);
		expect(areaFor('/%65nquete')?.roles).toEqual(['client']);
		expect(areaFor('/%E0%A4%A')).toBeNull();
	});

	it('leaves public pages public', () => {
		for (const path of ['/', '/login', '/privacy', '/toegankelijkheid', '/healthz', '/uitnodiging/x']) {
			expect(areaFor(path)).toBeNull();
		}
	});

	it("sends every role home to a page of its own area", () => {
		for (const role of roles) expect(areaFor(homeOf(role))?.roles).toContain(role);
	});
});

describe('safeRedirectTarget', () => {
	it('accepts local paths and refuses everything that leaves the site', () => {
		expect(safeRedirectTarget('/plan?stap=2')).toBe('/plan?stap=2');
		for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'plan', '', null, '/x\n']) {
			expect(safeRedirectTarget(bad)).toBeNull();
		}
	});
});
