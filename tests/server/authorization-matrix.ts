/**
 * The authorization matrix: every route of the app (pages with their form actions, endpoints with
 * their methods) and what each kind of visitor gets there. `authorization-matrix.test.ts` sends
 * every request to the built server and fails on any difference, and on any route of
 * `src/routes` this file does not list (or lists but no longer exists).
 *
 * Each row holds one answer per actor, in the column order of `actors`:
 *   ok     allowed: through every guard (for a form action this includes a 400 for a form that is
 *          deliberately invalid, a 409, or a 303 — anything but 401/403/404 and never a 5xx)
 *   login  not signed in: a page load is sent to /login (303); anything else answers 401
 *   403    forbidden
 *   404    not found: the object is not there, or it is not yours (the app does not say which)
 *
 * Values starting with `@` are looked up when the test runs (ids the demo data makes at random, see
 * `fixtureNames`). Form bodies are chosen so that an allowed actor's post changes nothing (a plan
 * that is already submitted, a published survey version, an address that is taken, a form that
 * fails validation) but still reaches the ownership check where the route has one; actions that do
 * change something are marked `mutates` and are sent by allowed actors only after every other
 * check, one at a time.
 */

export const actors = ['anonymous', 'clientA', 'clientB', 'provider', 'otherProvider', 'reviewerUwv', 'reviewerGemeente', 'researcher', 'admin'] as const;
export type ActorName = (typeof actors)[number];

/**
 * Who is who in the demo data (src/lib/server/demo/seed.ts, plans.ts):
 * - client A: Anna Kok, paid by UWV (WW), chose Loopbaanlicht; trajectory T1, plan submitted.
 * - client B: Fenna Dijkstra, paid by Gemeente Zwolle (bijstand), chose Werkkracht Oost; T5, submitted.
 * - provider: staff of Loopbaanlicht, client A's chosen provider.
 * - other provider: staff of Werkkracht Oost, not client A's provider (but client B's).
 * - reviewer UWV pays for client A; reviewer gemeente (Zwolle) pays for client B.
 */
export const actorEmails: Record<Exclude<ActorName, 'anonymous'>, string> = {
	clientA: 'client.anna@demo.regie.nl',
	clientB: 'client.fenna@demo.regie.nl',
	provider: 'provider@demo.regie.nl',
	otherProvider: 'provider2@demo.regie.nl',
	reviewerUwv: 'reviewer.uwv@demo.regie.nl',
	reviewerGemeente: 'reviewer.gemeente@demo.regie.nl',
	researcher: 'researcher@demo.regie.nl',
	admin: 'admin@demo.regie.nl'
};

/** Demo trajectories (fixed ids). */
export const T1_ANNA = '00000000-0000-4000-8000-000000000001'; // UWV, Loopbaanlicht, submitted
export const T3_ILSE = '00000000-0000-4000-8000-000000000003'; // UWV, Werkkracht Oost, changes requested (decided)
export const T5_FENNA = '00000000-0000-4000-8000-000000000005'; // Zwolle, Werkkracht Oost, submitted
export const T6_JEROEN = '00000000-0000-4000-8000-000000000006'; // Utrecht, Baanpunt Domstad: the test's setup approves and ends it
export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000999';

/**
 * Looked up in the database before the checks run:
 * - planVersionT1/T3/T5: the submitted plan version of T1, T3, T5.
 * - outboxMail: a mail in the outbox (the setup's decision on T6 queues them).
 * - jeroenNotice: a notification of Jeroen (T6's client, none of the actors).
 * - jeroenSurvey: Jeroen's survey invitation (made when the setup records T6's outcome).
 * - ownToken: an API token of the researcher, made in the setup, revoked by the matrix.
 * - pendingClient: a UWV client account that the setup creates and nobody activates.
 */
export const fixtureNames = ['planVersionT1', 'planVersionT3', 'planVersionT5', 'outboxMail', 'jeroenNotice', 'jeroenSurvey', 'ownToken', 'pendingClient'] as const;
export const PENDING_CLIENT_EMAIL = 'matrix.pending@demo.regie.nl';
export type FixtureName = (typeof fixtureNames)[number];

export type Outcome = 'allowed' | 'login' | 'forbidden' | 'not-found';
const tokens: Record<string, Outcome> = { ok: 'allowed', login: 'login', '403': 'forbidden', '404': 'not-found' };

/** One answer per actor, written as a table row: `'login 403 403 ok 404 403 403 403 403'`. */
export type Row = string;

export interface ActionCheck {
	expect: Row;
	/** Form fields (`application/x-www-form-urlencoded`); empty when not given. */
	body?: Record<string, string>;
	/** Changes state when an allowed actor sends it: sent last, one at a time. */
	mutates?: boolean;
	/** Ends the session of whoever sends it: sent after everything else. */
	endsSession?: boolean;
}

export interface PageEntry {
	page: string;
	/** Which object the parameters name, for the failure messages. */
	what?: string;
	params?: Record<string, string>;
	/** The page itself (GET). */
	load?: Row;
	/** Form actions by name (`default` for the unnamed one). */
	actions?: Record<string, Row | ActionCheck>;
}

export interface EndpointEntry {
	endpoint: string;
	what?: string;
	params?: Record<string, string>;
	query?: string;
	methods: Record<string, Row | ActionCheck>;
}

export type MatrixEntry = PageEntry | EndpointEntry;

export function parseRow(row: Row): Record<ActorName, Outcome> {
	const cells = row.trim().split(/\s+/);
	if (cells.length !== actors.length) throw new Error(`a matrix row needs ${actors.length} answers: "${row}"`);
	return Object.fromEntries(
		cells.map((cell, index) => {
			const outcome = tokens[cell];
			if (!outcome) throw new Error(`unknown answer "${cell}" in "${row}" (ok, login, 403, 404)`);
			return [actors[index]!, outcome];
		})
	) as Record<ActorName, Outcome>;
}

export function actionCheck(check: Row | ActionCheck): ActionCheck {
	return typeof check === 'string' ? { expect: check } : check;
}

// Bodies that pass each plan form's validation, so that the post reaches the service (and its
// ownership check); on a submitted plan the service then refuses the change itself (400).
const planVersion = '2';
const planBodies: Record<string, Record<string, string>> = {
	saveWork: { baseVersion: planVersion },
	saveActivity: { baseVersion: planVersion, type: 'diagnosis', description: 'Matrix', startWeek: '1', durationWeeks: '1', cost: '100' },
	removeActivity: { baseVersion: planVersion, activityId: 'act-1' },
	moveActivity: { baseVersion: planVersion, activityId: 'act-1', direction: 'down' },
	savePlanning: { baseVersion: planVersion, plannedStart: '', plannedEnd: '', contractForm: '', minContractMonths: '6', minWeeksOfWork: '26' },
	sign: { version: planVersion },
	submit: { version: planVersion },
	extension: {}
};

type PlanActionRows = Record<keyof typeof planBodies, Row>;

function planActions(rows: Partial<PlanActionRows>): Record<string, ActionCheck> {
	return Object.fromEntries(Object.entries(rows).map(([action, row]) => [action, { expect: row!, body: planBodies[action] }]));
}

/** The plan's overview and its four steps share one implementation: one entry per page, same rows. */
const planPages = (base: string) => [base, `${base}/werk`, `${base}/activiteiten`, `${base}/planning`, `${base}/controleren`];

/**
 * The five provider plan pages for one trajectory. With `everyPage` the actions are posted to each
 * page (they share one implementation); otherwise only to the overview, to keep the run short.
 */
function providerPlanPages(what: string, id: string, load: Row, actions: PlanActionRows, everyPage: boolean): PageEntry[] {
	return planPages('/aanbieder/clienten/[id]/plan').map((page, index) => ({
		page,
		what,
		params: { id },
		load,
		...(everyPage || index === 0 ? { actions: planActions(actions) } : {})
	}));
}

const providerPlan: PageEntry[] = [
	//                                                anon  cliA  cliB  prov  prov2 rvUWV rvGem rsrch admin
	...providerPlanPages("client A's trajectory", T1_ANNA,
		/* load           */                          'login 403   403   ok    404   403   403   403   403', {
		saveWork:                                     'login 403   403   ok    404   403   403   403   403',
		saveActivity:                                 'login 403   403   ok    404   403   403   403   403',
		removeActivity:                               'login 403   403   ok    404   403   403   403   403',
		moveActivity:                                 'login 403   403   ok    404   403   403   403   403',
		savePlanning:                                 'login 403   403   ok    404   403   403   403   403',
		sign:                                         'login 403   403   ok    404   403   403   403   403',
		// Submitting and asking for more time are the client's: the provider may see the plan, not do this.
		submit:                                       'login 403   403   403   404   403   403   403   403',
		extension:                                    'login 403   403   403   404   403   403   403   403'
	}, true),
	...providerPlanPages("client B's trajectory", T5_FENNA,
		/* load           */                          'login 403   403   404   ok    403   403   403   403', {
		saveWork:                                     'login 403   403   404   ok    403   403   403   403',
		saveActivity:                                 'login 403   403   404   ok    403   403   403   403',
		removeActivity:                               'login 403   403   404   ok    403   403   403   403',
		moveActivity:                                 'login 403   403   404   ok    403   403   403   403',
		savePlanning:                                 'login 403   403   404   ok    403   403   403   403',
		sign:                                         'login 403   403   404   ok    403   403   403   403',
		submit:                                       'login 403   403   404   403   403   403   403   403',
		extension:                                    'login 403   403   404   403   403   403   403   403'
	}, false),
	...providerPlanPages('an unknown trajectory', UNKNOWN_UUID,
		/* load           */                          'login 403   403   404   404   403   403   403   403', {
		saveWork:                                     'login 403   403   404   404   403   403   403   403',
		saveActivity:                                 'login 403   403   404   404   403   403   403   403',
		removeActivity:                               'login 403   403   404   404   403   403   403   403',
		moveActivity:                                 'login 403   403   404   404   403   403   403   403',
		savePlanning:                                 'login 403   403   404   404   403   403   403   403',
		sign:                                         'login 403   403   404   404   403   403   403   403',
		submit:                                       'login 403   403   404   404   403   403   403   403',
		extension:                                    'login 403   403   404   404   403   403   403   403'
	}, false),
	// `[id]` takes any text here (no uuid matcher): an id that cannot exist is simply not found.
	{ page: '/aanbieder/clienten/[id]/plan', what: 'an id that is not a uuid', params: { id: 'not-a-uuid' },
		load:                                         'login 403   403   404   404   403   403   403   403' }
];

const clientPlan: PageEntry[] = [
	//                                                anon  cliA  cliB  prov  prov2 rvUWV rvGem rsrch admin
	// The client's own plan: which trajectory follows from who is signed in, there is nothing to name.
	{ page: '/plan',
		load:                                         'login ok    ok    403   403   403   403   403   403',
		actions: planActions({ extension:             'login ok    ok    403   403   403   403   403   403' }) },
	...planPages('/plan').slice(1).map((page): PageEntry => ({ page,
		load:                                         'login ok    ok    403   403   403   403   403   403',
		actions: planActions({
			saveWork:                                 'login ok    ok    403   403   403   403   403   403',
			saveActivity:                             'login ok    ok    403   403   403   403   403   403',
			removeActivity:                           'login ok    ok    403   403   403   403   403   403',
			moveActivity:                             'login ok    ok    403   403   403   403   403   403',
			savePlanning:                             'login ok    ok    403   403   403   403   403   403',
			// Signing is the provider's: the client may see the plan, not sign it.
			sign:                                     'login 403   403   403   403   403   403   403   403',
			submit:                                   'login ok    ok    403   403   403   403   403   403',
			extension:                                'login ok    ok    403   403   403   403   403   403'
		}) }))
];

// T1 and T5 are submitted, not active: an allowed actor's outcome is refused as invalid (400).
const outcomeBody = { outcome: 'terminated', reason: 'Matrix' };

export const matrix: MatrixEntry[] = [
	//                                                anon  cliA  cliB  prov  prov2 rvUWV rvGem rsrch admin
	// Public pages (signed-in people are sent from / to their home: a 303 that is not the sign-in page).
	{ page: '/',                                 load: 'ok    ok    ok    ok    ok    ok    ok    ok    ok' },
	{ page: '/privacy',                          load: 'ok    ok    ok    ok    ok    ok    ok    ok    ok' },
	{ page: '/toegankelijkheid',                 load: 'ok    ok    ok    ok    ok    ok    ok    ok    ok' },
	{ page: '/login',                            load: 'ok    ok    ok    ok    ok    ok    ok    ok    ok',
		actions: { default:                           'ok    ok    ok    ok    ok    ok    ok    ok    ok' } },
	{ page: '/uitnodiging/[token]', what: 'an unknown invitation', params: { token: 'abcdefghijkmnpqrstuvwxyz23.abcdefghijkmnpqrstuvwxyz23' },
		load:                                         'ok    ok    ok    ok    ok    ok    ok    ok    ok',
		actions: { default:                           'ok    ok    ok    ok    ok    ok    ok    ok    ok' } },
	{ page: '/enquete/[token]', what: 'an unknown survey link', params: { token: 'abcdefghijkmnpqrstuvwxyz23.abcdefghijkmnpqrstuvwxyz23' },
		load:                                         'ok    ok    ok    ok    ok    ok    ok    ok    ok',
		actions: { default:                           'ok    ok    ok    ok    ok    ok    ok    ok    ok' } },
	{ endpoint: '/healthz', methods: { GET:           'ok    ok    ok    ok    ok    ok    ok    ok    ok' } },
	{ endpoint: '/taal', methods: { POST:             'ok    ok    ok    ok    ok    ok    ok    ok    ok' } },
	{ endpoint: '/logout', methods: { POST: { endsSession: true, expect:
		                                              'ok    ok    ok    ok    ok    ok    ok    ok    ok' } } },

	// Every signed-in person.
	{ page: '/account',                          load: 'login ok    ok    ok    ok    ok    ok    ok    ok' },
	{ page: '/meldingen',                        load: 'login ok    ok    ok    ok    ok    ok    ok    ok',
		actions: {
			// Someone else's notification: answered as for one's own, and it stays unread (the test checks).
			read: { body: { id: '@jeroenNotice' }, expect:
			                                          'login ok    ok    ok    ok    ok    ok    ok    ok' },
			all: { mutates: true, expect:             'login ok    ok    ok    ok    ok    ok    ok    ok' }
		} },

	// Clients: the provider register, choosing, the compare tray, the survey list.
	{ page: '/aanbieders',                       load: 'login ok    ok    403   403   403   403   403   403' },
	{ page: '/aanbieders/vergelijken',           load: 'login ok    ok    403   403   403   403   403   403',
		actions: {
			add: { body: { code: 'loopbaanlicht' }, expect:
			                                          'login ok    ok    403   403   403   403   403   403' },
			remove: { body: { code: 'loopbaanlicht' }, expect:
			                                          'login ok    ok    403   403   403   403   403   403' },
			clear:                                    'login ok    ok    403   403   403   403   403   403'
		} },
	{ page: '/aanbieders/[code]', what: 'an active provider', params: { code: 'loopbaanlicht' },
		load:                                         'login ok    ok    403   403   403   403   403   403' },
	{ page: '/aanbieders/[code]', what: 'a deactivated provider', params: { code: 'koersbepaling-advies' },
		load:                                         'login 404   404   403   403   403   403   403   403' },
	{ page: '/aanbieders/[code]', what: 'an unknown provider', params: { code: 'bestaat-niet' },
		load:                                         'login 404   404   403   403   403   403   403   403' },
	// Choosing again: A already chose Loopbaanlicht (unchanged, 303); B's plan is submitted (400).
	{ page: '/aanbieders/[code]/kiezen', what: 'an active provider', params: { code: 'loopbaanlicht' },
		load:                                         'login ok    ok    403   403   403   403   403   403',
		actions: { default:                           'login ok    ok    403   403   403   403   403   403' } },
	{ page: '/aanbieders/[code]/kiezen', what: 'a deactivated provider', params: { code: 'koersbepaling-advies' },
		load:                                         'login 404   404   403   403   403   403   403   403',
		actions: { default:                           'login 404   404   403   403   403   403   403   403' } },
	{ page: '/aanbieders/[code]/kiezen', what: 'an unknown provider', params: { code: 'bestaat-niet' },
		load:                                         'login 404   404   403   403   403   403   403   403',
		actions: { default:                           'login 404   404   403   403   403   403   403   403' } },
	{ page: '/enquete',                          load: 'login ok    ok    403   403   403   403   403   403',
		actions: { start:                             'login ok    ok    403   403   403   403   403   403' } },
	{ page: '/enquete', what: "someone else's survey invitation",
		actions: { start: { body: { invitationId: '@jeroenSurvey' }, expect:
		                                              'login 404   404   403   403   403   403   403   403' } } },
	...clientPlan,

	// Provider staff.
	{ page: '/aanbieder',                        load: 'login 403   403   ok    ok    403   403   403   403' },
	{ page: '/aanbieder/profiel',                load: 'login 403   403   ok    ok    403   403   403   403',
		actions: { default: { body: { priceMinEuros: 'geen bedrag' }, expect:
		                                              'login 403   403   ok    ok    403   403   403   403' } } },
	...providerPlan,
	{ page: '/aanbieder/clienten/[id]/afsluiten', what: "client A's trajectory", params: { id: T1_ANNA },
		load:                                         'login 403   403   ok    404   403   403   403   403',
		actions: { default: { body: outcomeBody, expect:
		                                              'login 403   403   ok    404   403   403   403   403' } } },
	{ page: '/aanbieder/clienten/[id]/afsluiten', what: "client B's trajectory", params: { id: T5_FENNA },
		load:                                         'login 403   403   404   ok    403   403   403   403',
		actions: { default: { body: outcomeBody, expect:
		                                              'login 403   403   404   ok    403   403   403   403' } } },
	{ page: '/aanbieder/clienten/[id]/afsluiten', what: 'an unknown trajectory', params: { id: UNKNOWN_UUID },
		load:                                         'login 403   403   404   404   403   403   403   403',
		actions: { default: { body: outcomeBody, expect:
		                                              'login 403   403   404   404   403   403   403   403' } } },
	{ page: '/aanbieder/clienten/[id]/afsluiten', what: 'an id that is not a uuid', params: { id: 'not-a-uuid' },
		load:                                         'login 403   403   404   404   403   403   403   403' },

	// Reviewers: the queue and their clients' accounts, one trajectory's plan, its outcome.
	// A new invitation link for a UWV client who has not activated the account yet (made in the setup).
	{ page: '/beoordelen',                       load: 'login 403   403   403   403   ok    ok    403   403',
		actions: {
			newLink: { mutates: true, body: { userId: '@pendingClient' }, expect:
			                                          'login 403   403   403   403   ok    404   403   403' }
		} },
	{ page: '/beoordelen', what: 'an account that is not a client',
		actions: {
			newLink: { body: { userId: 'user-demo-admin' }, expect:
			                                          'login 403   403   403   403   404   404   403   403' }
		} },
	// A taken address: the form reaches the service, which refuses it (400).
	{ page: '/beoordelen/clienten/nieuw',        load: 'login 403   403   403   403   ok    ok    403   403',
		actions: { default: { body: { displayName: 'Matrix', email: 'client.anna@demo.regie.nl', benefitType: 'bijstand', region: 'overijssel', organisationId: 'org-gemeente-zwolle' }, expect:
		                                              'login 403   403   403   403   ok    ok    403   403' } } },
	{ page: '/beoordelen/[id=uuid]', what: "client A's trajectory", params: { id: T1_ANNA },
		load:                                         'login 403   403   403   403   ok    404   403   403' },
	// A decision already made (T3): the allowed reviewer is told so (409), the other one finds nothing.
	{ page: '/beoordelen/[id=uuid]', what: "a decided trajectory of UWV (T3)", params: { id: T3_ILSE },
		load:                                         'login 403   403   403   403   ok    404   403   403',
		actions: { default: { body: { planVersionId: '@planVersionT3', decision: 'approved' }, expect:
		                                              'login 403   403   403   403   ok    404   403   403' } } },
	// Client B's plan is approved by their reviewer at the very end.
	{ page: '/beoordelen/[id=uuid]', what: "client B's trajectory", params: { id: T5_FENNA },
		load:                                         'login 403   403   403   403   404   ok    403   403',
		actions: { default: { mutates: true, body: { planVersionId: '@planVersionT5', decision: 'approved' }, expect:
		                                              'login 403   403   403   403   404   ok    403   403' } } },
	// The page's trajectory decides which case is decided: a version of another one is not found.
	{ page: '/beoordelen/[id=uuid]', what: "client B's page with a version of client A", params: { id: T5_FENNA },
		actions: { default: { body: { planVersionId: '@planVersionT1', decision: 'approved' }, expect:
		                                              'login 403   403   403   403   404   404   403   403' } } },
	{ page: '/beoordelen/[id=uuid]', what: "client A's page with a version of T3", params: { id: T1_ANNA },
		actions: { default: { body: { planVersionId: '@planVersionT3', decision: 'approved' }, expect:
		                                              'login 403   403   403   403   404   404   403   403' } } },
	{ page: '/beoordelen/[id=uuid]', what: 'an unknown trajectory', params: { id: UNKNOWN_UUID },
		load:                                         'login 403   403   403   403   404   404   403   403',
		actions: { default: { body: { planVersionId: UNKNOWN_UUID, decision: 'approved' }, expect:
		                                              'login 403   403   403   403   404   404   403   403' } } },
	// Not a uuid: no route matches; only the area guard answers for others.
	{ page: '/beoordelen/[id=uuid]', what: 'an id that is not a uuid', params: { id: 'not-a-uuid' },
		load:                                         'login 403   403   403   403   404   404   403   403' },
	{ page: '/beoordelen/[id=uuid]/afsluiten', what: "client A's trajectory", params: { id: T1_ANNA },
		load:                                         'login 403   403   403   403   ok    404   403   403',
		actions: { default: { body: outcomeBody, expect:
		                                              'login 403   403   403   403   ok    404   403   403' } } },
	{ page: '/beoordelen/[id=uuid]/afsluiten', what: "client B's trajectory", params: { id: T5_FENNA },
		load:                                         'login 403   403   403   403   404   ok    403   403',
		actions: { default: { body: outcomeBody, expect:
		                                              'login 403   403   403   403   404   ok    403   403' } } },
	{ page: '/beoordelen/[id=uuid]/afsluiten', what: 'an unknown trajectory', params: { id: UNKNOWN_UUID },
		load:                                         'login 403   403   403   403   404   404   403   403',
		actions: { default: { body: outcomeBody, expect:
		                                              'login 403   403   403   403   404   404   403   403' } } },

	// Researchers.
	{ page: '/onderzoek',                        load: 'login 403   403   403   403   403   403   ok    403' },
	{ page: '/onderzoek/microdata',              load: 'login 403   403   403   403   403   403   ok    403' },
	{ page: '/onderzoek/tokens',                 load: 'login 403   403   403   403   403   403   ok    403',
		actions: {
			create: { mutates: true, body: { name: 'Matrix', lifetimeDays: '30' }, expect:
			                                          'login 403   403   403   403   403   403   ok    403' },
			revoke: { mutates: true, body: { id: '@ownToken' }, expect:
			                                          'login 403   403   403   403   403   403   ok    403' }
		} },
	{ page: '/onderzoek/tokens', what: 'an unknown token',
		actions: { revoke: { body: { id: 'abcdefghijkmnpqrstuvwxyz23' }, expect:
		                                              'login 403   403   403   403   403   403   404   403' } } },
	{ endpoint: '/api/v1/survey/items', methods: { GET:
		                                              'login 403   403   403   403   403   403   ok    403' } },
	{ endpoint: '/api/v1/survey/response-rates', methods: { GET:
		                                              'login 403   403   403   403   403   403   ok    403' } },
	// Without a wave the researcher gets a 400: past the guard.
	{ endpoint: '/api/v1/survey/microdata', methods: { GET:
		                                              'login 403   403   403   403   403   403   ok    403' } },
	{ endpoint: '/api/v1/survey/tables/[domain]', what: 'every domain', params: { domain: 'all' }, methods: { GET:
		                                              'login 403   403   403   403   403   403   ok    403' } },
	{ endpoint: '/api/v1/survey/tables/[domain]', what: 'one domain', params: { domain: 'maatwerk' }, methods: { GET:
		                                              'login 403   403   403   403   403   403   ok    403' } },
	{ endpoint: '/api/v1/survey/tables/[domain]', what: 'an unknown domain (400 for the researcher)', params: { domain: 'onbekend' }, methods: { GET:
		                                              'login 403   403   403   403   403   403   ok    403' } },

	// Open data: anyone, deactivated providers included.
	{ endpoint: '/api/v1/providers', methods: { GET:  'ok    ok    ok    ok    ok    ok    ok    ok    ok',
		OPTIONS:                                      'ok    ok    ok    ok    ok    ok    ok    ok    ok' } },
	{ endpoint: '/api/v1/providers/[code]', what: 'an active provider', params: { code: 'loopbaanlicht' }, methods: {
		GET:                                          'ok    ok    ok    ok    ok    ok    ok    ok    ok',
		OPTIONS:                                      'ok    ok    ok    ok    ok    ok    ok    ok    ok' } },
	{ endpoint: '/api/v1/providers/[code]', what: 'a deactivated provider', params: { code: 'koersbepaling-advies' }, methods: {
		GET:                                          'ok    ok    ok    ok    ok    ok    ok    ok    ok' } },
	{ endpoint: '/api/v1/providers/[code]', what: 'an unknown provider', params: { code: 'bestaat-niet' }, methods: {
		GET:                                          '404   404   404   404   404   404   404   404   404' } },

	// The functional administrator.
	{ page: '/beheer',                           load: 'login 403   403   403   403   403   403   403   ok',
		actions: { newLink: { mutates: true, body: { userId: '@pendingClient' }, expect:
		                                              'login 403   403   403   403   403   403   403   ok' } } },
	{ page: '/beheer', what: 'an unknown account',
		actions: { newLink: { body: { userId: 'user-bestaat-niet' }, expect:
		                                              'login 403   403   403   403   403   403   403   404' } } },
	{ page: '/beheer/accounts/nieuw',            load: 'login 403   403   403   403   403   403   403   ok',
		actions: { default:                           'login 403   403   403   403   403   403   403   ok' } },
	{ page: '/beheer/aanbieders',                load: 'login 403   403   403   403   403   403   403   ok' },
	{ page: '/beheer/aanbieders/nieuw',          load: 'login 403   403   403   403   403   403   403   ok',
		actions: { default:                           'login 403   403   403   403   403   403   403   ok' } },
	{ page: '/beheer/aanbieders/import',         load: 'login 403   403   403   403   403   403   403   ok',
		actions: {
			check:                                    'login 403   403   403   403   403   403   403   ok',
			confirm:                                  'login 403   403   403   403   403   403   403   ok'
		} },
	// Deactivating the deactivated one and reactivating an active one change nothing.
	{ page: '/beheer/aanbieders/[code]', what: 'an active provider', params: { code: 'loopbaanlicht' },
		load:                                         'login 403   403   403   403   403   403   403   ok',
		actions: {
			save:                                     'login 403   403   403   403   403   403   403   ok',
			reactivate: { mutates: true, expect:      'login 403   403   403   403   403   403   403   ok' }
		} },
	{ page: '/beheer/aanbieders/[code]', what: 'a deactivated provider', params: { code: 'koersbepaling-advies' },
		load:                                         'login 403   403   403   403   403   403   403   ok',
		actions: { deactivate: { mutates: true, expect:
		                                              'login 403   403   403   403   403   403   403   ok' } } },
	{ page: '/beheer/aanbieders/[code]', what: 'an unknown provider', params: { code: 'bestaat-niet' },
		load:                                         'login 403   403   403   403   403   403   403   404',
		actions: {
			// The empty form fails validation, and the page it is shown on is not found.
			save:                                     'login 403   403   403   403   403   403   403   404',
			deactivate:                               'login 403   403   403   403   403   403   403   404',
			reactivate:                               'login 403   403   403   403   403   403   403   404'
		} },
	// Erasure on request: finding a client, and the confirmation page (a wrong confirmation erases nothing).
	{ page: '/beheer/clienten',                  load: 'login 403   403   403   403   403   403   403   ok',
		actions: { find: { body: { email: 'client.anna@demo.regie.nl' }, expect:
		                                              'login 403   403   403   403   403   403   403   ok' } } },
	{ page: '/beheer/clienten/[id]/wissen', what: "client A's account", params: { id: 'user-demo-client-anna' },
		load:                                         'login 403   403   403   403   403   403   403   ok',
		actions: { default: { body: { confirmation: 'iemand@anders.nl' }, expect:
		                                              'login 403   403   403   403   403   403   403   ok' } } },
	{ page: '/beheer/clienten/[id]/wissen', what: 'an account that is not a client', params: { id: 'user-demo-researcher' },
		load:                                         'login 403   403   403   403   403   403   403   404' },
	// An unknown client: the action says "already gone" on the search page (303), as after a race.
	{ page: '/beheer/clienten/[id]/wissen', what: 'an unknown client', params: { id: 'user-bestaat-niet' },
		load:                                         'login 403   403   403   403   403   403   403   404',
		actions: { default: { body: { confirmation: 'iemand@anders.nl' }, expect:
		                                              'login 403   403   403   403   403   403   403   ok' } } },
	{ page: '/beheer/regels',                    load: 'login 403   403   403   403   403   403   403   ok',
		actions: { default:                           'login 403   403   403   403   403   403   403   ok' } },
	{ page: '/beheer/outbox',                    load: 'login 403   403   403   403   403   403   403   ok' },
	{ page: '/beheer/outbox/[id]', what: 'a queued mail', params: { id: '@outboxMail' },
		load:                                         'login 403   403   403   403   403   403   403   ok' },
	{ page: '/beheer/outbox/[id]', what: 'an unknown mail', params: { id: UNKNOWN_UUID },
		load:                                         'login 403   403   403   403   403   403   403   404' },
	{ page: '/beheer/enquete',                   load: 'login 403   403   403   403   403   403   403   ok',
		actions: { newDraft: { mutates: true, expect: 'login 403   403   403   403   403   403   403   ok' } } },
	{ page: '/beheer/enquete/import',            load: 'login 403   403   403   403   403   403   403   ok',
		actions: { default:                           'login 403   403   403   403   403   403   403   ok' } },
	{ page: '/beheer/enquete/uitnodigen',        load: 'login 403   403   403   403   403   403   403   ok',
		actions: {
			invite:                                   'login 403   403   403   403   403   403   403   ok',
			inviteAll: { mutates: true, expect:       'login 403   403   403   403   403   403   403   ok' }
		} },
	// Version 1 is published: every change is refused as invalid (400).
	{ page: '/beheer/enquete/versie/[version]', what: 'the published version', params: { version: '1' },
		load:                                         'login 403   403   403   403   403   403   403   ok',
		actions: {
			move: { body: { code: 'mw1', direction: 'down' }, expect:
			                                          'login 403   403   403   403   403   403   403   ok' },
			remove: { body: { code: 'mw1' }, expect:  'login 403   403   403   403   403   403   403   ok' },
			publish:                                  'login 403   403   403   403   403   403   403   ok',
			discard:                                  'login 403   403   403   403   403   403   403   ok'
		} },
	{ page: '/beheer/enquete/versie/[version]', what: 'an unknown version', params: { version: '999' },
		load:                                         'login 403   403   403   403   403   403   403   404',
		actions: {
			move: { body: { code: 'mw1', direction: 'down' }, expect:
			                                          'login 403   403   403   403   403   403   403   404' },
			remove: { body: { code: 'mw1' }, expect:  'login 403   403   403   403   403   403   403   404' },
			publish:                                  'login 403   403   403   403   403   403   403   404',
			discard:                                  'login 403   403   403   403   403   403   403   404'
		} },
	{ page: '/beheer/enquete/versie/[version]', what: 'a version that is not a number', params: { version: 'een' },
		load:                                         'login 403   403   403   403   403   403   403   404' },
	{ page: '/beheer/enquete/versie/[version]/nieuw', what: 'the published version', params: { version: '1' },
		load:                                         'login 403   403   403   403   403   403   403   ok',
		actions: { default:                           'login 403   403   403   403   403   403   403   ok' } },
	{ page: '/beheer/enquete/versie/[version]/nieuw', what: 'an unknown version', params: { version: '999' },
		load:                                         'login 403   403   403   403   403   403   403   404' },
	{ page: '/beheer/enquete/versie/[version]/voorbeeld', what: 'the published version', params: { version: '1' },
		load:                                         'login 403   403   403   403   403   403   403   ok' },
	{ page: '/beheer/enquete/versie/[version]/voorbeeld', what: 'an unknown version', params: { version: '999' },
		load:                                         'login 403   403   403   403   403   403   403   404' },
	{ page: '/beheer/enquete/versie/[version]/vraag/[code]', what: 'a statement of the published version', params: { version: '1', code: 'mw1' },
		load:                                         'login 403   403   403   403   403   403   403   ok',
		actions: { default:                           'login 403   403   403   403   403   403   403   ok' } },
	{ page: '/beheer/enquete/versie/[version]/vraag/[code]', what: 'an unknown statement', params: { version: '1', code: 'zz99' },
		load:                                         'login 403   403   403   403   403   403   403   404' },
	{ page: '/beheer/enquete/versie/[version]/vraag/[code]', what: 'an unknown version', params: { version: '999', code: 'mw1' },
		load:                                         'login 403   403   403   403   403   403   403   404' }
];

/**
 * Lists that must show an actor their own objects and nothing of anyone else's (the answer is 200
 * for both, so the matrix alone cannot tell).
 */
export const listContents: { url: string; actor: ActorName; shows?: string[]; hides?: string[] }[] = [
	{ url: '/aanbieder', actor: 'provider', shows: ['Anna Kok'], hides: ['Fenna Dijkstra'] },
	{ url: '/aanbieder', actor: 'otherProvider', shows: ['Fenna Dijkstra'], hides: ['Anna Kok'] },
	{ url: '/beoordelen', actor: 'reviewerUwv', shows: ['Anna Kok'], hides: ['Fenna Dijkstra', 'Jeroen Peters'] },
	{ url: '/beoordelen', actor: 'reviewerGemeente', shows: ['Fenna Dijkstra'], hides: ['Anna Kok', 'Jeroen Peters'] },
	{ url: '/plan', actor: 'clientA', shows: ['Loopbaanlicht'], hides: ['Fenna Dijkstra'] },
	{ url: '/plan', actor: 'clientB', hides: ['Anna Kok'] },
	{ url: '/meldingen', actor: 'clientA', hides: ['Jeroen Peters'] }
];
