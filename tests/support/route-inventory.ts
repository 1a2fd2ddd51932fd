/**
 * Every route of the app, read from the route modules themselves (not from a list kept by hand):
 * pages with their form actions, and endpoints with their HTTP methods. Tests that must cover every
 * route (the authorization matrix, hostile input) take their list from here, so that a new route
 * cannot slip past them. Runs inside vitest (import.meta.glob).
 */

export interface PageRoute {
	kind: 'page';
	/** The route id as SvelteKit writes it, e.g. `/(areas)/beoordelen/[id=uuid]`. */
	id: string;
	/** The URL pattern without groups, e.g. `/beoordelen/[id=uuid]`. */
	pattern: string;
	/** Form action names (`default` for the unnamed one); empty when the page has none. */
	actions: string[];
	/** The page has a server load or a universal load. */
	hasServerModule: boolean;
}

export interface EndpointRoute {
	kind: 'endpoint';
	id: string;
	pattern: string;
	methods: string[];
}

export type AppRoute = PageRoute | EndpointRoute;

const pageSvelte = import.meta.glob('/src/routes/**/+page.svelte');
const pageServer = import.meta.glob<Record<string, unknown>>('/src/routes/**/+page.server.ts');
const endpoints = import.meta.glob<Record<string, unknown>>('/src/routes/**/+server.ts');

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

function routeId(file: string): string {
	const id = file.replace(/^\/src\/routes/, '').replace(/\/\+[^/]+$/, '');
	return id === '' ? '/' : id;
}

/** `/(areas)/beoordelen/[id=uuid]` → `/beoordelen/[id=uuid]` */
export function patternOf(id: string): string {
	const pattern = id
		.split('/')
		.filter((segment) => !/^\(.*\)$/.test(segment))
		.join('/');
	return pattern === '' ? '/' : pattern;
}

/** Put concrete values into a pattern: `fill('/aanbieders/[code]', { code: 'abc' })`. */
export function fill(pattern: string, params: Record<string, string>): string {
	return pattern.replace(/\[([a-zA-Z_]+)(=[a-zA-Z_]+)?\]/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`no value for [${name}] in ${pattern}`);
		return encodeURIComponent(value);
	});
}

export async function appRoutes(): Promise<AppRoute[]> {
	const routes: AppRoute[] = [];
	for (const file of Object.keys(pageSvelte).sort()) {
		const id = routeId(file);
		const serverFile = file.replace(/\+page\.svelte$/, '+page.server.ts');
		const module = pageServer[serverFile] ? await pageServer[serverFile]() : undefined;
		const actions = module?.actions && typeof module.actions === 'object' ? Object.keys(module.actions).sort() : [];
		routes.push({ kind: 'page', id, pattern: patternOf(id), actions, hasServerModule: module !== undefined });
	}
	for (const [file, load] of Object.entries(endpoints).sort(([a], [b]) => a.localeCompare(b))) {
		const module = await load();
		const id = routeId(file);
		routes.push({ kind: 'endpoint', id, pattern: patternOf(id), methods: HTTP_METHODS.filter((method) => method in module) });
	}
	return routes;
}
