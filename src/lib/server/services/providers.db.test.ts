import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { criteriaFromParams, dutchParameters, type ProviderCriteria } from '$lib/domain/provider-search';
import { seedDemo } from '$lib/server/demo/seed';
import { countProviders, forgetProviderFigures, getProviderByCode, loadProfiles, marketComparison, searchProviders } from './providers';

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
		// The list's figures are kept for a minute: what was read before the new trajectories stays.
		expect((await search('soort=commercial')).providers[1]!.placement).toEqual({ completed: 0, percentage: null });
		forgetProviderFigures(testDb.db);
		const result = await search('soort=commercial&sorteer=placement');
		const byCode = new Map(result.providers.map((p) => [p.code, p.placement]));
		expect(byCode.get(first!.code)).toEqual({ completed: 29, percentage: null });
		expect(byCode.get(second!.code)).toEqual({ completed: 80, percentage: 28.8 });
		// Published rates come first when sorting by placement.
		expect(result.providers[0]!.code).toBe(second!.code);
	});

	it('compares a provider with its type and the whole market', async () => {
		const provider = await getProviderByCode(testDb.db, (await search('soort=commercial&sorteer=placement')).providers[0]!.code);
		const comparison = (await marketComparison(testDb.db, provider, 30)).placement;
		expect(comparison.provider).toEqual({ completed: 80, percentage: 28.8 });
		expect(comparison.sameType).toEqual({ completed: 109, percentage: 30.3 }); // 33 of 109
		expect(comparison.all).toEqual({ completed: 109, percentage: 30.3 });
	});
});

describe('the register kept in memory', () => {
	it('sees a change to the register at once', async () => {
		const [provider] = (await search('soort=commercial')).providers;
		await testDb.db.updateTable('providers').set({ name: 'Aaaa Eerst', updated_at: new Date(Date.now() + 1000).toISOString() }).where('id', '=', provider!.id).execute();
		const [firstNow] = (await search('')).providers;
		expect(firstNow).toMatchObject({ id: provider!.id, name: 'Aaaa Eerst' });
		await testDb.db.insertInto('provider_regions').values({ provider_id: provider!.id, region: 'zeeland' }).onConflict((oc) => oc.doNothing()).execute();
		await testDb.db.updateTable('providers').set({ updated_at: new Date(Date.now() + 2000).toISOString() }).where('id', '=', provider!.id).execute();
		expect((await search('regio=zeeland')).providers.map((p) => p.id)).toContain(provider!.id);
	});

	it('sees a change that leaves updated_at as it was (two edits in one millisecond, a clock behind)', async () => {
		const [provider] = (await search('')).providers;
		const before = await testDb.db.selectFrom('providers').select('updated_at').where('id', '=', provider!.id).executeTakeFirstOrThrow();
		await testDb.db.updateTable('providers').set({ name: 'Aaaa Nog Eerder', updated_at: before.updated_at }).where('id', '=', provider!.id).execute();
		expect((await search('')).providers[0]).toMatchObject({ id: provider!.id, name: 'Aaaa Nog Eerder' });
		await testDb.db.updateTable('providers').set({ active: 0, updated_at: before.updated_at }).where('id', '=', provider!.id).execute();
		expect((await search('')).providers.map((p) => p.id)).not.toContain(provider!.id);
	});

	it('counts every insert, update and delete of a provider in the register version', async () => {
		const version = async () => (await testDb.db.selectFrom('register_version').select('version').executeTakeFirstOrThrow()).version;
		const start = await version();
		const now = new Date().toISOString();
		const row = { id: 'version-test', code: 'version-test', name: 'Versietest', detailed_type: 'commercial', email: null, phone: null, website: null, start_within_weeks: null, price_min_euros: null, price_max_euros: null, created_at: now, updated_at: now };
		await testDb.db.insertInto('providers').values(row).execute();
		expect(await version()).toBe(start + 1);
		await testDb.db.updateTable('providers').set({ name: 'Versietest 2' }).where('id', '=', row.id).execute();
		expect(await version()).toBe(start + 2);
		await testDb.db.deleteFrom('providers').where('id', '=', row.id).execute();
		expect(await version()).toBe(start + 3);
	});
});

describe('sort by satisfaction', () => {
	/** Completed responses for a provider: `yes` of them satisfied in every domain, the rest not. */
	async function respond(providerId: string, count: number, yes: number) {
		const satisfied = { mw1: 'ja', mw2: 'ja', mw3: 'ja', mw4: 'ja', mw5: 'nee', mw6: 'nee', mw7: 'ja', kd1: 'ja', kd2: 'ja', kd3: 'ja', kd4: 'ja', kd5: 'ja', kd6: 'nee' };
		const unsatisfied = { mw1: 'nee', mw2: 'nee', mw3: 'nee', mw4: 'nee', mw5: 'ja', mw6: 'ja', mw7: 'nee', kd1: 'nee', kd2: 'nee', kd3: 'nee', kd4: 'nee', kd5: 'nee', kd6: 'ja' };
		for (let index = 0; index < count; index++) {
			const id = crypto.randomUUID();
			const at = new Date().toISOString();
			await testDb.db
				.insertInto('survey_responses')
				.values({ id, invitation_id: null, trajectory_id: null, provider_id: providerId, wave: 'sort-test', instrument_version: 1, source: 'paper', import_batch_id: null, started_at: at, completed_at: at, overall: null, comment: null })
				.execute();
			const answers = index < yes ? satisfied : unsatisfied;
			await testDb.db.insertInto('survey_answers').values(Object.entries(answers).map(([item_code, answer]) => ({ response_id: id, item_code, answer }))).execute();
		}
	}

	it('puts published satisfaction first, most satisfied first, and the rest by name without a number', async () => {
		await testDb.db.insertInto('survey_waves').values({ name: 'sort-test', created_at: new Date().toISOString() }).execute();
		const byName = (await search('soort=commercial')).providers;
		const [a, b, c, d] = byName;
		await respond(a!.id, 40, 20); // 50 % satisfied
		await respond(b!.id, 30, 27); // 90 %
		await respond(c!.id, 29, 29); // 100 %, but one short of the minimum
		await respond(d!.id, 30, 24); // 80 %
		forgetProviderFigures(testDb.db);
		const sorted = (await search('soort=commercial&sorteer=satisfaction')).providers;
		expect(sorted.slice(0, 3).map((p) => p.id)).toEqual([b!.id, d!.id, a!.id]);
		// Below the minimum: after every published one, in name order with the others, no figures.
		const rest = sorted.slice(3);
		expect(rest.map((p) => p.id)).toEqual(byName.filter((p) => ![a, b, d].includes(p)).map((p) => p.id));
		const below = sorted.find((p) => p.id === c!.id)!;
		expect(below.satisfaction.maatwerk).toEqual({ respondents: 29, cells: null });
		expect(sorted[0]!.satisfaction.maatwerk.cells?.pct.ja).toBe(90);
		expect(sorted.length).toBe(byName.length);
	});
});
