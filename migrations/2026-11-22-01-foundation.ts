import type { Kysely } from 'kysely';

// Portable across SQLite and PostgreSQL: text ids made by the application, times as ISO-8601 UTC
// text, booleans as 0/1 integers, JSON as text.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('organisations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull()) // 'uwv' | 'gemeente'
		.addColumn('region', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('providers')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('detailed_type', 'text', (c) => c.notNull())
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('approach', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('website', 'text')
		.addColumn('start_within_weeks', 'integer')
		.addColumn('price_min_euros', 'integer')
		.addColumn('price_max_euros', 'integer')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	for (const [table, column] of [
		['provider_regions', 'region'],
		['provider_activities', 'activity'],
		['provider_target_groups', 'target_group'],
		['provider_contract_forms', 'contract_form'],
		['provider_benefit_types', 'benefit_type']
	] as const) {
		await db.schema
			.createTable(table)
			.addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id').onDelete('cascade'))
			.addColumn(column, 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint(`${table}_pk`, ['provider_id', column])
			.execute();
		await db.schema.createIndex(`${table}_by_${column}`).on(table).column(column).execute();
	}

	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique()) // stored lower-case
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text')
		.addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
		.addColumn('provider_id', 'text', (c) => c.references('providers.id'))
		.addColumn('benefit_type', 'text')
		.addColumn('region', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('activated_at', 'text')
		.execute();
	await db.schema.createIndex('users_by_organisation').on('users').columns(['organisation_id', 'role']).execute();
	await db.schema.createIndex('users_by_provider').on('users').column('provider_id').execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_verified_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('account_invitations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema.createIndex('account_invitations_by_user').on('account_invitations').column('user_id').execute();

	await db.schema
		.createTable('sign_in_failures')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('throttle_key', 'text', (c) => c.notNull())
		.addColumn('failed_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('sign_in_failures_by_key')
		.on('sign_in_failures')
		.columns(['throttle_key', 'failed_at'])
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('occurred_at', 'text', (c) => c.notNull())
		// No foreign key: the log outlives the accounts it mentions.
		.addColumn('actor_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('entity_type', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text')
		.addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
		.execute();
	await db.schema.createIndex('audit_log_by_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
	await db.schema.createIndex('audit_log_by_time').on('audit_log').column('occurred_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'audit_log',
		'sign_in_failures',
		'account_invitations',
		'sessions',
		'users',
		'provider_benefit_types',
		'provider_contract_forms',
		'provider_target_groups',
		'provider_activities',
		'provider_regions',
		'providers',
		'organisations'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
