import type { Kysely } from 'kysely';

// The plan's lifecycle after the draft (product brief §2): per-organisation rules, every save kept
// as a revision (so a refused save can show what changed), submitted versions frozen with the rule
// checks of that moment, every status transition, in-portal notifications and the mail outbox.

export async function up(db: Kysely<any>): Promise<void> {
	// Limits a paying organisation sets for its plans; without a row the defaults of the brief apply.
	await db.schema
		.createTable('organisation_rules')
		.addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
		.addColumn('budget_cap_cents', 'integer', (c) => c.notNull())
		.addColumn('max_duration_months', 'integer', (c) => c.notNull())
		.addColumn('training_share_flag_percent', 'integer', (c) => c.notNull())
		.addColumn('submission_days', 'integer', (c) => c.notNull())
		.addColumn('extension_days', 'integer', (c) => c.notNull())
		.addColumn('decision_weeks', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text')
		.execute();

	// The language a person last chose, for mails and notifications written while they are away.
	await db.schema.alterTable('users').addColumn('language', 'text').execute();

	await db.schema.alterTable('trajectories').addColumn('extension_requested_at', 'text').execute();
	await db.schema.alterTable('trajectories').addColumn('deadline_reminded_at', 'text').execute();
	await db.schema.alterTable('trajectories').addColumn('submitted_at', 'text').execute();
	await db.schema.alterTable('trajectories').addColumn('placed_on', 'text').execute();
	await db.schema.alterTable('trajectories').addColumn('contract_months', 'integer').execute();
	await db.schema.alterTable('trajectories').addColumn('end_reason', 'text').execute();

	// The provider's signature ("akkoord aanbieder") names the plan version it was given on.
	await db.schema.alterTable('plans').addColumn('signed_version', 'integer').execute();
	await db.schema.alterTable('plans').addColumn('signed_by', 'text').execute();
	await db.schema.alterTable('plans').addColumn('signed_at', 'text').execute();

	// Every saved state of the draft, by version number.
	await db.schema
		.createTable('plan_revisions')
		.addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('saved_at', 'text', (c) => c.notNull())
		.addColumn('saved_by', 'text')
		.addPrimaryKeyConstraint('plan_revisions_pk', ['plan_id', 'version'])
		.execute();

	// A submitted plan: frozen content, the rule checks and limits of that moment, and the decision.
	await db.schema
		.createTable('plan_versions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('trajectory_id', 'text', (c) => c.notNull().references('trajectories.id').onDelete('cascade'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('rules', 'text', (c) => c.notNull())
		.addColumn('rule_checks', 'text', (c) => c.notNull())
		.addColumn('submitted_at', 'text', (c) => c.notNull())
		.addColumn('submitted_by', 'text', (c) => c.notNull())
		.addColumn('decision', 'text')
		.addColumn('decision_reason', 'text')
		.addColumn('decided_at', 'text')
		.addColumn('decided_by', 'text')
		.addUniqueConstraint('plan_versions_number', ['trajectory_id', 'number'])
		.execute();

	await db.schema
		.createTable('trajectory_transitions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('trajectory_id', 'text', (c) => c.notNull().references('trajectories.id').onDelete('cascade'))
		.addColumn('occurred_at', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text', (c) => c.notNull())
		.addColumn('reason', 'text')
		.execute();
	await db.schema.createIndex('trajectory_transitions_by_trajectory').on('trajectory_transitions').columns(['trajectory_id', 'occurred_at']).execute();

	await db.schema
		.createTable('notifications')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('event', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text')
		.addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('read_at', 'text')
		.execute();
	await db.schema.createIndex('notifications_by_user').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();

	// Mails are written here in the transaction of the change that causes them and sent by a worker.
	await db.schema
		.createTable('outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event', 'text', (c) => c.notNull())
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text')
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		// A worker claims a mail until this moment, so that two instances never send it both.
		.addColumn('claimed_until', 'text')
		.addColumn('sent_at', 'text')
		.addColumn('last_error', 'text')
		.execute();
	await db.schema.createIndex('outbox_pending').on('outbox').columns(['sent_at', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('outbox').execute();
	await db.schema.dropTable('notifications').execute();
	await db.schema.dropTable('trajectory_transitions').execute();
	await db.schema.dropTable('plan_versions').execute();
	await db.schema.dropTable('plan_revisions').execute();
	for (const column of ['signed_at', 'signed_by', 'signed_version']) await db.schema.alterTable('plans').dropColumn(column).execute();
	for (const column of ['end_reason', 'contract_months', 'placed_on', 'submitted_at', 'deadline_reminded_at', 'extension_requested_at'])
		await db.schema.alterTable('trajectories').dropColumn(column).execute();
	await db.schema.dropTable('organisation_rules').execute();
	await db.schema.alterTable('users').dropColumn('language').execute();
}
