import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaFor } from '$lib/domain/areas';

// The hook lets GET requests of the (areas) group through to the group's layout load, which
// answers 403. Endpoints (+server.ts) run no layout load, so none may live in that group, and
// every page of an area must live in it.

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : [path];
	});
}

const routes = files('src/routes').map((path) => relative('src/routes', path).replaceAll('\\', '/'));

function urlOf(route: string): string {
	const path = route
		.split('/')
		.slice(0, -1)
		.filter((segment) => !/^\(.*\)$/.test(segment))
		.map((segment) => segment.replace(/^\[.*\]$/, 'x'))
		.join('/');
	return `/${path}`;
}

describe('route layout', () => {
	it('has no endpoints in the (areas) group', () => {
		expect(routes.filter((route) => route.startsWith('(areas)/') && /\+server\.(ts|js)$/.test(route))).toEqual([]);
	});

	it('puts every page of a role area in the (areas) group', () => {
		const outside = routes.filter((route) => /\+page(\.server)?\.(ts|svelte)$/.test(route) && !route.startsWith('(areas)/') && areaFor(urlOf(route)));
		expect(outside).toEqual([]);
	});

	it('has pages in the group for every area', () => {
		const inside = routes.filter((route) => route.startsWith('(areas)/') && route.endsWith('+page.svelte')).map(urlOf);
		for (const url of ['/beheer', '/beoordelen', '/aanbieder', '/onderzoek', '/aanbieders', '/plan', '/enquete', '/account']) {
			expect(inside).toContain(url);
		}
	});
});
