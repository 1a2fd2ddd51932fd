import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '$lib/domain/actor';
import { englishParameters } from '$lib/domain/provider-search';
import { providerGroupOf } from '$lib/domain/reference';
import { demoProviders, type DemoProvider } from '$lib/server/demo/providers';
import { seedDemo } from '$lib/server/demo/seed';
import { GET as getList, OPTIONS as preflightList } from '../../src/routes/api/v1/providers/+server';
import { GET as getOne } from '../../src/routes/api/v1/providers/[code]/+server';
import { freshDatabase, type TestDatabase } from '../support/test-database';

// The open-data API through its route handlers, on the demo register (55 providers, 2 inactive).
// Expected answers are computed from the demo data itself, never from the SQL under test.

let testDb: TestDatabase;

beforeAll(async () => {
	testDb = await freshDatabase();
	await seedDemo(testDb.db);
});
afterAll(() => testDb.close());

type ListEvent = Parameters<typeof getList>[0];
type OneEvent = Parameters<typeof getOne>[0];

function event(path: string, params: Record<string, string>, headers: Record<string, string>) {
	const url = new URL(`http://x${path}`);
	return { url, params, request: new Request(url, { headers }), locals: { db: testDb.db, actor: anonymous, sessionId: null } };
}

const list = (query = '', headers: Record<string, string> = {}) =>
	getList(event(`/api/v1/providers${query ? `?${query}` : ''}`, {}, headers) as unknown as ListEvent);
const one = (code: string, headers: Record<string, string> = {}) =>
	getOne(event(`/api/v1/providers/${encodeURIComponent(code)}`, { code }, headers) as unknown as OneEvent);

interface ApiProvider {
	code: string;
	active: boolean;
	[field: string]: unknown;
}
interface ApiPage {
	total: number;
	page: number;
	page_size: number;
	page_count: number;
	providers: ApiProvider[];
	links: { self: string; next?: string; prev?: string };
}

async function page(query = ''): Promise<ApiPage> {
	const response = await list(query);
	expect(response.status, query).toBe(200);
	return (await response.json()) as ApiPage;
}

/** Every provider of every page, following `links.next`. */
async function allCodes(query: string): Promise<string[]> {
	const codes: string[] = [];
	let next: string | undefined = `/api/v1/providers?${query}`;
	while (next) {
		const body: ApiPage = await page(new URL(next, 'http://x').search.slice(1));
		codes.push(...body.providers.map((provider) => provider.code));
		next = body.links.next;
	}
	return codes;
}

const active = demoProviders.filter((provider) => provider.active);
const codesWhere = (keep: (provider: DemoProvider) => boolean, among: readonly DemoProvider[] = active) =>
	among.filter(keep).map((provider) => provider.code).sort();
const mentions = (provider: DemoProvider, word: string) => `${provider.name} ${provider.approach}`.toLowerCase().includes(word);
const sorted = (codes: string[]) => [...codes].sort();

const documentedFields = ['active', 'activities', 'benefit_types', 'code', 'contract_forms', 'group', 'name', 'regions', 'target_groups', 'type'];

describe('GET /api/v1/providers', () => {
	it('lists the active providers, 50 a page, with links, as cacheable open JSON', async () => {
		const response = await list();
		expect(response.status).toBe(200);
		expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
		expect(response.headers.get('ETag')).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
		const body = (await response.json()) as ApiPage;
		expect(body).toMatchObject({ total: active.length, page: 1, page_size: 50, page_count: 2 });
		expect(body.providers).toHaveLength(50);
		expect(body.links).toEqual({ self: '/api/v1/providers?page=1', next: '/api/v1/providers?page=2' });
	});

	it('gives each provider the documented fields and nothing else: no contact details or internal ids', async () => {
		const body = await page('status=all&page_size=100');
		expect(body.providers).toHaveLength(demoProviders.length);
		for (const provider of body.providers) {
			expect(Object.keys(provider).sort()).toEqual(documentedFields);
			const demo = demoProviders.find((candidate) => candidate.code === provider.code)!;
			expect(provider).toEqual({
				code: demo.code,
				name: demo.name,
				type: demo.type,
				group: providerGroupOf(demo.type),
				regions: expect.arrayContaining([...demo.regions]),
				activities: expect.arrayContaining([...demo.activities]),
				target_groups: expect.arrayContaining([...demo.targetGroups]),
				contract_forms: expect.arrayContaining([...demo.contractForms]),
				benefit_types: expect.arrayContaining([...demo.benefitTypes]),
				active: demo.active
			});
		}
		const text = JSON.stringify(body);
		for (const leak of ['@', '.example', 'provider-', 'approach', 'phone', 'email', 'website', 'euros', 'price_', 'updated']) expect(text).not.toContain(leak);
		for (const demo of demoProviders) {
			expect(text).not.toContain(demo.phone);
			expect(text).not.toContain(demo.approach.slice(0, 40));
		}
	});

	it('pages through every active provider exactly once, keeping the other parameters in the links', async () => {
		const first = await page('page_size=20&type=commercial');
		expect(first.links).toEqual({
			self: '/api/v1/providers?page_size=20&type=commercial&page=1',
			next: '/api/v1/providers?page_size=20&type=commercial&page=2'
		});
		const codes = await allCodes('page_size=7');
		expect(codes).toHaveLength(active.length);
		expect(sorted(codes)).toEqual(codesWhere(() => true));

		const last = await page('page_size=7&page=8');
		expect(last).toMatchObject({ page: 8, page_count: 8, total: active.length });
		expect(last.providers).toHaveLength(active.length - 7 * 7);
		expect(last.links).toEqual({ self: '/api/v1/providers?page_size=7&page=8', prev: '/api/v1/providers?page_size=7&page=7' });
	});

	it('answers a page past the end with no providers, so that a program paging on stops', async () => {
		const body = await page('page=5');
		expect(body).toMatchObject({ page: 5, page_count: 2, total: active.length, providers: [] });
		expect(body.links).toEqual({ self: '/api/v1/providers?page=5', prev: '/api/v1/providers?page=2' });
	});

	it('includes deactivated providers with status=all, marked inactive', async () => {
		const codes = await allCodes('status=all');
		expect(sorted(codes)).toEqual(codesWhere(() => true, demoProviders));
		const inactive = (await page('status=all&page_size=100')).providers.filter((provider) => !provider.active).map((provider) => provider.code);
		expect(sorted(inactive)).toEqual(['koersbepaling-advies', 'plaatsingsbureau-midden']);
		expect(await allCodes('status=active')).toHaveLength(active.length);
	});

	describe('filters', () => {
		const cases: [string, string, (provider: DemoProvider) => boolean][] = [
			['one activity', 'activity=schooling', (p) => p.activities.includes('schooling')],
			[
				'every activity asked for (AND)',
				'activity=schooling&activity=job_mediation',
				(p) => p.activities.includes('schooling') && p.activities.includes('job_mediation')
			],
			['any target group asked for (OR)', 'target_group=young&target_group=addiction', (p) => p.targetGroups.includes('young') || p.targetGroups.includes('addiction')],
			['any provider type asked for (OR)', 'type=sheltered_employment&type=social_service', (p) => p.type === 'sheltered_employment' || p.type === 'social_service'],
			['any contract form asked for (OR)', 'contract_form=no_cure_no_pay', (p) => p.contractForms.includes('no_cure_no_pay')],
			['region', 'region=limburg', (p) => p.regions.includes('limburg')],
			['benefit type', 'benefit=Wajong', (p) => p.benefitTypes.includes('Wajong')],
			['text in the name, any case', 'q=WERKKRACHT', (p) => mentions(p, 'werkkracht')],
			['text in the approach', 'q=Fries', (p) => mentions(p, 'fries')],
			[
				'facets combined',
				'region=utrecht&benefit=WW&contract_form=no_cure_less_pay',
				(p) => p.regions.includes('utrecht') && p.benefitTypes.includes('WW') && p.contractForms.includes('no_cure_less_pay')
			]
		];

		it.each(cases)('%s', async (_name, query, keep) => {
			const expected = codesWhere(keep);
			expect(expected.length, 'a case that tests nothing').toBeGreaterThan(0);
			expect(expected.length, 'a case that filters nothing').toBeLessThan(active.length);
			const body = await page(`${query}&page_size=100`);
			expect(body.total).toBe(expected.length);
			expect(sorted(body.providers.map((provider) => provider.code))).toEqual(expected);
		});

		it('applies filters to deactivated providers too with status=all', async () => {
			const body = await page('status=all&region=zuid_holland&type=commercial&page_size=100');
			expect(sorted(body.providers.map((provider) => provider.code))).toEqual(
				codesWhere((p) => p.regions.includes('zuid_holland') && p.type === 'commercial', demoProviders)
			);
			expect(body.providers.some((provider) => !provider.active)).toBe(true);
		});

		it('sorts by name or by placement rate (no published rates yet: by name)', async () => {
			const byName = await page('page_size=100');
			const byPlacement = await page('page_size=100&sort=placement');
			expect(byPlacement.providers.map((provider) => provider.code)).toEqual(byName.providers.map((provider) => provider.code));
			expect(await page('sort=name')).toMatchObject({ total: active.length });
		});

		it('accepts every parameter name the list page reader knows in English', async () => {
			const samples: Record<keyof typeof englishParameters, string> = {
				activities: 'diagnosis',
				targetGroups: 'young',
				types: 'commercial',
				contractForms: 'fixed_price',
				region: 'utrecht',
				text: 'werk',
				sort: 'name',
				page: '1'
			};
			for (const [facet, name] of Object.entries(englishParameters)) {
				const query = `${name}=${samples[facet as keyof typeof englishParameters]}`;
				expect((await list(query)).status, query).toBe(200);
			}
		});
	});

	describe('refuses what it does not know, with a JSON message naming the parameter', () => {
		const bad: [string, string][] = [
			['activity=diagnosis&activity=juggling', 'activity'],
			['target_group=pirates', 'target_group'],
			['type=public', 'type'],
			['contract_form=free', 'contract_form'],
			['region=mars', 'region'],
			['region=alle', 'region'],
			['region=utrecht&region=limburg', 'region'],
			['benefit=AOW', 'benefit'],
			['status=inactive', 'status'],
			['sort=price', 'sort'],
			['page=0', 'page'],
			['page=two', 'page'],
			['page_size=0', 'page_size'],
			['page_size=101', 'page_size'],
			['page_size=1.5', 'page_size'],
			[`q=${'a'.repeat(101)}`, 'q'],
			['activties=diagnosis', 'activties']
		];

		it.each(bad)('%s', async (query, parameter) => {
			const response = await list(query);
			expect(response.status).toBe(400);
			expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
			expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
			const body = (await response.json()) as { error: string; parameter: string };
			expect(body).toEqual({ error: expect.any(String), parameter });
			expect(body.error.length).toBeGreaterThan(5);
		});

		it('names the codes it knows', async () => {
			const body = (await (await list('activity=juggling')).json()) as { error: string };
			expect(body.error).toContain('"juggling"');
			expect(body.error).toContain('job_mediation');
		});
	});

	describe('ETag', () => {
		it('answers 304 without a body when the tag still matches', async () => {
			const first = await list('region=utrecht');
			const etag = first.headers.get('ETag')!;
			const again = await list('region=utrecht', { 'If-None-Match': etag });
			expect(again.status).toBe(304);
			expect(again.body).toBeNull();
			expect(again.headers.get('ETag')).toBe(etag);
			expect(again.headers.get('Cache-Control')).toBe('public, max-age=60');
			expect(again.headers.get('Access-Control-Allow-Origin')).toBe('*');
		});

		it('compares weakly, within a list of tags, and honours *', async () => {
			const etag = (await list()).headers.get('ETag')!;
			expect((await list('', { 'If-None-Match': etag.replace(/^W\//, '') })).status).toBe(304);
			expect((await list('', { 'If-None-Match': `W/"other", ${etag}` })).status).toBe(304);
			expect((await list('', { 'If-None-Match': '*' })).status).toBe(304);
			expect((await list('', { 'If-None-Match': 'W/"other"' })).status).toBe(200);
		});

		it('is stable for the same answer and differs for another', async () => {
			const a = (await list('region=utrecht')).headers.get('ETag');
			expect((await list('region=utrecht')).headers.get('ETag')).toBe(a);
			expect((await list('region=limburg')).headers.get('ETag')).not.toBe(a);
		});

		it('lets a script on another site send If-None-Match itself (CORS preflight)', async () => {
			const response = await preflightList(event('/api/v1/providers', {}, { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET' }) as unknown as ListEvent);
			expect(response.status).toBe(204);
			expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
			expect(response.headers.get('Access-Control-Allow-Headers')).toBe('If-None-Match');
			expect((await list()).headers.get('Access-Control-Expose-Headers')).toBe('ETag');
		});

		it('changes when the register changes', async () => {
			const before = (await one('loopbaanlicht')).headers.get('ETag')!;
			await testDb.db.updateTable('providers').set({ name: 'Loopbaanlicht B.V.' }).where('code', '=', 'loopbaanlicht').execute();
			try {
				const after = await one('loopbaanlicht', { 'If-None-Match': before });
				expect(after.status).toBe(200);
				expect(after.headers.get('ETag')).not.toBe(before);
			} finally {
				await testDb.db.updateTable('providers').set({ name: 'Loopbaanlicht' }).where('code', '=', 'loopbaanlicht').execute();
			}
		});
	});
});

describe('GET /api/v1/providers/{code}', () => {
	it('answers one provider with the documented fields', async () => {
		const response = await one('loopbaanlicht');
		expect(response.status).toBe(200);
		expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
		expect(await response.json()).toEqual({
			code: 'loopbaanlicht',
			name: 'Loopbaanlicht',
			type: 'commercial',
			group: 'private',
			regions: ['gelderland', 'utrecht', 'noord_holland', 'zuid_holland'],
			activities: ['diagnosis', 'action_plan', 'job_application_training', 'vacancy_collection', 'job_mediation', 'aftercare'],
			target_groups: ['none_specific', 'highly_educated', 'returner'],
			contract_forms: ['no_cure_less_pay', 'fixed_price'],
			benefit_types: ['WW', 'WIA', 'WGA', 'bijstand'],
			active: true
		});
	});

	it('answers a deactivated provider too, marked inactive', async () => {
		const response = await one('koersbepaling-advies');
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ code: 'koersbepaling-advies', active: false });
	});

	it('answers 404 with a JSON message for an unknown code', async () => {
		const response = await one('no-such-provider');
		expect(response.status).toBe(404);
		expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
		expect(await response.json()).toEqual({ error: 'not found' });
	});

	it('answers 304 when the tag still matches', async () => {
		const etag = (await one('werkkracht-oost')).headers.get('ETag')!;
		const again = await one('werkkracht-oost', { 'If-None-Match': etag });
		expect(again.status).toBe(304);
		expect(again.body).toBeNull();
	});
});
