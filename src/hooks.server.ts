import { isRedirect, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { anonymous } from '$lib/domain/actor';
import { accessTo } from '$lib/domain/areas';
import { appDatabase, prepareApp, sessionPolicy, startBackgroundWork, stopApp } from '$lib/server/app';
import { setSessionCookie, clearSessionCookie } from '$lib/server/auth/cookies';
import { inputGuard, refusalResponse } from '$lib/server/http/input-guard';
import { language } from '$lib/server/http/language';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { actorFromBearer } from '$lib/server/services/api-tokens';
import { loadActor } from '$lib/server/services/sign-in';

export const init: ServerInit = async () => {
	await prepareApp();
	// The mail worker and the reminders run in the server only, not while building.
	if (building) return;
	startBackgroundWork();
	process.once('sveltekit:shutdown', () => void stopApp());
};

const SURVEY_API = '/api/v1/survey/';

const refusalMessages = {
	malformed: 'Authorization must be "Bearer <token>" with a personal API token.',
	unknown: 'The API token is not valid.',
	revoked: 'The API token has been revoked.',
	expired: 'The API token has expired.',
	not_researcher: 'The API token belongs to an account that may not read research data.'
} as const;

/** 401 (with the challenge) or 403 as JSON, without cookies, for a refused API token. */
function apiRefusal(status: 401 | 403, reason: keyof typeof refusalMessages): Response {
	const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
	if (status === 401) headers.set('WWW-Authenticate', `Bearer realm="regie", error="invalid_token"`);
	return new Response(JSON.stringify({ error: refusalMessages[reason] }), { status, headers });
}

/**
 * Turn the session cookie into `locals.actor` (renewing the cookie while the session is used), or,
 * on the survey API, an `Authorization: Bearer` personal API token.
 */
const session: Handle = async ({ event, resolve }) => {
	const db = appDatabase();
	event.locals.db = db;
	event.locals.actor = anonymous;
	event.locals.sessionId = null;
	const api = event.url.pathname.startsWith('/api/');
	// Scripts of researchers: a personal API token on the survey API. A bad token is refused here,
	// never treated as anonymous (the endpoint would then answer as if no one had asked).
	const authorization = event.request.headers.get('authorization');
	if (authorization !== null && event.url.pathname.startsWith(SURVEY_API)) {
		const bearer = await actorFromBearer(db, authorization);
		if (!bearer.ok) return apiRefusal(bearer.status, bearer.reason);
		event.locals.actor = bearer.actor;
		return resolve(event);
	}
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const valid = await validateSessionToken(db, token, sessionPolicy());
		const actor = valid ? await loadActor(db, valid.userId) : null;
		if (valid && actor) {
			event.locals.actor = actor;
			event.locals.sessionId = valid.id;
			// Move the cookie's expiry along when activity was recorded (at most hourly), but never on
			// an API answer: those may be cached publicly and must not carry a Set-Cookie.
			if (valid.renewed && !api) setSessionCookie(event.cookies, event.url, token, valid.expiresAt);
		} else if (!api) {
			clearSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

/**
 * The role guard for every page, action and endpoint of an area, before any route code runs:
 * not signed in → to the sign-in page and back; signed in with another role → 403.
 * A page of the `(areas)` route group is the one exception: its layout load raises the same 403,
 * so that the error page is rendered inside the site's own layout instead of the bare fallback.
 * (Endpoints never live in that group; a test checks it.)
 */
const areaGuard: Handle = async ({ event, resolve }) => {
	const access = accessTo(event.url.pathname, event.locals.actor);
	const reading = event.request.method === 'GET' || event.request.method === 'HEAD';
	if (access === 'sign-in') {
		if (reading) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		return refusalResponse(event.request, 401, 'Niet ingelogd');
	}
	if (access === 'forbidden') {
		const renderedByAreaLayout = reading && event.route.id?.startsWith('/(areas)/') === true;
		if (!renderedByAreaLayout) return refusalResponse(event.request, 403, 'Geen toegang');
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (caught) {
		// A redirect thrown by a later hook (the role guard) is answered here, so that it gets these headers too.
		if (!isRedirect(caught)) throw caught;
		response = new Response(null, { status: caught.status, headers: { Location: caught.location } });
	}
	response.headers.set('X-Content-Type-Options', 'nosniff');
	// A route may ask for a stricter policy (pages with a token in the URL do).
	if (!response.headers.has('Referrer-Policy')) response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	// Pages that show personal data are never kept in shared caches.
	if (event.locals.actor?.kind === 'user' && !response.headers.has('Cache-Control')) {
		response.headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};

export const handle = sequence(securityHeaders, language, session, areaGuard, inputGuard);
