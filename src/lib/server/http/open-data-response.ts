import { createHash } from 'node:crypto';

/**
 * JSON answers of the open-data API: readable from any origin, cacheable by anyone for a minute,
 * and revalidated with a weak ETag computed from the body, so that an unchanged answer costs the
 * client a 304 without a body.
 */

const MAX_AGE_SECONDS = 60;

const crossOrigin = {
	'Access-Control-Allow-Origin': '*',
	// A script on another site may read the tag to revalidate on its own.
	'Access-Control-Expose-Headers': 'ETag'
};

export function weakEtag(body: string): string {
	return `W/"${createHash('sha256').update(body).digest('base64url')}"`;
}

/** `If-None-Match` holds `*` or a list of tags; weak comparison ignores the `W/` prefix. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * The body and tag of values answered before, by identity: a service that keeps its answers
 * (the provider list keeps them per register snapshot) then costs no serialising and hashing.
 * Such values must not be changed afterwards.
 */
const serialised = new WeakMap<object, { body: string; etag: string }>();

function serialise(value: unknown): { body: string; etag: string } {
	const known = typeof value === 'object' && value !== null ? serialised.get(value) : undefined;
	if (known) return known;
	const body = JSON.stringify(value);
	const result = { body, etag: weakEtag(body) };
	if (typeof value === 'object' && value !== null) serialised.set(value, result);
	return result;
}

export function openDataJson(request: Request, value: unknown): Response {
	const { body, etag } = serialise(value);
	const headers = new Headers({ ...crossOrigin, ETag: etag, 'Cache-Control': `public, max-age=${MAX_AGE_SECONDS}` });
	if (etagMatches(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
	headers.set('Content-Type', 'application/json; charset=utf-8');
	return new Response(body, { status: 200, headers });
}

/**
 * The answer to a browser's CORS preflight, which it sends before a script's request that sets
 * `If-None-Match` itself (a request revalidated by the browser's own cache needs none).
 */
export function openDataPreflight(): Response {
	return new Response(null, {
		status: 204,
		headers: {
			...crossOrigin,
			'Access-Control-Allow-Methods': 'GET, HEAD',
			'Access-Control-Allow-Headers': 'If-None-Match',
			'Access-Control-Max-Age': '86400'
		}
	});
}

/** An error answer (`{ "error": … }`), also readable from any origin, never cached. */
export function openDataError(status: number, body: { error: string; parameter?: string }): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { ...crossOrigin, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}
