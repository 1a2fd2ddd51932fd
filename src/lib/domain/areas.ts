import type { Actor } from './actor';
import type { Role } from './reference';

/**
 * Which role may enter which part of the portal (URLs are Dutch). The server hook applies this to
 * every request, loads and actions alike, before any route code runs; services then check
 * ownership. A path that matches no area is public.
 */

export interface Area {
	/** Path prefix, matched on whole segments: `/aanbieder` does not match `/aanbieders`. */
	prefix: string;
	roles: readonly Role[];
	/** Only the exact path, not the paths below it (for `/enquete`: the token links below are public). */
	exact?: boolean;
}

const signedIn: readonly Role[] = ['client', 'provider', 'reviewer', 'researcher', 'admin'];

export const areas: readonly Area[] = [
	{ prefix: '/beheer', roles: ['admin'] },
	{ prefix: '/beoordelen', roles: ['reviewer'] },
	{ prefix: '/aanbieder', roles: ['provider'] },
	{ prefix: '/onderzoek', roles: ['researcher'] },
	{ prefix: '/aanbieders', roles: ['client'] },
	{ prefix: '/plan', roles: ['client'] },
	{ prefix: '/enquete', roles: ['client'], exact: true },
	{ prefix: '/account', roles: signedIn },
	{ prefix: '/meldingen', roles: signedIn }
];

/**
 * The path as the router matches it: percent-decoded the way SvelteKit does (every escape except
 * `%25`), so that `/%62eheer` is the `/beheer` area here too.
 */
function routedPath(pathname: string): string {
	try {
		return pathname.split('%25').map(decodeURI).join('%25');
	} catch {
		return pathname; // malformed escapes match no route either
	}
}

export function areaFor(pathname: string): Area | null {
	const decoded = routedPath(pathname);
	const path = decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded;
	for (const area of areas) {
		if (path === area.prefix) return area;
		if (!area.exact && path.startsWith(`${area.prefix}/`)) return area;
	}
	return null;
}

export type AreaAccess = 'allowed' | 'sign-in' | 'forbidden';

/** Whether an actor may enter the area of a path: the one rule the hook and the area layout share. */
export function accessTo(pathname: string, actor: Actor): AreaAccess {
	const area = areaFor(pathname);
	if (!area) return 'allowed';
	if (actor.kind !== 'user') return 'sign-in';
	return area.roles.includes(actor.role) ? 'allowed' : 'forbidden';
}

/** Where a signed-in person lands. */
export function homeOf(role: Role): string {
	switch (role) {
		case 'client':
			return '/plan';
		case 'provider':
			return '/aanbieder';
		case 'reviewer':
			return '/beoordelen';
		case 'researcher':
			return '/onderzoek';
		case 'admin':
			return '/beheer';
	}
}

/**
 * A redirect target from a query string, accepted only when it is a path on this site:
 * `/plan?x=1` yes; `//evil.example`, `https://…`, `/\evil` no.
 */
export function safeRedirectTarget(target: string | null | undefined): string | null {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return null;
	if (/[\u0000-\u001f]/.test(target)) return null;
	return target;
}
