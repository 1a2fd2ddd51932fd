import { describe, expect, it } from 'vitest';
import { appRoutes, fill, patternOf } from '../support/route-inventory';

describe('route inventory', () => {
	it('finds pages with their actions and endpoints with their methods', async () => {
		const routes = await appRoutes();
		const vergelijken = routes.find((route) => route.pattern === '/aanbieders/vergelijken');
		expect(vergelijken).toMatchObject({ kind: 'page', actions: ['add', 'clear', 'remove'] });
		expect(routes.find((route) => route.pattern === '/logout')).toMatchObject({ kind: 'endpoint', methods: expect.arrayContaining(['POST']) });
		expect(routes.find((route) => route.pattern === '/')).toMatchObject({ kind: 'page' });
	});

	it('fills parameters and drops groups', () => {
		expect(patternOf('/(areas)/beoordelen/[id=uuid]')).toBe('/beoordelen/[id=uuid]');
		expect(fill('/beoordelen/[id=uuid]/afsluiten', { id: 'x y' })).toBe('/beoordelen/x%20y/afsluiten');
		expect(() => fill('/aanbieders/[code]', {})).toThrow(/code/);
	});
});
