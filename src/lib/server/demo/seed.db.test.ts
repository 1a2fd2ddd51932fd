import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '$lib/server/auth/password';
import type { Db } from '$lib/server/db';
import { payerKindFor, providerGroupOf, providerTypes, regions, type BenefitType } from '$lib/domain/reference';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { demoProviders } from './providers';
import { DEMO_PASSWORD, demoAccounts, DEMO_PROVIDER_ID, demoUserId, ORG_GEMEENTE_UTRECHT_ID, ORG_GEMEENTE_ZWOLLE_ID, ORG_UWV_ID, seedDemo } from './seed';

const countedTables = [
	'organisations',
	'providers',
	'provider_regions',
	'provider_activities',
	'provider_target_groups',
	'provider_contract_forms',
	'provider_benefit_types',
	'users',
	'trajectories',
	'plan_versions',
	'audit_log'
] as const;

async function counts(db: Db): Promise<Record<string, number>> {
	const result: Record<string, number> = {};
	for (const table of countedTables) {
		const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		result[table] = Number(row.n);
	}
	return result;
}

describe('the demo providers', () => {
	it('are plausible register entries', () => {
		expect(new Set(demoProviders.map((p) => p.code)).size).toBe(demoProviders.length);
		expect(new Set(demoProviders.map((p) => p.name)).size).toBe(demoProviders.length);
		for (const p of demoProviders) {
			expect(p.approach.split(/[.?!](\s|$)/).filter((s) => s.trim()).length, p.code).toBeGreaterThanOrEqual(2);
			expect(p.startWithinWeeks, p.code).toBeGreaterThanOrEqual(1);
			expect(p.startWithinWeeks, p.code).toBeLessThanOrEqual(6);
			expect(p.priceMinEuros, p.code).toBeLessThan(p.priceMaxEuros);
			expect(p.priceMaxEuros, p.code).toBeLessThanOrEqual(5000);
			expect([1, 2, 3, 4, regions.length], p.code).toContain(p.regions.length);
			expect(p.activities.length, p.code).toBeGreaterThanOrEqual(3);
			expect(p.activities.length, p.code).toBeLessThanOrEqual(8);
			expect(p.targetGroups.length, p.code).toBeGreaterThanOrEqual(1);
			expect(p.targetGroups.length, p.code).toBeLessThanOrEqual(5);
			expect(p.contractForms.length, p.code).toBeGreaterThanOrEqual(1);
			if (providerGroupOf(p.type) !== 'private') expect(p.benefitTypes, p.code).toContain('bijstand');
		}
		expect(demoProviders.filter((p) => p.regions.length === regions.length).length).toBeGreaterThanOrEqual(2);
	});
});

describe('seedDemo', () => {
	let testDb: TestDatabase;
	let db: Db;

	beforeAll(async () => {
		testDb = await freshDatabase();
		db = testDb.db;
		expect(await seedDemo(db)).toEqual({ created: true });
	});
	afterAll(() => testDb.close());

	it('loads at least 45 providers of every detailed type', async () => {
		const providers = await db.selectFrom('providers').select(['detailed_type', 'active']).execute();
		expect(providers.length).toBeGreaterThanOrEqual(45);
		for (const type of providerTypes) {
			expect(providers.filter((p) => p.detailed_type === type).length, type).toBeGreaterThanOrEqual(2);
		}
		expect(providers.filter((p) => p.active === 0)).toHaveLength(2);
	});

	it('has every province served by at least two active providers', async () => {
		const rows = await db
			.selectFrom('provider_regions')
			.innerJoin('providers', 'providers.id', 'provider_regions.provider_id')
			.where('providers.active', '=', 1)
			.select(['provider_regions.region', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('provider_regions.region')
			.execute();
		const served = new Map(rows.map((row) => [row.region, Number(row.n)]));
		for (const region of regions) expect(served.get(region) ?? 0, region).toBeGreaterThanOrEqual(2);
	});

	it('gives every provider activities, target groups, contract forms and benefit types', async () => {
		const ids = (await db.selectFrom('providers').select('id').execute()).map((p) => p.id);
		for (const table of [
			'provider_regions',
			'provider_activities',
			'provider_target_groups',
			'provider_contract_forms',
			'provider_benefit_types'
		] as const) {
			const covered = new Set((await db.selectFrom(table).select('provider_id').execute()).map((r) => r.provider_id));
			expect(ids.filter((id) => !covered.has(id)), table).toEqual([]);
		}
	});

	it('creates every demo account with its role, organisation, provider and password', async () => {
		for (const demo of demoAccounts) {
			const user = await db.selectFrom('users').selectAll().where('email', '=', demo.email).executeTakeFirst();
			expect(user, demo.email).toBeDefined();
			expect(user).toMatchObject({
				role: demo.role,
				display_name: demo.displayName,
				organisation_id: demo.organisationId,
				provider_id: demo.providerId,
				benefit_type: demo.benefitType,
				region: demo.region
			});
			expect(user!.activated_at).not.toBeNull();
			expect(await verifyPassword(user!.password_hash, DEMO_PASSWORD), demo.email).toBe(true);
		}
		expect(demoAccounts.map((a) => a.role)).toEqual(expect.arrayContaining(['client', 'provider', 'reviewer', 'researcher', 'admin']));
	});

	it('links provider@ to a commercial provider that serves Utrecht and WW', async () => {
		const provider = await db.selectFrom('providers').selectAll().where('id', '=', DEMO_PROVIDER_ID).executeTakeFirstOrThrow();
		expect(provider).toMatchObject({ detailed_type: 'commercial', active: 1 });
		const region = await db
			.selectFrom('provider_regions')
			.select('region')
			.where('provider_id', '=', DEMO_PROVIDER_ID)
			.where('region', '=', 'utrecht')
			.executeTakeFirst();
		const benefit = await db
			.selectFrom('provider_benefit_types')
			.select('benefit_type')
			.where('provider_id', '=', DEMO_PROVIDER_ID)
			.where('benefit_type', '=', 'WW')
			.executeTakeFirst();
		expect(region).toBeDefined();
		expect(benefit).toBeDefined();
	});

	it('puts the two clients with different organisations of the kind that pays their benefit', async () => {
		const clients = await db
			.selectFrom('users')
			.innerJoin('organisations', 'organisations.id', 'users.organisation_id')
			.select(['users.benefit_type', 'users.organisation_id', 'organisations.kind'])
			.where('users.role', '=', 'client')
			.where('users.email', 'in', demoAccounts.map((account) => account.email))
			.execute();
		expect(clients).toHaveLength(2);
		expect(clients[0]!.organisation_id).not.toBe(clients[1]!.organisation_id);
		for (const client of clients) expect(client.kind).toBe(payerKindFor(client.benefit_type as BenefitType));
	});

	it('gives the demo accounts no trajectory, so the client journey starts from nothing', async () => {
		const ids = demoAccounts.map((account) => demoUserId(account.email));
		const trajectories = await db.selectFrom('trajectories').select('id').where('client_id', 'in', ids).execute();
		expect(trajectories).toEqual([]);
	});

	it('adds trajectories in every reviewer queue, each consistent with its client, provider and stored checks', async () => {
		const rows = await db
			.selectFrom('trajectories')
			.innerJoin('users', 'users.id', 'trajectories.client_id')
			.select(['trajectories.id', 'trajectories.status', 'trajectories.organisation_id', 'trajectories.provider_id', 'trajectories.submitted_at', 'users.benefit_type', 'users.organisation_id as client_organisation'])
			.execute();
		expect(rows.length).toBeGreaterThanOrEqual(5);
		const submittedPerOrganisation = new Set(rows.filter((row) => row.status === 'submitted').map((row) => row.organisation_id));
		expect(submittedPerOrganisation).toEqual(new Set([ORG_UWV_ID, ORG_GEMEENTE_ZWOLLE_ID, ORG_GEMEENTE_UTRECHT_ID]));
		for (const row of rows) {
			expect(row.organisation_id, row.id).toBe(row.client_organisation);
			const serves = await db
				.selectFrom('provider_benefit_types')
				.select('provider_id')
				.where('provider_id', '=', row.provider_id)
				.where('benefit_type', '=', row.benefit_type!)
				.executeTakeFirst();
			expect(serves, row.id).toBeDefined();
			const versions = await db.selectFrom('plan_versions').select(['rule_checks', 'decision']).where('trajectory_id', '=', row.id).execute();
			if (row.submitted_at === null) expect(versions).toEqual([]);
			else {
				expect(versions).toHaveLength(1);
				expect(JSON.parse(versions[0]!.rule_checks)).toHaveLength(5);
				expect(versions[0]!.decision === null).toBe(row.status === 'submitted');
			}
		}
	});

	it('records that the demo data set was loaded', async () => {
		const entry = await db.selectFrom('audit_log').selectAll().where('action', '=', 'demo.seeded').executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ actor_id: null, entity_type: 'system' });
	});

	it('changes nothing when loaded again', async () => {
		const before = await counts(db);
		expect(await seedDemo(db)).toEqual({ created: false });
		expect(await counts(db)).toEqual(before);
	});
});
