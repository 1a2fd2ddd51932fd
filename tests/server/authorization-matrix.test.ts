import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '$lib/server/db';
import { DEMO_PASSWORD } from '$lib/server/demo/seed';
import { serverWorkspace, sessionFrom, signIn, type RunningServer, type ServerWorkspace } from '../support/built-server';
import { appRoutes, fill } from '../support/route-inventory';
import {
	actionCheck,
	actorEmails,
	actors,
	fixtureNames,
	listContents,
	matrix,
	parseRow,
	PENDING_CLIENT_EMAIL,
	T1_ANNA,
	T3_ILSE,
	T5_FENNA,
	T6_JEROEN,
	type ActorName,
	type FixtureName,
	type MatrixEntry,
	type Outcome,
	type PageEntry
} from './authorization-matrix';

/**
 * Every route × every actor against the built server (see authorization-matrix.ts for the table).
 * Order, so that the answers do not depend on each other: all reads first (in parallel), then the
 * posts that change nothing (in parallel), then the posts that do change something (one at a time),
 * and the sign-outs last of all.
 */

const isPage = (entry: MatrixEntry): entry is PageEntry => 'page' in entry;
const routeOf = (entry: MatrixEntry) => (isPage(entry) ? entry.page : entry.endpoint);

describe('authorization matrix: coverage', () => {
	it('lists every page, form action and endpoint method of src/routes, and nothing that is gone', async () => {
		const routes = await appRoutes();
		const missing: string[] = [];
		const gone: string[] = [];
		for (const route of routes) {
			if (route.kind === 'page') {
				const entries = matrix.filter((entry): entry is PageEntry => isPage(entry) && entry.page === route.pattern);
				if (!entries.some((entry) => entry.load)) missing.push(`page ${route.pattern} (load)`);
				for (const action of route.actions) if (!entries.some((entry) => entry.actions?.[action])) missing.push(`page ${route.pattern} action ${action}`);
			} else {
				const entries = matrix.filter((entry) => !isPage(entry) && entry.endpoint === route.pattern);
				for (const method of route.methods) if (!entries.some((entry) => !isPage(entry) && entry.methods[method])) missing.push(`endpoint ${route.pattern} ${method}`);
			}
		}
		for (const entry of matrix) {
			const route = routes.find((candidate) => candidate.kind === (isPage(entry) ? 'page' : 'endpoint') && candidate.pattern === routeOf(entry));
			if (!route) {
				gone.push(`${isPage(entry) ? 'page' : 'endpoint'} ${routeOf(entry)}`);
				continue;
			}
			const listed = isPage(entry) ? Object.keys(entry.actions ?? {}) : Object.keys(entry.methods);
			const existing = route.kind === 'page' ? route.actions : route.methods;
			for (const name of listed) if (!existing.includes(name)) gone.push(`${route.kind} ${route.pattern} ${isPage(entry) ? 'action ' : ''}${name}`);
		}
		expect({ missing, gone }).toEqual({ missing: [], gone: [] });
	});

	it('has a valid row for every check', () => {
		for (const entry of matrix) {
			if (isPage(entry)) {
				if (entry.load) parseRow(entry.load);
				for (const check of Object.values(entry.actions ?? {})) parseRow(actionCheck(check).expect);
			} else for (const check of Object.values(entry.methods)) parseRow(actionCheck(check).expect);
		}
	});
});

interface Probe {
	label: string;
	actor: ActorName;
	expected: Outcome;
	method: string;
	path: string;
	/** A page load: "login" means a 303 to /login rather than a 401. */
	pageLoad: boolean;
	body?: Record<string, string>;
	mutates: boolean;
	endsSession: boolean;
}

type Answer = Outcome | 'server-error' | 'other';

function answerOf(response: Response, pageLoad: boolean): Answer {
	const location = response.headers.get('location') ?? '';
	// The area guard's answer; other redirects to /login (after signing out) are ordinary answers.
	if (response.status >= 300 && response.status < 400 && location.startsWith('/login?redirectTo=')) return pageLoad ? 'login' : 'other';
	if (response.status === 401) return pageLoad ? 'other' : 'login';
	if (response.status === 403) return 'forbidden';
	if (response.status === 404) return 'not-found';
	if (response.status >= 500) return 'server-error';
	return 'allowed';
}

async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await work(items[next++]!);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const CONCURRENCY = 6;

describe('authorization matrix', () => {
	let ws: ServerWorkspace;
	let server: RunningServer;
	let db: Db;
	const cookies: Partial<Record<ActorName, string>> = {};
	const fixtures = {} as Record<FixtureName, string>;
	let probes: Probe[] = [];
	const timings: string[] = [];

	function headersFor(actor: ActorName, extra: Record<string, string> = {}): Record<string, string> {
		const cookie = cookies[actor];
		return { ...(cookie ? { Cookie: cookie } : {}), ...extra };
	}

	async function post(actor: ActorName | { cookie: string }, path: string, body: Record<string, string>, accept = 'text/html'): Promise<Response> {
		const cookie = typeof actor === 'string' ? headersFor(actor) : { Cookie: actor.cookie };
		return fetch(`${server.origin}${path}`, {
			method: 'POST',
			headers: { ...cookie, Origin: server.origin, Accept: accept, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(body),
			redirect: 'manual'
		});
	}

	/** A personal API token of a researcher, made on the tokens page as a person would. */
	async function newApiToken(name: string): Promise<string> {
		const response = await post('researcher', '/onderzoek/tokens?/create', { name, lifetimeDays: '30' }, 'application/json');
		const text = await response.text();
		const token = /[a-km-np-z2-9]{26}\.[a-km-np-z2-9]{26}/.exec(text)?.[0];
		if (!token) throw new Error(`no token in the answer of /onderzoek/tokens?/create: ${response.status} ${text.slice(0, 300)}`);
		return token;
	}

	const resolve = (value: string) => (value.startsWith('@') ? fixtures[value.slice(1) as FixtureName] : value);
	const resolveAll = (values: Record<string, string> = {}) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, resolve(value)]));

	function buildProbes(): Probe[] {
		const list: Probe[] = [];
		for (const entry of matrix) {
			const path = fill(routeOf(entry), resolveAll(entry.params)) + (!isPage(entry) && entry.query ? `?${entry.query}` : '');
			const what = entry.what ? ` [${entry.what}]` : '';
			const add = (method: string, target: string, pageLoad: boolean, row: string, extra: Partial<Probe>, name: string) => {
				const expected = parseRow(row);
				for (const actor of actors) {
					list.push({ label: `${name}${what} as ${actor}`, actor, expected: expected[actor], method, path: target, pageLoad, mutates: false, endsSession: false, ...extra });
				}
			};
			if (isPage(entry)) {
				if (entry.load) add('GET', path, true, entry.load, {}, `GET ${path}`);
				for (const [name, raw] of Object.entries(entry.actions ?? {})) {
					const check = actionCheck(raw);
					const target = name === 'default' ? path : `${path}?/${name}`;
					add('POST', target, false, check.expect, { body: resolveAll(check.body), mutates: check.mutates === true, endsSession: check.endsSession === true }, `POST ${target}`);
				}
			} else {
				for (const [method, raw] of Object.entries(entry.methods)) {
					const check = actionCheck(raw);
					add(method, path, false, check.expect, { body: method === 'POST' ? resolveAll(check.body) : undefined, mutates: check.mutates === true, endsSession: check.endsSession === true }, `${method} ${path}`);
				}
			}
		}
		return list;
	}

	async function probe(p: Probe): Promise<string | null> {
		const init: RequestInit = { method: p.method, redirect: 'manual' };
		if (p.method === 'POST') {
			init.headers = headersFor(p.actor, { Origin: server.origin, Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' });
			init.body = new URLSearchParams(p.body ?? {});
		} else {
			init.headers = headersFor(p.actor, p.pageLoad ? { Accept: 'text/html' } : {});
		}
		const response = await fetch(`${server.origin}${p.path}`, init);
		await response.arrayBuffer();
		const answer = answerOf(response, p.pageLoad);
		if (answer === p.expected) return null;
		const location = response.headers.get('location');
		return `${p.label}: expected ${p.expected}, got ${response.status}${location ? ` → ${location}` : ''}`;
	}

	async function run(list: Probe[], concurrency: number): Promise<string[]> {
		const problems: string[] = [];
		await inPool(list, concurrency, async (p) => {
			const problem = await probe(p);
			if (problem) problems.push(problem);
		});
		return problems.sort();
	}

	/** What a refused or harmless request must never change. */
	async function snapshot() {
		const [trajectories, plans, versions, instruments, providers, users] = await Promise.all([
			db.selectFrom('trajectories').select(['id', 'status', 'provider_id', 'extension_requested_at']).orderBy('id').execute(),
			db.selectFrom('plans').select(['trajectory_id', 'version', 'signed_version', 'content']).orderBy('trajectory_id').execute(),
			db.selectFrom('plan_versions').select(['id', 'decision']).orderBy('id').execute(),
			db.selectFrom('instrument_versions').select(['version', 'status']).orderBy('version').execute(),
			db.selectFrom('providers').select(['code', 'active', 'updated_at']).orderBy('code').execute(),
			db.selectFrom('users').select(['id', 'password_hash']).orderBy('id').execute()
		]);
		return { trajectories, plans, versions, instruments, providers, users };
	}
	let before: Awaited<ReturnType<typeof snapshot>>;

	beforeAll(async () => {
		const started = Date.now();
		ws = await serverWorkspace('regie-matrix');
		server = await ws.start();
		db = openDatabase({ url: ws.database.url }).db;
		// argon2 is slow on purpose: every actor signs in once, all at the same time.
		const signedIn = await Promise.all(
			[...Object.entries(actorEmails), ['setupReviewer', 'reviewer.utrecht@demo.regie.nl'] as const].map(async ([actor, email]) => [actor, await signIn(server.origin, email, DEMO_PASSWORD)] as const)
		);
		for (const [actor, cookie] of signedIn) (cookies as Record<string, string>)[actor] = cookie;
		timings.push(`start and sign-in ${Date.now() - started} ms`);

		// Objects the demo data lacks: the Utrecht reviewer (none of the actors) approves T6 and records
		// its outcome, which leaves notifications and mails for Jeroen and a survey invitation.
		const versionOf = async (trajectoryId: string) =>
			(await db.selectFrom('plan_versions').select('id').where('trajectory_id', '=', trajectoryId).orderBy('number', 'desc').executeTakeFirstOrThrow()).id;
		const setup = (cookies as Record<string, string>).setupReviewer!;
		const setupPost = async (path: string, body: Record<string, string>) => {
			const response = await fetch(`${server.origin}${path}`, {
				method: 'POST',
				headers: { Cookie: setup, Origin: server.origin, Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(body),
				redirect: 'manual'
			});
			if (response.status !== 200) throw new Error(`setup ${path}: HTTP ${response.status}`);
		};
		await setupPost(`/beoordelen/${T6_JEROEN}`, { planVersionId: await versionOf(T6_JEROEN), decision: 'approved' });
		await setupPost(`/beoordelen/${T6_JEROEN}/afsluiten`, { outcome: 'completed', placed: 'no' });
		const pending = await post('reviewerUwv', '/beoordelen/clienten/nieuw', { displayName: 'Matrix Wacht', email: PENDING_CLIENT_EMAIL, benefitType: 'WW', region: 'utrecht', organisationId: 'org-uwv' });
		if (pending.status !== 200) throw new Error(`setup: new client account: HTTP ${pending.status}`);

		fixtures.planVersionT1 = await versionOf(T1_ANNA);
		fixtures.planVersionT3 = await versionOf(T3_ILSE);
		fixtures.planVersionT5 = await versionOf(T5_FENNA);
		fixtures.outboxMail = (await db.selectFrom('outbox').select('id').where('user_id', '=', 'user-demo-client-jeroen').orderBy('created_at').executeTakeFirstOrThrow()).id;
		fixtures.jeroenNotice = (await db.selectFrom('notifications').select('id').where('user_id', '=', 'user-demo-client-jeroen').orderBy('created_at').executeTakeFirstOrThrow()).id;
		fixtures.jeroenSurvey = (await db.selectFrom('survey_invitations').select('id').where('trajectory_id', '=', T6_JEROEN).executeTakeFirstOrThrow()).id;
		fixtures.ownToken = (await newApiToken('Matrix revoke')).split('.')[0]!;
		fixtures.pendingClient = (await db.selectFrom('users').select('id').where('email', '=', PENDING_CLIENT_EMAIL).executeTakeFirstOrThrow()).id;
		for (const name of fixtureNames) expect(fixtures[name], name).toBeTruthy();
		probes = buildProbes();
		before = await snapshot();
		timings.push(`setup ${Date.now() - started} ms`);
	});

	afterAll(async () => {
		const routes = new Set(matrix.map(routeOf)).size;
		console.log(
			`authorization matrix (${ws?.database.engine}): ${routes} routes, ${probes.length / actors.length} rows × ${actors.length} actors = ${probes.length} checks; ${timings.join('; ')}`
		);
		await db?.destroy();
		await server?.stop();
		await ws?.cleanUp();
	});

	it('answers every page load and endpoint read as the matrix says', async () => {
		const started = Date.now();
		const reads = probes.filter((p) => p.method !== 'POST');
		const problems = await run(reads, CONCURRENCY);
		timings.push(`${reads.length} reads ${Date.now() - started} ms`);
		expect(problems).toEqual([]);
		expect(await snapshot()).toEqual(before);
	});

	it('refuses the same pages when the path is percent-encoded (the router decodes it)', async () => {
		// `/%62eheer/…` is routed as `/beheer/…`: whoever is refused the plain path is refused this one.
		const encoded = (path: string) => `/%${path.charCodeAt(1).toString(16)}${path.slice(2)}`;
		// Per page: anonymous and the first signed-in actor who is refused.
		const seen = new Set<string>();
		const refusals = probes.filter((p) => {
			if (!p.pageLoad || p.expected === 'allowed' || p.path.length < 2) return false;
			const key = `${p.path} ${p.actor === 'anonymous' ? 'anonymous' : 'signed-in'}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		const problems: string[] = [];
		await inPool(refusals, CONCURRENCY, async (p) => {
			const path = encoded(p.path);
			const response = await fetch(`${server.origin}${path}`, { headers: headersFor(p.actor, { Accept: 'text/html' }), redirect: 'manual' });
			await response.arrayBuffer();
			if (answerOf(response, true) === 'allowed' || response.status >= 500) problems.push(`GET ${path} as ${p.actor}: ${response.status}`);
		});
		expect(problems.sort()).toEqual([]);
	});

	it('shows each actor only their own objects in lists', async () => {
		const problems: string[] = [];
		for (const check of listContents) {
			const response = await fetch(`${server.origin}${check.url}`, { headers: headersFor(check.actor, { Accept: 'text/html' }), redirect: 'manual' });
			const html = await response.text();
			if (response.status !== 200) problems.push(`${check.url} as ${check.actor}: HTTP ${response.status}`);
			for (const text of check.shows ?? []) if (!html.includes(text)) problems.push(`${check.url} as ${check.actor} does not show ${text}`);
			for (const text of check.hides ?? []) if (html.includes(text)) problems.push(`${check.url} as ${check.actor} shows ${text}`);
		}
		expect(problems).toEqual([]);
	});

	it('lets the survey API in with a valid personal token only', async () => {
		const api = (path: string, authorization?: string) =>
			fetch(`${server.origin}${path}`, { headers: authorization ? { Authorization: authorization } : {}, redirect: 'manual' });
		const items = '/api/v1/survey/items';
		const unknown = `Bearer ${'a'.repeat(26)}.${'b'.repeat(26)}`;
		const refused = async (authorization: string | undefined) => {
			const response = await api(items, authorization);
			return { status: response.status, challenge: response.headers.get('www-authenticate') !== null };
		};
		expect(await refused(undefined)).toEqual({ status: 401, challenge: true });
		expect(await refused('Bearer nonsense')).toEqual({ status: 401, challenge: true });
		expect(await refused('Bearer ')).toEqual({ status: 401, challenge: true });
		expect(await refused('Basic cmVzZWFyY2hlcjpkZW1v')).toEqual({ status: 401, challenge: true });
		expect(await refused(unknown)).toEqual({ status: 401, challenge: true });

		const token = await newApiToken('Matrix API');
		const bearer = `Bearer ${token}`;
		expect((await api(items, bearer)).status).toBe(200);
		expect((await api('/api/v1/survey/response-rates', bearer)).status).toBe(200);
		expect((await api('/api/v1/survey/tables/all', bearer)).status).toBe(200);
		// Past the guard: the selection is what is wrong.
		expect((await api('/api/v1/survey/microdata', bearer)).status).toBe(400);
		// A token opens the survey API, not the portal.
		const portal = await api('/onderzoek', bearer);
		expect({ status: portal.status, location: portal.headers.get('location') }).toEqual({ status: 303, location: '/login?redirectTo=%2Fonderzoek' });
		// A bad token is refused even with a researcher's session beside it.
		const withSession = await fetch(`${server.origin}${items}`, { headers: { Authorization: unknown, Cookie: cookies.researcher! } });
		expect(withSession.status).toBe(401);

		const revoked = await post('researcher', '/onderzoek/tokens?/revoke', { id: token.split('.')[0]! });
		expect(revoked.status).toBe(200);
		expect(await refused(bearer)).toEqual({ status: 401, challenge: true });
	});

	it("neither lists nor revokes another researcher's token", async () => {
		// A second researcher: made by the admin, activated through the invitation link.
		const created = await post('admin', '/beheer/accounts/nieuw', { role: 'researcher', displayName: 'Tweede Onderzoeker', email: 'matrix.onderzoek@demo.regie.nl' }, 'application/json');
		const link = /\/uitnodiging\/[a-z0-9]+\.[a-z0-9]+/.exec(await created.text())?.[0];
		expect(link, 'invitation link of the new researcher').toBeTruthy();
		const password = 'matrix-onderzoek-2026';
		const accepted = await post('anonymous', link!, { password, passwordConfirm: password });
		const session = sessionFrom(accepted);
		expect({ status: accepted.status, session: Boolean(session) }).toEqual({ status: 303, session: true });
		const second = { cookie: session! };
		const response = await post(second, '/onderzoek/tokens?/create', { name: 'Van de tweede', lifetimeDays: '30' }, 'application/json');
		const theirs = /[a-km-np-z2-9]{26}\.[a-km-np-z2-9]{26}/.exec(await response.text())?.[0];
		expect(theirs, 'token of the second researcher').toBeTruthy();

		const page = await (await fetch(`${server.origin}/onderzoek/tokens`, { headers: headersFor('researcher') })).text();
		expect(page).not.toContain('Van de tweede');
		expect((await post('researcher', '/onderzoek/tokens?/revoke', { id: theirs!.split('.')[0]! })).status).toBe(404);
		expect((await fetch(`${server.origin}/api/v1/survey/items`, { headers: { Authorization: `Bearer ${theirs}` } })).status).toBe(200);
	});

	it('refuses form posts sent from another site, whoever is signed in', async () => {
		const foreign = async (actor: ActorName, path: string) =>
			(
				await fetch(`${server.origin}${path}`, {
					method: 'POST',
					headers: headersFor(actor, { Origin: 'https://elders.example', Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' }),
					body: '',
					redirect: 'manual'
				})
			).status;
		expect(await foreign('clientA', '/plan?/extension')).toBe(403);
		expect(await foreign('admin', '/beheer/enquete?/newDraft')).toBe(403);
		expect(await foreign('reviewerUwv', '/meldingen?/all')).toBe(403);
		expect(await foreign('researcher', '/logout')).toBe(403);
		expect(await foreign('anonymous', '/login')).toBe(403);
	});

	// An invitation link sets the password: for an account in use it would be a takeover. The
	// account lists offer the link only for accounts not yet activated; the service refuses the rest.
	it('makes no invitation link for an account that is already active', async () => {
		for (const actor of ['reviewerUwv', 'admin'] as const) {
			const response = await post(actor, actor === 'admin' ? '/beheer?/newLink' : '/beoordelen?/newLink', { userId: 'user-demo-client-anna' }, 'application/json');
			const body = await response.text();
			expect(/\/uitnodiging\/[a-z0-9]+\.[a-z0-9]+/.test(body)).toBe(false);
			expect(body).toContain('"status":409');
		}
	});

	it('answers every form action and endpoint write as the matrix says', async () => {
		const started = Date.now();
		const posts = probes.filter((p) => p.method === 'POST');
		const unchanged = await snapshot();
		const later = (p: Probe) => p.expected === 'allowed' && (p.mutates || p.endsSession);
		const problems = await run(
			posts.filter((p) => !later(p)),
			CONCURRENCY
		);
		// Refused posts, and allowed ones whose body the service refuses, changed nothing.
		expect(await snapshot()).toEqual(unchanged);
		// Someone else's notification, "marked read" by every actor above, is still unread.
		const notice = await db.selectFrom('notifications').select('read_at').where('id', '=', fixtures.jeroenNotice).executeTakeFirstOrThrow();
		if (notice.read_at !== null) problems.push(`another person's notification was marked read through /meldingen?/read`);
		problems.push(...(await run(posts.filter((p) => later(p) && !p.endsSession), 1)));
		problems.push(...(await run(posts.filter((p) => later(p) && p.endsSession), 1)));
		timings.push(`${posts.length} posts ${Date.now() - started} ms`);
		// Signing out ended every session on the server.
		for (const actor of actors.filter((name) => cookies[name])) {
			const response = await fetch(`${server.origin}/account`, { headers: headersFor(actor), redirect: 'manual' });
			if (answerOf(response, true) !== 'login') problems.push(`${actor} is still signed in after /logout: ${response.status}`);
		}
		expect(problems).toEqual([]);
	});
});
