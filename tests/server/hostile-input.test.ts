import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisions } from '$lib/domain/plan/lifecycle';
import { csvColumns, MAX_CSV_ROWS, normaliseCsvText } from '$lib/domain/provider-csv';
import { activities, benefitTypes, contractForms, providerTypes, regions, roles, targetGroups } from '$lib/domain/reference';
import { answerCodes, surveyDomains } from '$lib/domain/survey/instrument';
import { serverWorkspace, type ServerWorkspace } from '../support/built-server';
import { appRoutes, type AppRoute } from '../support/route-inventory';
import {
	anyNumberText,
	code,
	dayText,
	hostileForm,
	hostileQuery,
	hostileSegment,
	hostileSegmentWithDots,
	hostileText,
	providerCsvFile,
	providerCsvText,
	surveyCsvFile,
	type FormShape,
	type HostileForm
} from './hostile-input.arbitraries';
import { pageVisits, Portal, trajectory, type Visitor } from './hostile-input.setup';
import {
	changedTables,
	describeEntries,
	dutchTexts,
	encodeBody,
	enhancedResult,
	formHeaders,
	missingHtmlMessage,
	missingJsonError,
	send,
	type Answer,
	type Fingerprint
} from './hostile-input.support';

/**
 * Hostile input against every form action, every API endpoint and every page of the built server
 * (issue 7): fast-check makes the bodies, query strings and path parameters — wrong types, huge
 * strings, unicode, missing, repeated and extra fields, negative and enormous numbers, bad CSV
 * files, other encodings than a form's. For every request:
 *
 * - never a 5xx;
 * - refused input (4xx, or an enhanced form's `failure`/`error`) says what is wrong: the page in
 *   Dutch with an error summary, alert, field message, the error page's text or the hooks' refusal
 *   page, or JSON with an `error`. One exception: a body with a forged `__superform_id` (see below);
 * - refused input stores nothing: a fingerprint (row count and hash of every row) of every table of
 *   the database is the same before and after, with no table left out but the sign-in's record of
 *   failed attempts for the sign-in itself. Input that is accepted may store what it should.
 *
 * Two settings of the server keep the fingerprint honest: the mail worker's timer is set to an hour
 * (it would write to the outbox between two requests), and the sign-in throttle is set out of reach
 * (hundreds of refused sign-ins from one address would lock the sign-in for the other runs). Session
 * and API token "last used" times are written at most hourly, so they do not move during a run.
 *
 * Every action is sent by a person who may use it (refusals by role are the authorization matrix's
 * subject). The list of actions, endpoints and pages comes from the route modules themselves, and
 * a test fails when one of them has no entry here.
 *
 * Runs are seeded: HOSTILE_SEED=<number> picks other inputs (the default keeps CI reproducible;
 * a failure prints the seed to replay), HOSTILE_RUNS=<factor> scales the number of runs.
 */

const SEED = Number(process.env.HOSTILE_SEED ?? 20261122);
const FACTOR = Number(process.env.HOSTILE_RUNS ?? 1);
const runs = (count: number) => Math.max(1, Math.round(count * FACTOR));

/** Runs per form action; the plan actions exist on nine pages each, so fewer per page. */
const ACTION_RUNS = 18;
const PLAN_ACTION_RUNS = 4;
const ENDPOINT_RUNS = 25;
const PAGE_RUNS = 4;

/**
 * fast-check's settings: the property's own seed, and on a failure only our message with the seed
 * and path to replay it (the default report prints every generated value, some 300 kB long).
 */
function settings(key: string, numRuns: number): fc.Parameters<unknown> {
	const seed = seedOf(key);
	return {
		numRuns,
		seed,
		endOnFailure: true,
		reporter(details) {
			if (!details.failed) return;
			const error = details.errorInstance;
			const cause = error instanceof Error ? `${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ''}` : String(error);
			throw new Error(`${cause}\n(replay: HOSTILE_SEED=${SEED}, property seed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} runs)`);
		}
	};
}

/** A seed per property, so that adding a route does not change the inputs of the others. */
function seedOf(key: string): number {
	return (SEED ^ createHash('sha256').update(key).digest().readInt32BE(0)) | 0;
}

// ---------------------------------------------------------------------------------------------
// Plausible values (hostile ones are mixed in by the generators)

const person = fc.constantFrom('Jan de Vries', 'Zoë Çelik', '李小龙', 'O\u2019Brien', 'A');
const words = fc.oneof(fc.lorem({ maxCount: 12 }), fc.string({ unit: 'grapheme', maxLength: 200 }));
const email = fc.oneof(fc.emailAddress(), fc.constantFrom('a@b', '@voorbeeld.nl', 'x@voorbeeld.nl ', 'ADMIN@DEMO.REGIE.NL'));
const whole = (min: number, max: number) => fc.oneof(fc.integer({ min, max }).map(String), anyNumberText);
const euros = fc.oneof(fc.constantFrom('350', '350,50', '1.250,50', '1,250.50', '€ 12', '1.500'), anyNumberText);
const organisations = ['org-uwv', 'org-gemeente-utrecht', 'org-gemeente-zwolle'];
const demoProviderCodes = ['loopbaanlicht', 'werkkracht-oost', 'baanpunt-domstad'];

const profileFields = {
	approach: words,
	activities: code(activities),
	targetGroups: code(targetGroups),
	regions: code(regions),
	contractForms: code(contractForms),
	benefitTypes: code(benefitTypes),
	priceMinEuros: whole(0, 100_000),
	priceMaxEuros: whole(0, 100_000),
	startWithinWeeks: whole(0, 52),
	email,
	phone: fc.constantFrom('030-1234567', '+31 30 123 45 67', '12', 'bel me'),
	website: fc.constantFrom('https://voorbeeld.nl', 'http://x', 'javascript:alert(1)', 'ftp://x', 'voorbeeld.nl')
};

const accountFields = {
	role: code(roles),
	displayName: person,
	email,
	benefitType: code(benefitTypes),
	organisationId: code(organisations),
	providerId: code(['provider-loopbaanlicht', 'x']),
	region: code(regions)
};

const outcomeFields = {
	outcome: code(['completed', 'terminated']),
	placed: code(['yes', 'no']),
	placedOn: dayText,
	contractMonths: whole(1, 120),
	reason: words
};

/** Once the trajectory has ended (a run before recorded its outcome), the page says so instead of showing the form. */
const outcomeMessages = ['outcome_not_active'];

const itemFields = {
	domain: code(surveyDomains),
	negative: code(['on', 'off']),
	wordingNl: words,
	wordingEn: words
};

/** Plan versions: the demo plans are at version 2; a higher one counts as "only own saves since". */
const planVersion = fc.constantFrom('1', '2', '3', '99999');

const planForms: Record<string, FormShape> = {
	saveWork: {
		fields: { baseVersion: planVersion, targetOccupation: words, hoursPerWeek: whole(1, 60), startingSituation: words, motivation: words, autosave: code(['1', '0']) }
	},
	saveActivity: {
		fields: { baseVersion: planVersion, activityId: code(['', 'act-1']), type: code(activities), description: words, startWeek: whole(1, 104), durationWeeks: whole(1, 104), cost: euros }
	},
	removeActivity: { fields: { baseVersion: planVersion, activityId: code(['act-1', 'act-2']) } },
	moveActivity: { fields: { baseVersion: planVersion, activityId: code(['act-1', 'act-2']), direction: code(['up', 'down']) } },
	savePlanning: {
		fields: {
			baseVersion: planVersion,
			plannedStart: dayText,
			plannedEnd: dayText,
			contractForm: code(contractForms),
			minContractMonths: whole(1, 60),
			minWeeksOfWork: whole(1, 104),
			autosave: code(['1', '0'])
		}
	},
	// Never the current version: signing or submitting would close the plan for the other runs.
	sign: { fields: { version: fc.constantFrom('1', '99999') } },
	submit: { fields: { version: fc.constantFrom('1', '99999') } },
	extension: {}
};

// ---------------------------------------------------------------------------------------------
// The form actions

interface ActionSpec {
	visitor: Visitor;
	/** The page's path: real parameters, sometimes hostile ones (see `pathOf`). */
	path: fc.Arbitrary<string>;
	/** A query string the action reads as well (the bulk invitation filter). */
	query?: fc.Arbitrary<string>;
	form?: FormShape;
	/** A body whose fields depend on each other (a CSV and its checksum). */
	body?: fc.Arbitrary<HostileForm>;
	runs?: number;
	/**
	 * Tables a refused request may still change, each with its reason. Only the sign-in has one:
	 * every failed attempt is recorded, by design, to throttle guessing.
	 */
	mayChange?: string[];
	/** The action never stores anything in the database, whatever it answers. */
	storesNothing?: boolean;
	/** A redirect that means "refused" (the action answers bad input by going back). */
	refusedRedirect?: (location: string) => boolean;
	/** Message keys whose text, on this page, says what is wrong (besides the usual error elements). */
	messages?: string[];
}

/** The real path mostly; otherwise one parameter replaced by a hostile segment (dot segments only when `dots`: see hostileSegmentWithDots). */
function pathOf(pattern: string, realPath: string, dots = false): fc.Arbitrary<string> {
	const patternParts = pattern.split('/');
	const realParts = realPath.split('/');
	const variable = patternParts.flatMap((part, index) => (part.startsWith('[') ? [index] : []));
	if (variable.length === 0) return fc.constant(realPath);
	const hostile = fc.tuple(fc.constantFrom(...variable), dots ? hostileSegmentWithDots : hostileSegment).map(([index, segment]) => realParts.map((part, at) => (at === index ? segment : part)).join('/'));
	return fc.oneof({ weight: 3, arbitrary: fc.constant(realPath) }, { weight: 1, arbitrary: hostile });
}

const planPages = ['', '/werk', '/activiteiten', '/planning', '/controleren'];

/** The client the erasure action may erase. */
const erasable = 'user-demo-client-kees';

type SpecMaker = (portal: Portal) => Promise<ActionSpec>;

const actionSpecs: Record<string, SpecMaker> = {
	...Object.fromEntries(
		planPages.flatMap((page) =>
			Object.entries(planForms).flatMap(([action, form]): [string, SpecMaker][] => {
				const provider: [string, SpecMaker] = [
					`/aanbieder/clienten/[id]/plan${page} ${action}`,
					async () => ({ visitor: 'provider2', path: pathOf(`/aanbieder/clienten/[id]/plan${page}`, `/aanbieder/clienten/${trajectory.ilse}/plan${page}`), form, runs: PLAN_ACTION_RUNS })
				];
				// The client's overview (/plan) has only the extension; its steps have every plan action.
				const client: [string, SpecMaker] = [`/plan${page} ${action}`, async () => ({ visitor: 'clientIlse', path: fc.constant(`/plan${page}`), form, runs: PLAN_ACTION_RUNS })];
				return page === '' && action !== 'extension' ? [provider] : [provider, client];
			})
		)
	),

	'/aanbieder/clienten/[id]/afsluiten default': async () => ({
		visitor: 'provider',
		path: pathOf('/aanbieder/clienten/[id]/afsluiten', `/aanbieder/clienten/${trajectory.ruud}/afsluiten`),
		form: { fields: outcomeFields },
		messages: outcomeMessages
	}),
	'/beoordelen/[id=uuid]/afsluiten default': async () => ({
		visitor: 'reviewer',
		path: fc.oneof(fc.constant(`/beoordelen/${trajectory.ruud}/afsluiten`), fc.uuid().map((id) => `/beoordelen/${id}/afsluiten`)),
		form: { fields: outcomeFields },
		messages: outcomeMessages
	}),
	'/aanbieder/profiel default': async () => ({ visitor: 'provider', path: fc.constant('/aanbieder/profiel'), form: { fields: profileFields } }),

	'/aanbieders/[code]/kiezen default': async () => ({ visitor: 'client', path: pathOf('/aanbieders/[code]/kiezen', '/aanbieders/loopbaanlicht/kiezen'), form: {} }),
	...Object.fromEntries(
		['add', 'remove', 'clear'].map((action): [string, SpecMaker] => [
			`/aanbieders/vergelijken ${action}`,
			async () => ({
				visitor: 'client',
				path: fc.constant('/aanbieders/vergelijken'),
				form: { fields: { code: code(demoProviderCodes), returnTo: fc.constantFrom('/aanbieders', '/aanbieders?regio=utrecht', '/😀', '/aanbieders?zoek=𝕳#é', '//evil.example', 'https://evil.example', '/\\evil', '/a\u0000b') } },
				// The comparison tray is a cookie.
				storesNothing: true
			})
		])
	),

	'/beheer newLink': async () => ({ visitor: 'admin', path: fc.constant('/beheer'), form: { fields: { userId: code(['user-demo-client2', 'user-demo-researcher', 'user-demo-x']) } } }),
	'/beoordelen newLink': async () => ({ visitor: 'reviewer', path: fc.constant('/beoordelen'), form: { fields: { userId: code(['user-demo-client-anna', 'user-demo-client2']) } } }),
	'/beheer/accounts/nieuw default': async () => ({ visitor: 'admin', path: fc.constant('/beheer/accounts/nieuw'), form: { fields: accountFields } }),
	'/beoordelen/clienten/nieuw default': async () => ({ visitor: 'reviewer', path: fc.constant('/beoordelen/clienten/nieuw'), form: { fields: accountFields } }),

	'/beheer/aanbieders/nieuw default': async () => ({
		visitor: 'admin',
		path: fc.constant('/beheer/aanbieders/nieuw'),
		form: { fields: { code: fc.oneof(fc.stringMatching(/^[a-z0-9-]{2,20}$/), fc.constantFrom(...demoProviderCodes)), name: person, type: code(providerTypes), ...profileFields } }
	}),
	'/beheer/aanbieders/[code] save': async () => ({
		visitor: 'admin',
		path: pathOf('/beheer/aanbieders/[code]', '/beheer/aanbieders/loopbaanlicht'),
		form: { fields: { name: person, type: code(providerTypes), ...profileFields } }
	}),
	...Object.fromEntries(
		['deactivate', 'reactivate'].map((action): [string, SpecMaker] => [
			`/beheer/aanbieders/[code] ${action}`,
			async (portal) => {
				// A provider no other test uses: (de)activating it changes nothing they rely on.
				const [spare] = await portal.probe.rows<{ code: string }>(`SELECT code FROM providers WHERE code NOT IN (${demoProviderCodes.map(() => '?').join(', ')}) ORDER BY code`, demoProviderCodes);
				return { visitor: 'admin', path: pathOf('/beheer/aanbieders/[code]', `/beheer/aanbieders/${spare!.code}`), form: {} };
			}
		])
	),
	'/beheer/aanbieders/import check': async () => ({
		visitor: 'admin',
		path: fc.constant('/beheer/aanbieders/import'),
		form: { files: { bestand: providerCsvFile(csvColumns, providerCsvCell, MAX_CSV_ROWS) } },
		// The first step only reads the file and shows what would change.
		storesNothing: true
	}),
	'/beheer/aanbieders/import confirm': async () => ({
		visitor: 'admin',
		path: fc.constant('/beheer/aanbieders/import'),
		// The right checksum half of the time, so that the rows themselves are checked too.
		body: fc
			.record({ csv: providerCsvText(csvColumns, providerCsvCell), rightSum: fc.boolean(), junkSum: hostileText, encoding: fc.constantFrom('urlencoded' as const, 'multipart' as const), enhanced: fc.boolean() })
			.map(({ csv, rightSum, junkSum, encoding, enhanced }) => ({
				entries: [
					['csv', csv],
					['checksum', rightSum ? createHash('sha256').update(normaliseCsvText(csv), 'utf8').digest('hex') : junkSum]
				],
				encoding,
				enhanced
			}))
	}),

	'/beheer/regels default': async () => ({
		visitor: 'admin',
		path: fc.constant('/beheer/regels'),
		form: {
			fields: {
				organisationId: code(organisations),
				budgetCapEuros: whole(1, 1_000_000),
				maxDurationMonths: whole(1, 120),
				trainingShareFlagPercent: whole(0, 100),
				submissionDays: whole(1, 365),
				extensionDays: whole(0, 365),
				decisionWeeks: whole(1, 52)
			}
		}
	}),

	'/beheer/enquete newDraft': async () => ({ visitor: 'admin', path: fc.constant('/beheer/enquete'), form: {}, runs: 4 }),
	'/beheer/enquete/import default': async (portal) => {
		const items = await portal.itemCodes();
		return {
			visitor: 'admin',
			path: fc.constant('/beheer/enquete/import'),
			form: {
				fields: { wave: fc.constantFrom('2027-Q1', 'papier'), force: code(['on']) },
				files: { file: surveyCsvFile(['provider', 'completed_on', ...items, 'overall', 'instrument_version'], surveyCsvCell) }
			}
		};
	},
	...Object.fromEntries(
		['invite', 'inviteAll'].map((action): [string, SpecMaker] => [
			`/beheer/enquete/uitnodigen ${action}`,
			async () => ({
				visitor: 'admin',
				path: fc.constant('/beheer/enquete/uitnodigen'),
				query: hostileQuery({ ronde: fc.constantFrom('2027-Q1', ' '), van: dayText, tot: dayText, organisatie: code(organisations) }),
				form: action === 'invite' ? { fields: { traject: code([trajectory.ruud, trajectory.anna, 'x']) } } : {}
			})
		])
	),
	...Object.fromEntries(
		['move', 'remove'].map((action): [string, SpecMaker] => [
			`/beheer/enquete/versie/[version] ${action}`,
			async (portal) => ({
				visitor: 'admin',
				path: fc.oneof(fc.constant(`/beheer/enquete/versie/${await portal.draftVersion()}`), fc.constant('/beheer/enquete/versie/1'), pathOf('/beheer/enquete/versie/[version]', '/beheer/enquete/versie/1')),
				form: { fields: { code: code(await portal.itemCodes()), direction: code(['up', 'down']) } }
			})
		])
	),
	...Object.fromEntries(
		['publish', 'discard'].map((action): [string, SpecMaker] => [
			`/beheer/enquete/versie/[version] ${action}`,
			// Never the draft: publishing or discarding it would end the draft tests. Version 1 is published.
			async () => ({ visitor: 'admin', path: pathOf('/beheer/enquete/versie/[version]', '/beheer/enquete/versie/1'), form: {}, runs: 8 })
		])
	),
	'/beheer/enquete/versie/[version]/nieuw default': async (portal) => ({
		visitor: 'admin',
		path: pathOf('/beheer/enquete/versie/[version]/nieuw', `/beheer/enquete/versie/${await portal.draftVersion()}/nieuw`),
		form: { fields: { code: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,19}$/), fc.constantFrom('overall', 'provider', 'Q1')), ...itemFields } }
	}),
	'/beheer/enquete/versie/[version]/vraag/[code] default': async (portal) => ({
		visitor: 'admin',
		path: pathOf('/beheer/enquete/versie/[version]/vraag/[code]', `/beheer/enquete/versie/${await portal.draftVersion()}/vraag/${(await portal.itemCodes())[0]}`),
		form: { fields: itemFields }
	}),

	'/beoordelen/[id=uuid] default': async (portal) => {
		const [version] = await portal.probe.rows<{ id: string }>('SELECT id FROM plan_versions WHERE trajectory_id = ?', [trajectory.anna]);
		return {
			visitor: 'reviewer',
			path: fc.oneof({ weight: 3, arbitrary: fc.constant(`/beoordelen/${trajectory.anna}`) }, { weight: 1, arbitrary: fc.uuid().map((id) => `/beoordelen/${id}`) }),
			form: { fields: { planVersionId: code([version!.id, 'x']), decision: code(decisions), reason: words } }
		};
	},

	'/enquete start': async (portal) => {
		await portal.surveyPath();
		const [invitation] = await portal.probe.rows<{ id: string }>('SELECT id FROM survey_invitations WHERE trajectory_id = ?', [trajectory.ruud]);
		return {
			visitor: 'clientRuud',
			path: fc.constant('/enquete'),
			form: { fields: { invitationId: code([invitation!.id]) } },
			// A form that names no survey of theirs lands on the list again.
			refusedRedirect: (location) => location === '/enquete'
		};
	},
	'/enquete/[token] default': async (portal) => {
		const items = await portal.itemCodes();
		return {
			visitor: 'anonymous',
			path: pathOf('/enquete/[token]', await portal.surveyPath()),
			form: {
				fields: {
					page: code(['1', '2', '3', '4', '5']),
					direction: code(['next', 'back']),
					...Object.fromEntries(items.map((item) => [`item_${item}`, code([...answerCodes, 'skip'])])),
					overall: whole(1, 10),
					comment: words
				}
			}
		};
	},

	'/meldingen read': async (portal) => ({ visitor: 'clientJeroen', path: fc.constant('/meldingen'), form: { fields: { id: code([await portal.notificationOfJeroen()]) } } }),
	'/meldingen all': async () => ({ visitor: 'clientJeroen', path: fc.constant('/meldingen'), form: {}, runs: 4 }),

	'/onderzoek/tokens create': async (portal) => {
		// Made first: accepted runs may fill the researcher's ten active tokens.
		await portal.researchToken();
		await portal.spareTokenId();
		return { visitor: 'researcher', path: fc.constant('/onderzoek/tokens'), form: { fields: { name: words, lifetimeDays: code(['30', '90', '365']) } } };
	},
	// A token of its own to revoke: the one the API tests use must keep working.
	'/onderzoek/tokens revoke': async (portal) => ({ visitor: 'researcher', path: fc.constant('/onderzoek/tokens'), form: { fields: { id: code([await portal.spareTokenId()]) } } }),

	'/beheer/clienten find': async () => ({
		visitor: 'admin',
		path: fc.constant('/beheer/clienten'),
		form: { fields: { email: fc.oneof(email, fc.constantFrom('client.kees@demo.regie.nl', ' CLIENT2@demo.regie.nl ', 'admin@demo.regie.nl')) } }
	}),
	'/beheer/clienten/[id]/wissen default': async () => ({
		visitor: 'admin',
		// Kees: a client no other test uses. Typing his address erases him; from then on the page
		// sends the admin back to the search page with "gone already".
		path: pathOf('/beheer/clienten/[id]/wissen', `/beheer/clienten/${erasable}/wissen`),
		form: { fields: { confirmation: fc.constantFrom('client.kees@demo.regie.nl', ' Client.Kees@demo.regie.nl ', 'client.kees@demo.regie.n', '') } },
		refusedRedirect: (location) => location.includes('status=weg')
	}),
	'/login default': async () => ({
		visitor: 'anonymous',
		path: fc.constant('/login'),
		query: hostileQuery({ redirectTo: fc.constantFrom('/plan', '/😀', '//evil.example') }),
		form: { fields: { email: fc.oneof(email, fc.constantFrom('admin@demo.regie.nl', 'client@demo.regie.nl')), password: words } },
		mayChange: ['sign_in_failures']
	}),
	'/uitnodiging/[token] default': async (portal) => ({
		visitor: 'anonymous',
		path: pathOf('/uitnodiging/[token]', await portal.invitationPath()),
		form: { fields: { password: words, passwordConfirm: words } },
		// A link that does not work (a hostile token) shows why instead of the form.
		messages: ['invite_unknown_title', 'invite_expired_title', 'invite_used_title']
	})
};

function providerCsvCell(column: string): fc.Arbitrary<string> {
	switch (column) {
		case 'code':
			return fc.oneof(fc.stringMatching(/^[a-z0-9-]{2,12}$/), fc.constantFrom(...demoProviderCodes));
		case 'name':
			return person;
		case 'type':
			return fc.constantFrom(...providerTypes);
		case 'regions':
			return fc.subarray([...regions]).map((list) => list.join('|'));
		case 'activities':
			return fc.subarray([...activities]).map((list) => list.join('|'));
		case 'target_groups':
			return fc.subarray([...targetGroups]).map((list) => list.join('|'));
		case 'contract_forms':
			return fc.subarray([...contractForms]).map((list) => list.join('|'));
		case 'benefit_types':
			return fc.subarray([...benefitTypes]).map((list) => list.join('|'));
		case 'price_min':
		case 'price_max':
			return whole(0, 100_000);
		case 'start_within_weeks':
			return whole(0, 52);
		case 'email':
			return email;
		case 'phone':
			return fc.constantFrom('030-1234567', '');
		case 'website':
			return fc.constantFrom('https://voorbeeld.nl', '');
		case 'approach':
			return fc.lorem({ maxCount: 30 });
		default:
			return fc.constantFrom('ja', 'nee', '');
	}
}

function surveyCsvCell(column: string): fc.Arbitrary<string> {
	switch (column) {
		case 'provider':
			return fc.constantFrom(...demoProviderCodes, 'onbekend');
		case 'completed_on':
			return dayText;
		case 'overall':
			return whole(1, 10);
		case 'instrument_version':
			return fc.constantFrom('1', '2', '0', '-1', '1e3');
		default:
			return fc.constantFrom(...answerCodes, '', 'Ja', 'x');
	}
}

// ---------------------------------------------------------------------------------------------
// The endpoints

interface EndpointRequest {
	path: string;
	headers?: Record<string, string>;
	form?: HostileForm;
}

interface EndpointSpec {
	visitor: Visitor;
	method: string;
	request: fc.Arbitrary<EndpointRequest>;
	/** JSON answers (an API) or redirects (a plain form post to an endpoint). */
	answers: 'json' | 'redirect' | 'empty';
	runs?: number;
	storesNothing?: boolean;
	/** For redirecting endpoints: whether the answer means the input was refused. */
	refused?: (answer: Answer) => boolean;
}

const providerQuery = hostileQuery({
	activity: code(activities),
	target_group: code(targetGroups),
	type: code(providerTypes),
	contract_form: code(contractForms),
	region: code(regions),
	q: fc.lorem({ maxCount: 3 }),
	sort: code(['name', 'satisfaction', 'placement']),
	page: whole(1, 10_000),
	page_size: whole(1, 100),
	benefit: code(benefitTypes),
	status: code(['active', 'all'])
});

const researchQuery = hostileQuery({
	wave: fc.constantFrom('2026-Q4', '2027-Q1', 'onbekend'),
	organisation: code(['uwv', 'gemeente-utrecht', 'gemeente-zwolle']),
	benefit: code(benefitTypes),
	from: dayText,
	to: dayText,
	format: code(['json', 'csv', 'xlsx']),
	csv: code(['nl', 'international']),
	breakdown: code(['provider'])
});

/** Mostly the researcher's real token; sometimes a broken or foreign Authorization header. */
function researchAuthorization(token: string): fc.Arbitrary<Record<string, string>> {
	return fc.oneof(
		{ weight: 5, arbitrary: fc.constant({ Authorization: `Bearer ${token}` }) },
		{
			weight: 1,
			arbitrary: fc
				.oneof(
					fc.constantFrom(`Bearer ${token}x`, `Bearer ${token.toUpperCase()}`, `bearer  ${token} `, `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer', 'Bearer ', `Bearer ${token} ${token}`, `Bearer ${'a'.repeat(24)}.${'a'.repeat(24)}`),
					hostileText.filter((text) => text.length < 4_000).map((text) => `Bearer ${text}`)
				)
				// Header values cannot carry line breaks or other control characters.
				.map((value) => ({ Authorization: value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[^\u0000-\u00ff]/g, '?') }))
		}
	);
}

function surveyEndpoint(path: fc.Arbitrary<string>): (portal: Portal) => Promise<EndpointSpec> {
	return async (portal) => {
		const token = await portal.researchToken();
		return {
			visitor: 'anonymous',
			method: 'GET',
			request: fc.record({ path: fc.tuple(path, researchQuery).map(([base, query]) => (query ? `${base}?${query}` : base)), headers: researchAuthorization(token) }),
			answers: 'json'
		};
	};
}

const endpointSpecs: Record<string, (portal: Portal) => Promise<EndpointSpec>> = {
	'/api/v1/providers GET': async () => ({
		visitor: 'anonymous',
		method: 'GET',
		request: providerQuery.map((query) => ({ path: query ? `/api/v1/providers?${query}` : '/api/v1/providers' })),
		answers: 'json',
		storesNothing: true
	}),
	'/api/v1/providers OPTIONS': async () => ({ visitor: 'anonymous', method: 'OPTIONS', request: providerQuery.map((query) => ({ path: `/api/v1/providers?${query}` })), answers: 'empty', runs: 5, storesNothing: true }),
	'/api/v1/providers/[code] GET': async () => ({
		visitor: 'anonymous',
		method: 'GET',
		request: fc.tuple(pathOf('/api/v1/providers/[code]', '/api/v1/providers/loopbaanlicht', true), providerQuery).map(([path, query]) => ({ path: query ? `${path}?${query}` : path })),
		answers: 'json',
		storesNothing: true
	}),
	'/api/v1/providers/[code] OPTIONS': async () => ({ visitor: 'anonymous', method: 'OPTIONS', request: pathOf('/api/v1/providers/[code]', '/api/v1/providers/loopbaanlicht', true).map((path) => ({ path })), answers: 'empty', runs: 5, storesNothing: true }),
	'/api/v1/survey/items GET': surveyEndpoint(fc.constant('/api/v1/survey/items')),
	'/api/v1/survey/microdata GET': surveyEndpoint(fc.constant('/api/v1/survey/microdata')),
	'/api/v1/survey/response-rates GET': surveyEndpoint(fc.constant('/api/v1/survey/response-rates')),
	'/api/v1/survey/tables/[domain] GET': surveyEndpoint(
		fc.oneof(fc.constantFrom(...surveyDomains, 'all').map((domain) => `/api/v1/survey/tables/${domain}`), hostileSegmentWithDots.map((segment) => `/api/v1/survey/tables/${segment}`))
	),
	'/healthz GET': async () => ({ visitor: 'anonymous', method: 'GET', request: hostileQuery({}).map((query) => ({ path: `/healthz?${query}` })), answers: 'json', runs: 5, storesNothing: true }),
	'/logout POST': async () => ({
		// Signed out: there is no session to end, so nothing may change.
		visitor: 'anonymous',
		method: 'POST',
		request: hostileForm({ fields: { redirectTo: hostileText } }).map((form) => ({ path: '/logout', form })),
		answers: 'redirect',
		runs: 8,
		storesNothing: true
	}),
	'/taal POST': async () => ({
		visitor: 'client2',
		method: 'POST',
		request: hostileForm({ fields: { lang: code(['nl', 'en']), redirectTo: fc.constantFrom('/plan', '/😀', '/plan?x=𝕳', '//evil.example', '/a\u0000') } }).map((form) => ({ path: '/taal', form })),
		answers: 'redirect',
		// Refused: no language cookie is set (and the account's language stays).
		refused: (answer) => !answer.headers.getSetCookie().some((cookie) => cookie.startsWith('regie_lang='))
	})
};

// ---------------------------------------------------------------------------------------------
// Page loads

/** Parameters the pages read from their query string, and some they do not. */
const pageQuery = hostileQuery({
	pagina: whole(1, 10_000),
	zoek: words,
	status: code(['actief', 'niet-actief', 'submitted', 'all']),
	rol: code(roles),
	stap: whole(1, 6),
	organisatie: code(organisations),
	ronde: fc.constantFrom('2026-Q4', ''),
	van: dayText,
	tot: dayText,
	wave: fc.constantFrom('2026-Q4', 'onbekend'),
	organisation: code(['uwv']),
	benefit: code(benefitTypes),
	from: dayText,
	to: dayText,
	csv: code(['nl', 'international']),
	kies: fc.constant('1'),
	activiteit: code(['act-1', ...activities]),
	doelgroep: code(targetGroups),
	soort: code(providerTypes),
	contract: code(contractForms),
	regio: code([...regions, 'alle']),
	sorteer: code(['name', 'satisfaction', 'placement']),
	uitkering: code(benefitTypes),
	bevestig: code(['deactiveren', 'activeren']),
	gedaan: code(['saved', 'moved']),
	code: fc.constantFrom('x'),
	redirectTo: fc.constantFrom('/plan', '/😀', '//evil.example')
});

// ---------------------------------------------------------------------------------------------

let workspace: ServerWorkspace;
let portal: Portal;
/** The fingerprint after the last request, while nothing else can have written since. */
let lastFingerprint: Fingerprint | null = null;
const summary: string[] = [];

beforeAll(async () => {
	workspace = await serverWorkspace('regie-hostile');
	portal = await Portal.start(workspace, {
		// Hundreds of refused sign-ins from one address must not lock the sign-in for the other runs.
		SIGN_IN_MAX_FAILURES: '1000000',
		// The background timer would write to the outbox between a fingerprint and the next.
		MAIL_WORKER_INTERVAL_SECONDS: '3600'
	});
});

afterAll(async () => {
	if (summary.length > 0) console.log(`hostile input (seed ${SEED}, runs ×${FACTOR}):\n${summary.join('\n')}`);
	await portal?.stop();
	await workspace?.cleanUp();
});

async function fingerprintBefore(): Promise<Fingerprint> {
	return lastFingerprint ?? (await portal.probe.fingerprint());
}

interface Tally {
	refused: number;
	accepted: number;
	statuses: Map<number, number>;
}

function count(tally: Tally, status: number, refused: boolean): void {
	if (refused) tally.refused += 1;
	else tally.accepted += 1;
	tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
}

function report(key: string, tally: Tally): void {
	const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([status, times]) => `${status}×${times}`).join(' ');
	summary.push(`  ${key}: ${tally.refused} refused, ${tally.accepted} accepted (${statuses})`);
}

/** What the server printed since `from` (the stack of a 5xx), at most 40 lines. */
function serverSince(from: number): string {
	return portal.server.output().slice(from).split('\n').slice(0, 40).join('\n');
}

function fail(message: string): never {
	throw new Error(message);
}

/** The verdict on one answer to a form post: refused or not, and whether a refusal was explained. */
function judgeFormAnswer(answer: Answer, form: HostileForm, spec: Pick<ActionSpec, 'refusedRedirect' | 'messages'>): { refused: boolean; problem: string | null } {
	if (form.enhanced) {
		const result = enhancedResult(answer);
		if (!result) {
			// Refused before the action ran (e.g. the content type): SvelteKit answers with a status.
			if (answer.status >= 400) return { refused: true, problem: answer.text.trim() === '' ? 'an empty answer' : null };
			return { refused: false, problem: `an enhanced form post got no action result: HTTP ${answer.status} ${answer.text.slice(0, 200)}` };
		}
		if (result.type === 'failure') return { refused: true, problem: (result.status ?? 0) >= 400 && result.data ? null : `a failure without status or data: ${answer.text.slice(0, 200)}` };
		if (result.type === 'error') return { refused: true, problem: result.error?.message ? null : `an error without message: ${answer.text.slice(0, 200)}` };
		if (result.type === 'redirect') return { refused: spec.refusedRedirect?.(result.location ?? '') ?? false, problem: null };
		return { refused: false, problem: null };
	}
	if (answer.status >= 400) return { refused: true, problem: missingHtmlMessage(answer, dutchTexts(spec.messages ?? [])) };
	if (answer.status >= 300) return { refused: spec.refusedRedirect?.(answer.location ?? '') ?? false, problem: null };
	return { refused: false, problem: null };
}

describe('hostile input', () => {
	it('has an entry for every form action, endpoint method and page of the route inventory', async () => {
		const missing: string[] = [];
		for (const route of await appRoutes()) {
			if (route.kind === 'page') {
				if (!pageVisits[route.pattern]) missing.push(`page ${route.pattern}`);
				for (const action of route.actions) if (!actionSpecs[`${route.pattern} ${action}`]) missing.push(`action ${route.pattern} ${action}`);
			} else {
				for (const method of route.methods) if (!endpointSpecs[`${route.pattern} ${method}`]) missing.push(`endpoint ${method} ${route.pattern}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('refuses a body over the server limit (512 kB) with 413 and a message, and stores nothing', async () => {
		const cookie = await portal.cookie('admin');
		const upload = new FormData();
		upload.append('wave', '2027-Q1');
		upload.append('file', new File(['provider,completed_on\n'.repeat(30_000)], 'groot.csv', { type: 'text/csv' }));
		const bodies: [string, BodyInit, string | undefined][] = [
			['/beheer/regels', new URLSearchParams({ organisationId: 'org-uwv', budgetCapEuros: '9'.repeat(600_000) }).toString(), 'application/x-www-form-urlencoded'],
			['/beheer/enquete/import', upload, undefined]
		];
		for (const [path, body, contentType] of bodies) {
			const before = await portal.probe.fingerprint();
			const answer = await send(portal.origin, path, { method: 'POST', cookie, headers: formHeaders(portal.origin, false), body, contentType });
			expect(answer.status, path).toBe(413);
			expect(missingHtmlMessage(answer), path).toBeNull();
			expect(changedTables(before, await portal.probe.fingerprint()), path).toEqual([]);
		}
	});

	describe('every form action', async () => {
		const routes = (await appRoutes()).filter((route): route is Extract<AppRoute, { kind: 'page' }> => route.kind === 'page');
		const actions = routes.flatMap((route) => route.actions.map((action) => ({ route, action, key: `${route.pattern} ${action}` }))).filter(({ key }) => actionSpecs[key]);

		it.each(actions)('$key', async ({ action, key }) => {
			const spec = await actionSpecs[key]!(portal);
			const cookie = await portal.cookie(spec.visitor);
			const tally: Tally = { refused: 0, accepted: 0, statuses: new Map() };
			lastFingerprint = null;
			const body = spec.body ?? hostileForm(spec.form ?? {});
			await fc.assert(
				fc.asyncProperty(spec.path, spec.query ?? fc.constant(''), body, async (path, query, form) => {
					const search = [query, action === 'default' ? '' : `/${action}`].filter(Boolean).join('&');
					const url = search ? `${path}?${search}` : path;
					const before = await fingerprintBefore();
					const printed = portal.server.output().length;
					const { body: payload, contentType } = encodeBody(form.entries, form.encoding);
					const what = `POST ${url.slice(0, 300)} (${form.encoding}${form.enhanced ? ', enhanced' : ''}) ${describeEntries(form.entries)}`;
					const answer = await send(portal.origin, url, { method: 'POST', cookie, headers: formHeaders(portal.origin, form.enhanced), body: payload, contentType }).catch((caught: Error) =>
						fail(`no answer (${caught.message}: ${String((caught.cause as Error | undefined)?.message ?? '')}) for ${what}\n--- server ---\n${serverSince(printed)}`)
					);
					const after = await portal.probe.fingerprint();
					lastFingerprint = after;
					if (answer.status >= 500) fail(`HTTP ${answer.status} for ${what}\n--- server ---\n${serverSince(printed)}`);
					const verdict = judgeFormAnswer(answer, form, spec);
					count(tally, answer.status, verdict.refused);
					// superforms shows a result only in the form whose id was posted: with a forged
					// `__superform_id` the page comes back without the errors. Only a tampered form sends
					// one; that it stores nothing is still checked below.
					const forgedFormId = form.entries.some(([name]) => name === '__superform_id');
					if (verdict.refused && verdict.problem && !forgedFormId) fail(`refused without a clear message (HTTP ${answer.status}): ${verdict.problem}\nfor ${what}`);
					if (verdict.refused || spec.storesNothing) {
						const changed = changedTables(before, after, spec.mayChange);
						if (changed.length > 0) fail(`${verdict.refused ? 'refused input' : 'an action that stores nothing'} changed ${changed.join(', ')} (HTTP ${answer.status})\nfor ${what}`);
					}
				}),
				settings(key, runs(spec.runs ?? ACTION_RUNS))
			);
			report(key, tally);
		});
	});

	describe('every endpoint', async () => {
		const routes = (await appRoutes()).filter((route): route is Extract<AppRoute, { kind: 'endpoint' }> => route.kind === 'endpoint');
		const methods = routes.flatMap((route) => route.methods.map((method) => ({ key: `${route.pattern} ${method}` }))).filter(({ key }) => endpointSpecs[key]);

		it.each(methods)('$key', async ({ key }) => {
			const spec = await endpointSpecs[key]!(portal);
			const cookie = await portal.cookie(spec.visitor);
			const tally: Tally = { refused: 0, accepted: 0, statuses: new Map() };
			lastFingerprint = null;
			await fc.assert(
				fc.asyncProperty(spec.request, async (request) => {
					const before = await fingerprintBefore();
					const printed = portal.server.output().length;
					const encoded = request.form ? encodeBody(request.form.entries, request.form.encoding) : {};
					const headers = { ...(request.form ? formHeaders(portal.origin, false) : {}), ...request.headers };
					const answer = await send(portal.origin, request.path, { method: spec.method, cookie, headers, body: encoded.body, contentType: encoded.contentType });
					const after = await portal.probe.fingerprint();
					lastFingerprint = after;
					const what = `${spec.method} ${request.path.slice(0, 300)} ${request.headers ? JSON.stringify(request.headers).slice(0, 200) : ''} ${request.form ? describeEntries(request.form.entries) : ''}`;
					if (answer.status >= 500) fail(`HTTP ${answer.status} for ${what}\n--- server ---\n${serverSince(printed)}`);
					const refused = answer.status >= 400 || (spec.answers === 'redirect' && (spec.refused?.(answer) ?? false));
					count(tally, answer.status, refused);
					if (answer.status >= 400) {
						const problem = spec.answers === 'json' || !answer.contentType.includes('text/html') ? missingJsonError(answer) : missingHtmlMessage(answer);
						if (problem) fail(`refused without an error text (HTTP ${answer.status}): ${problem}\nfor ${what}`);
					} else if (spec.answers === 'redirect' && answer.status !== 303) fail(`expected a redirect or a refusal, got HTTP ${answer.status} for ${what}`);
					if (refused || spec.storesNothing) {
						const changed = changedTables(before, after);
						if (changed.length > 0) fail(`${refused ? 'refused input' : 'a request that stores nothing'} changed ${changed.join(', ')} (HTTP ${answer.status})\nfor ${what}`);
					}
				}),
				settings(key, runs(spec.runs ?? ENDPOINT_RUNS))
			);
			report(key, tally);
		});
	});

	describe('every page, with a hostile query string or path parameter', async () => {
		const pages = (await appRoutes()).filter((route) => route.kind === 'page' && pageVisits[route.pattern]);

		it.each(pages)('$pattern', async ({ pattern }) => {
			const visit = await pageVisits[pattern]!(portal);
			const cookie = await portal.cookie(visit.visitor);
			const tally: Tally = { refused: 0, accepted: 0, statuses: new Map() };
			lastFingerprint = null;
			await fc.assert(
				fc.asyncProperty(pathOf(pattern, visit.path, true), pageQuery, async (path, query) => {
					const url = query ? `${path}?${query}` : path;
					const before = await fingerprintBefore();
					const printed = portal.server.output().length;
					const answer = await send(portal.origin, url, { cookie, headers: { Accept: 'text/html' } });
					const after = await portal.probe.fingerprint();
					lastFingerprint = after;
					const what = `GET ${url.slice(0, 400)} as ${visit.visitor}`;
					if (answer.status >= 500) fail(`HTTP ${answer.status} for ${what}\n--- server ---\n${serverSince(printed)}`);
					count(tally, answer.status, answer.status >= 400);
					if (answer.status >= 400) {
						const problem = missingHtmlMessage(answer);
						if (problem) fail(`HTTP ${answer.status} without a clear message: ${problem}\nfor ${what}`);
					}
					// Reading a page never stores anything.
					const changed = changedTables(before, after);
					if (changed.length > 0) fail(`reading a page changed ${changed.join(', ')} (HTTP ${answer.status})\nfor ${what}`);
				}),
				settings(`page ${pattern}`, runs(PAGE_RUNS))
			);
			report(`GET ${pattern}`, tally);
		});
	});
});
