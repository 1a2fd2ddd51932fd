import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { migrateToLatest } from '$lib/server/db';
import { migrationProvider } from '$lib/server/db/migration-provider';

/**
 * Migration 09 makes trajectories.client_id and plan_versions.submitted_by nullable; on SQLite by
 * rebuilding the tables. The rebuilt tables must keep their indexes and foreign keys, and the
 * migration must go down and up again.
 */

const ERASURE_MIGRATION = '2026-11-22-09-client-erasure';
let testDb: TestDatabase;
const now = new Date().toISOString();

beforeAll(async () => {
	testDb = await freshDatabase();
	const db = testDb.db;
	await db.insertInto('organisations').values({ id: 'org', code: 'org', name: 'Org', kind: 'uwv', region: null, created_at: now }).execute();
	await db.insertInto('providers').values({ id: 'prov', code: 'prov', name: 'Prov', detailed_type: 'commercial', email: null, phone: null, website: null, start_within_weeks: null, price_min_euros: null, price_max_euros: null, created_at: now, updated_at: now }).execute();
	await db
		.insertInto('users')
		.values({ id: 'client', email: 'c@example.nl', display_name: 'C', role: 'client', password_hash: null, organisation_id: 'org', provider_id: null, benefit_type: 'WW', region: null, created_at: now, activated_at: now })
		.execute();
});
afterAll(() => testDb.close());

const trajectory = (id: string, clientId: string | null, status = 'draft') => ({
	id,
	client_id: clientId as string,
	provider_id: 'prov',
	organisation_id: 'org',
	status,
	chosen_at: now,
	updated_at: now,
	ended_at: null,
	placed: null
});

describe('migration 09 (client erasure)', () => {
	it('lets a trajectory and a plan version lose their client, and keeps indexes and foreign keys', async () => {
		const db = testDb.db;
		await db.insertInto('trajectories').values(trajectory('t-anonymous', null, 'completed')).execute();
		await db
			.insertInto('plan_versions')
			.values({ id: 'v1', trajectory_id: 't-anonymous', number: 1, content: '{}', rules: '{}', rule_checks: '[]', submitted_at: now, submitted_by: null, decision: null, decision_reason: null, decided_at: null, decided_by: null })
			.execute();
		// Still one open trajectory per client, and only for clients that exist.
		await db.insertInto('trajectories').values(trajectory('t-open', 'client')).execute();
		await expect(db.insertInto('trajectories').values(trajectory('t-open-2', 'client')).execute()).rejects.toThrow();
		await expect(db.insertInto('trajectories').values(trajectory('t-nobody', 'nobody')).execute()).rejects.toThrow();
		// Children still cascade from the rebuilt table.
		await db.insertInto('plans').values({ id: 'p-open', trajectory_id: 't-open', updated_at: now, updated_by: null }).execute();
		await db.deleteFrom('trajectories').where('id', '=', 't-open').execute();
		expect(await db.selectFrom('plans').select('id').where('id', '=', 'p-open').execute()).toEqual([]);
		await expect(db.insertInto('plans').values({ id: 'p-nothing', trajectory_id: 'nothing', updated_at: now, updated_by: null }).execute()).rejects.toThrow();
	});

	it('goes down (while nothing was erased) and up again', async () => {
		const db = testDb.db;
		await db.deleteFrom('plan_versions').execute();
		await db.deleteFrom('trajectories').execute();
		const migrator = new Migrator({ db, provider: migrationProvider() });
		const names = (await migrator.getMigrations()).map((migration) => migration.name);
		const previous = names[names.indexOf(ERASURE_MIGRATION) - 1]!;
		const down = await migrator.migrateTo(previous);
		expect(down.error).toBeUndefined();
		await expect(db.insertInto('trajectories').values(trajectory('t-down', null)).execute()).rejects.toThrow();
		await db.insertInto('trajectories').values(trajectory('t-kept', 'client')).execute();
		expect(await migrateToLatest(db)).toContain(ERASURE_MIGRATION);
		expect(await db.selectFrom('trajectories').select(['id', 'client_id']).execute()).toEqual([{ id: 't-kept', client_id: 'client' }]);
		await db.insertInto('trajectories').values(trajectory('t-up', null, 'completed')).execute();
		await expect(db.insertInto('trajectories').values(trajectory('t-open-2', 'client')).execute()).rejects.toThrow();
	});
});
