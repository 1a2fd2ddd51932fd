import { sql, type Kysely } from 'kysely';

// A trajectory links a client, the provider they chose and the organisation that pays; its plan
// holds the draft text both write. Statuses follow the plan lifecycle of the product brief:
// draft → provider_signed → submitted → approved | rejected | changes_requested → active →
// completed | terminated.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('trajectories')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('client_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
		.addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('chosen_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		// Outcome, once recorded: ended_at with placed 1/0 for `completed`.
		.addColumn('ended_at', 'text')
		.addColumn('placed', 'integer')
		.execute();
	await db.schema.createIndex('trajectories_by_provider').on('trajectories').columns(['provider_id', 'status']).execute();
	await db.schema.createIndex('trajectories_by_organisation').on('trajectories').columns(['organisation_id', 'status']).execute();
	// At most one open trajectory per client (a partial index: SQLite and PostgreSQL both have them).
	await db.schema
		.createIndex('trajectories_one_open_per_client')
		.on('trajectories')
		.column('client_id')
		.unique()
		.where(sql.ref('status'), 'not in', ['completed', 'terminated', 'rejected'])
		.execute();

	await db.schema
		.createTable('plans')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('trajectory_id', 'text', (c) => c.notNull().unique().references('trajectories.id').onDelete('cascade'))
		// The draft both sides edit, as JSON; submitted versions are kept apart and never change.
		.addColumn('content', 'text', (c) => c.notNull().defaultTo('{}'))
		// Optimistic concurrency: every save names the version it started from.
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('plans').execute();
	await db.schema.dropTable('trajectories').execute();
}
