import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { criteriaFromParams, dutchParameters, type ProviderCriteria } from '$lib/domain/provider-search';
import { seedDemo } from '$lib/server/demo/seed';
import { countProviders, getProviderByCode, loadProfiles, placementComparison, searchProviders } from './providers';

let testDb: TestDatabase;
const options = { pageSize: 100, publicationMinimum: 30 };
const criteria = (query: string): ProviderCriteria => criteriaFromParams(new URLSearchParams(query), dutchParameters, null);
const search = (query: string, scope = {}) => searchProviders(testDb.db, criteria(query), scope, options);

beforeAll(async () => {
	testDb = await freshDatabase();
	await seedDemo(testDb.db);
});
afterAll(() => testDb.close());

async function allProfiles() {
	const rows = await testDb.db.selectFrom('providers').select('id').execute();
	return loadProfiles(testDb.db, rows.map((row) => row.id));
}

describe('searchProviders', () => {
	it('lists only active providers, by name', async () => {
		const all = await allProfiles();
		const result = await search('');
		expect(result.total).toBe(all.filter((provider) => provider.active).length);
		const names = result.providers.map((provider) => provider.name);
		expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		expect(result.providers.every((provider) => provider.active)).toBe(true);
	});

	it('requires every activity asked for', async () => {
		const result = await search('activiteit=schooling&activiteit=job_mediation');
		const expected = (await allProfiles()).filter((p) => p.active && p.activities.includes('schooling') && p.activities.includes('job_mediation'));
		expect(result.providers.map((p) => p.code).sort()).toEqual(expected.map((p) => p.code).sort());
		expect(result.total).toBeGreaterThan(0);
	});

	it('accepts any of the target groups, types and contract forms asked for', async () => {
		const result = await search('doelgroep=young&doelgroep=older&soort=commercial&soort=sheltered_employment&contract=fixed_price&contract=no_cure_no_pay');
		const expected = (await allProfiles()).filter(
			(p) =>
				p.active &&
				(p.targetGroups.includes('young') || p.targetGroups.includes('older')) &&
				['commercial', 'sheltered_employment'].includes(p.type) &&
				(p.contractForms.includes('fixed_price') || p.contractForms.includes('no_cure_no_pay'))
		);
		expect(result.providers.map((p) => p.code).sort()).toEqual(expected.map((p) => p.code).sort());
	});

	it('limits to a province and to the benefit type of the client', async () => {
		const result = await searchProviders(testDb.db, criteria('regio=overijssel'), { benefitType: 'bijstand' }, options);
		const expected = (await allProfiles()).filter((p) => p.active && p.regions.includes('overijssel') && p.benefitTypes.includes('bijstand'));
		expect(result.providers.map((p) => p.code).sort()).toEqual(expected.map((p) => p.code).sort());
		expect(result.total).toBeGreaterThan(1);
	});

	it('finds text in the name or the approach, in any case, and treats % and _ literally', async () => {
		const [sample] = await allProfiles();
		const word = sample!.name.split(' ')[0]!.toUpperCase();
		const result = await search(`zoek=${encodeURIComponent(word)}`);
		expect(result.providers.map((p) => p.code)).toContain(sample!.code);
		expect((await search('zoek=%25')).total).toBe(0);
		expect((await search('zoek=_')).total).toBe(0);
	});

	it('pages, and clamps a page past the end to the last one', async () => {
		const firstPage = await searchProviders(testDb.db, criteria(''), {}, { ...options, pageSize: 10 });
		const secondPage = await searchProviders(testDb.db, criteria('pagina=2'), {}, { ...options, pageSize: 10 });
		expect(firstPage.providers).toHaveLength(10);
		expect(secondPage.providers[0]!.name >= firstPage.providers[9]!.name).toBe(true);
		const beyond = await searchProviders(testDb.db, criteria('pagina=999'), {}, { ...options, pageSize: 10 });
		expect(beyond.page).toBe(beyond.pageCount);
		expect(beyond.providers.length).toBeGreaterThan(0);
	});

	it('counts what a search would find', async () => {
		expect(await countProviders(testDb.db, criteria('soort=sheltered_employment'), {})).toBe((await search('soort=sheltered_employment')).total);
	});
});

describe('placement rates', () => {
	async function completeTrajectories(providerCode: string, completed: number, placed: number) {
		const provider = await getProviderByCode(testDb.db, providerCode);
		const organisation = await testDb.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
		for (let index = 0; index < completed; index++) {
			const clientId = crypto.randomUUID();
			const at = new Date().toISOString();
			await testDb.db
				.insertInto('users')
				.values({ id: clientId, email: `${clientId}@example.nl`, display_name: 'x', role: 'client', password_hash: null, organisation_id: organisation.id, provider_id: null, benefit_type: 'WW', region: 'utrecht', created_at: at, activated_at: null })
				.execute();
			await testDb.db
				.insertInto('trajectories')
				.values({ id: crypto.randomUUID(), client_id: clientId, provider_id: provider.id, organisation_id: organisation.id, status: 'completed', chosen_at: at, updated_at: at, ended_at: at, placed: index < placed ? 1 : 0 })
				.execute();
		}
		return provider;
	}

	it('shows a rate only from the publication minimum, computed half up', async () => {
		const [first, second] = (await search('soort=commercial')).providers;
		await completeTrajectories(first!.code, 29, 10);
		await completeTrajectories(second!.code, 80, 23);
		const result = await search('soort=commercial&sorteer=placement');
		const byCode = new Map(result.providers.map((p) => [p.code, p.placement]));
		expect(byCode.get(first!.code)).toEqual({ completed: 29, percentage: null });
		expect(byCode.get(second!.code)).toEqual({ completed: 80, percentage: 28.8 });
		// Published rates come first when sorting by placement.
		expect(result.providers[0]!.code).toBe(second!.code);
	});

	it('compares a provider with its type and the whole market', async () => {
		const provider = await getProviderByCode(testDb.db, (await search('soort=commercial&sorteer=placement')).providers[0]!.code);
		const comparison = await placementComparison(testDb.db, provider, 30);
		expect(comparison.provider).toEqual({ completed: 80, percentage: 28.8 });
		expect(comparison.sameType).toEqual({ completed: 109, percentage: 30.3 }); // 33 of 109
		expect(comparison.all).toEqual({ completed: 109, percentage: 30.3 });
	});
});
