import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import svelteConfig from '../../svelte.config.js';
import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import { freePort, serverWorkspace, signIn, type ServerWorkspace } from '../support/built-server';
import { appRoutes } from '../support/route-inventory';
import { pageVisits, people, Portal } from './hostile-input.setup';
import { encodeBody, formHeaders, send, type Answer } from './hostile-input.support';

/**
 * Issue 7, hostile input: the security headers and the session cookie, checked on the built server.
 *
 * - Every page of the route inventory, opened by someone who may see it, answers with the CSP of
 *   svelte.config.js (kit.csp; scripts only with the page's nonce) and the headers of
 *   hooks.server.ts; so do the error page, the hooks' refusals and redirects, and the API.
 * - The session cookie is HttpOnly, SameSite=Lax, Path=/, and Secure when the portal runs behind
 *   https (a second server with an https ORIGIN; on plain-http localhost it cannot be).
 * - Signing out ends the session on the server; every sign-in makes a new session id, whatever
 *   cookie came with it; every token handed out has 130 random bits per part.
 */

let workspace: ServerWorkspace;
let portal: Portal;

beforeAll(async () => {
	workspace = await serverWorkspace('regie-headers');
	portal = await Portal.start(workspace);
});

afterAll(async () => {
	await portal?.stop();
	await workspace?.cleanUp();
});

/** `default-src 'self'; script-src 'self' 'nonce-…'` → directive → sources. */
function parseCsp(header: string): Map<string, string[]> {
	return new Map(
		header
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...sources]) => [name!, sources])
	);
}

const keywords = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', 'unsafe-hashes', 'report-sample', 'wasm-unsafe-eval']);
const configured = new Map(
	Object.entries(svelteConfig.kit?.csp?.directives ?? {}).map(([name, sources]) => [name, (sources as string[]).map((source) => (keywords.has(source) ? `'${source}'` : source))])
);

/** What is wrong with a page's CSP header, compared with svelte.config.js; empty when nothing. */
function cspProblems(answer: Answer): string[] {
	const header = answer.headers.get('content-security-policy');
	if (!header) return ['no Content-Security-Policy header'];
	const csp = parseCsp(header);
	const problems: string[] = [];
	for (const [name, sources] of configured) {
		const given = csp.get(name);
		if (!given) {
			problems.push(`no ${name}`);
			continue;
		}
		// SvelteKit adds the page's nonce (or the hashes of a prerendered page) to script-src and style-src.
		const extra = given.filter((source) => !sources.includes(source) && !/^'(nonce|sha256|sha384|sha512)-[A-Za-z0-9+/=_-]+'$/.test(source));
		const missing = sources.filter((source) => !given.includes(source));
		if (extra.length > 0 || missing.length > 0) problems.push(`${name}: ${given.join(' ')} (configured: ${sources.join(' ')})`);
	}
	for (const name of csp.keys()) if (!configured.has(name)) problems.push(`unconfigured directive ${name}`);
	const scripts = csp.get('script-src') ?? [];
	if (scripts.includes("'unsafe-inline'") || scripts.includes("'unsafe-eval'")) problems.push(`script-src allows inline code or eval: ${scripts.join(' ')}`);
	// Every inline script carries the page's nonce; every script file comes from the portal itself.
	const nonce = /'nonce-([^']+)'/.exec(header)?.[1];
	for (const [tag] of answer.text.matchAll(/<script\b[^>]*>/g)) {
		const src = /\ssrc="([^"]*)"/.exec(tag)?.[1];
		if (src === undefined && /\snonce="([^"]*)"/.exec(tag)?.[1] !== nonce) problems.push(`an inline script without the page's nonce: ${tag}`);
		if (src !== undefined && /^(https?:)?\/\//.test(src)) problems.push(`a script from elsewhere: ${tag}`);
	}
	return problems;
}

/** The headers hooks.server.ts (securityHeaders) sets on every answer. */
function headerProblems(answer: Answer, expected: { referrer?: string; cache?: string } = {}): string[] {
	const want: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		'referrer-policy': expected.referrer ?? 'strict-origin-when-cross-origin',
		'permissions-policy': 'camera=(), microphone=(), geolocation=()'
	};
	if (expected.cache) want['cache-control'] = expected.cache;
	return Object.entries(want)
		.filter(([name, value]) => answer.headers.get(name) !== value)
		.map(([name, value]) => `${name}: ${answer.headers.get(name) ?? 'missing'} (expected ${value})`);
}

/** Pages with a token in their URL ask for a stricter referrer policy and no caching at all. */
const tokenPages = new Set(['/enquete/[token]', '/uitnodiging/[token]']);

describe('security headers', () => {
	it('every page of the inventory has a visit with real parameters', async () => {
		const pages = (await appRoutes()).filter((route) => route.kind === 'page').map((route) => route.pattern);
		expect(pages.filter((pattern) => !pageVisits[pattern])).toEqual([]);
	});

	describe('on every page', async () => {
		const pages = (await appRoutes()).filter((route) => route.kind === 'page' && pageVisits[route.pattern]);

		it.each(pages)('$pattern', async ({ pattern }) => {
			const visit = await pageVisits[pattern]!(portal);
			const answer = await portal.get(visit.visitor, visit.path);
			expect(answer.status, `GET ${visit.path} as ${visit.visitor}`).toBe(200);
			const cache = tokenPages.has(pattern) ? 'no-store' : visit.visitor === 'anonymous' ? undefined : 'private, no-store';
			expect([...cspProblems(answer), ...headerProblems(answer, { referrer: tokenPages.has(pattern) ? 'same-origin' : undefined, cache })]).toEqual([]);
		});
	});

	it('on the error page', async () => {
		const answer = await portal.get('client', '/bestaat-niet');
		expect(answer.status).toBe(404);
		expect([...cspProblems(answer), ...headerProblems(answer, { cache: 'private, no-store' })]).toEqual([]);
	});

	it('on the refusals and redirects of the hooks', async () => {
		const form = (cookie: string | null, path: string, body = 'a=1', contentType = 'application/x-www-form-urlencoded') =>
			send(portal.origin, path, { method: 'POST', cookie, headers: formHeaders(portal.origin, false), body, contentType });
		const answers: [string, Answer, number][] = [
			['sign in first (GET)', await portal.get('anonymous', '/beheer'), 303],
			['sign in first (POST)', await form(null, '/beheer/regels'), 401],
			['another role (POST)', await form(await portal.cookie('client'), '/beheer/regels'), 403],
			['unreadable form', await form(await portal.cookie('admin'), '/beheer/regels', 'a=1', 'multipart/form-data'), 400],
			['NUL in the query', await portal.get('admin', '/beheer/aanbieders?zoek=a%00b'), 400]
		];
		const problems = answers.flatMap(([what, answer, status]) => {
			const found = answer.status === status ? headerProblems(answer) : [`HTTP ${answer.status}, expected ${status}`];
			if (answer.contentType.includes('text/html') && !answer.headers.get('content-security-policy')) found.push('no Content-Security-Policy header');
			return found.map((problem) => `${what}: ${problem}`);
		});
		expect(problems).toEqual([]);
	});

	it('on the API', async () => {
		const answer = await send(portal.origin, '/api/v1/providers?page_size=1');
		expect(answer.status).toBe(200);
		expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
		expect(answer.headers.get('x-frame-options')).toBe('DENY');
	});
});

/** The session cookie of an answer, with its attributes. */
function sessionCookie(answer: Answer): { value: string; attributes: string[] } | null {
	const cookie = answer.headers.getSetCookie().find((line) => line.startsWith('regie_session='));
	if (!cookie) return null;
	const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
	return { value: pair!.slice('regie_session='.length), attributes: attributes.map((attribute) => attribute.toLowerCase()) };
}

async function signInAnswer(origin: string, email: string, options: { cookie?: string; originHeader?: string } = {}): Promise<Answer> {
	const { body, contentType } = encodeBody([['email', email], ['password', DEMO_PASSWORD]], 'urlencoded');
	return send(origin, '/login', { method: 'POST', cookie: options.cookie, headers: { ...formHeaders(options.originHeader ?? origin, false) }, body, contentType });
}

const TOKEN = /^[a-km-np-z2-9]{26}\.[a-km-np-z2-9]{26}$/;

describe('the session', () => {
	it('cookie is HttpOnly, SameSite=Lax, Path=/ and expires; not Secure on plain-http localhost', async () => {
		const answer = await signInAnswer(portal.origin, people.admin);
		expect(answer.status).toBe(303);
		const cookie = sessionCookie(answer)!;
		expect(cookie.value).toMatch(TOKEN);
		expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
		expect(cookie.attributes.some((attribute) => attribute.startsWith('expires='))).toBe(true);
		expect(cookie.attributes).not.toContain('secure');
	});

	it('cookie is Secure when the portal runs behind https (ORIGIN=https://…), and so is every other cookie it sets', async () => {
		const https = await serverWorkspace('regie-headers-https');
		const port = await freePort();
		const server = await https.start({ port, env: { ORIGIN: `https://127.0.0.1:${port}` } });
		try {
			const origin = `https://127.0.0.1:${port}`;
			const answer = await signInAnswer(server.origin, people.admin, { originHeader: origin });
			expect(answer.status).toBe(303);
			const cookie = sessionCookie(answer)!;
			expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure']));
			const session = `regie_session=${cookie.value}`;
			// The language switch and signing out set cookies too.
			const { body, contentType } = encodeBody([['lang', 'en']], 'urlencoded');
			const language = await send(server.origin, '/taal', { method: 'POST', cookie: session, headers: formHeaders(origin, false), body, contentType });
			const signOut = await send(server.origin, '/logout', { method: 'POST', cookie: session, headers: formHeaders(origin, false), ...encodeBody([], 'urlencoded') });
			for (const line of [...language.headers.getSetCookie(), ...signOut.headers.getSetCookie()]) expect(line.toLowerCase()).toContain('; secure');
			expect(signOut.headers.getSetCookie().some((line) => line.startsWith('regie_session=;'))).toBe(true);
		} finally {
			await server.stop();
			await https.cleanUp();
		}
	});

	it('ends on the server at sign-out: the old cookie is worth nothing afterwards', async () => {
		const cookie = await signIn(portal.origin, people.admin, DEMO_PASSWORD);
		const id = cookie.slice('regie_session='.length).split('.')[0]!;
		expect((await send(portal.origin, '/account', { cookie, headers: { Accept: 'text/html' } })).status).toBe(200);

		const signOut = await send(portal.origin, '/logout', { method: 'POST', cookie, headers: formHeaders(portal.origin, false), ...encodeBody([], 'urlencoded') });
		expect(signOut.status).toBe(303);
		expect(signOut.location).toBe('/login?uitgelogd');
		expect(sessionCookie(signOut)).toMatchObject({ value: '' });
		expect(await portal.probe.rows('SELECT id FROM sessions WHERE id = ?', [id])).toEqual([]);

		// Replayed, the cookie is a visitor's: sent to sign in for a page, refused for an action.
		const page = await send(portal.origin, '/account', { cookie, headers: { Accept: 'text/html' } });
		expect(page.status).toBe(303);
		expect(page.location).toBe('/login?redirectTo=%2Faccount');
		const { body, contentType } = encodeBody([['organisationId', 'org-uwv']], 'urlencoded');
		const action = await send(portal.origin, '/beheer/regels', { method: 'POST', cookie, headers: formHeaders(portal.origin, false), body, contentType });
		expect(action.status).toBe(401);
	});

	it('gets a new id at every sign-in, and a cookie sent along to sign in is never kept', async () => {
		const first = sessionCookie(await signInAnswer(portal.origin, people.reviewer))!.value;
		const second = sessionCookie(await signInAnswer(portal.origin, people.reviewer))!.value;
		expect(first.split('.')[0]).not.toBe(second.split('.')[0]);
		expect(first).not.toBe(second);

		// Fixation: a well-formed token the visitor was given beforehand, and someone else's valid session.
		const planted = `${'a'.repeat(26)}.${'b'.repeat(26)}`;
		const other = await signIn(portal.origin, people.client, DEMO_PASSWORD);
		for (const cookie of [`regie_session=${planted}`, other]) {
			const answer = await signInAnswer(portal.origin, people.reviewer, { cookie });
			expect(answer.status).toBe(303);
			const given = sessionCookie(answer)!.value;
			expect(given).toMatch(TOKEN);
			expect(`regie_session=${given}`).not.toBe(cookie);
			expect(given.split('.')[0]).not.toBe(cookie.slice('regie_session='.length).split('.')[0]);
		}
		expect(await portal.probe.rows('SELECT id FROM sessions WHERE id = ?', ['a'.repeat(26)])).toEqual([]);
		const planted2 = await send(portal.origin, '/beoordelen', { cookie: `regie_session=${planted}`, headers: { Accept: 'text/html' } });
		expect(planted2.status).toBe(303);
	});

	it('tokens handed out have 26 + 26 symbols of 5 bits (130 random bits per part)', async () => {
		expect((await portal.invitationPath()).slice('/uitnodiging/'.length)).toMatch(TOKEN);
		expect((await portal.surveyPath()).slice('/enquete/'.length)).toMatch(TOKEN);
		expect(await portal.researchToken()).toMatch(TOKEN);
	});
});
