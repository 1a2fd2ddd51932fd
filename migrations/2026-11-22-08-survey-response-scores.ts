import { sql, type Kysely } from 'kysely';

// Stored scale scores (issue 6): a completed response keeps its category per survey domain
// (`ja`, `een_beetje`, `nee`; null when too few of the domain's items were answered), computed by
// the scoring module when the response is completed, so that the tables count them with GROUP BY
// instead of scoring every answer again. They sit on the response row itself: it already holds
// everything the tables select and group by (wave, provider, period, instrument version).
//
// `scored` is 0 until the scores are stored. Responses completed before this migration (and any
// written without going through the services) are scored afterwards by the application; the
// partial index finds them, and costs one probe when there are none.
//
// The covering index replaces survey_responses_by_provider (its first three columns are the same):
// the tables read it alone, in provider order, without touching the rows.

const domains = ['maatwerk', 'kwaliteit', 'meerwaarde', 'vaardigheden'] as const;

export async function up(db: Kysely<any>): Promise<void> {
	// SQLite adds one column per ALTER TABLE.
	for (const domain of domains) {
		await db.schema.alterTable('survey_responses').addColumn(`score_${domain}`, 'text').execute();
	}
	await db.schema
		.alterTable('survey_responses')
		.addColumn('scored', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.dropIndex('survey_responses_by_provider').execute();
	await db.schema
		.createIndex('survey_responses_scores_by_provider')
		.on('survey_responses')
		.columns(['provider_id', 'wave', 'completed_at', ...domains.map((domain) => `score_${domain}`)])
		.execute();
	await db.schema
		.createIndex('survey_responses_unscored')
		.on('survey_responses')
		.column('id')
		.where(sql<boolean>`completed_at is not null and scored = 0`)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('survey_responses_unscored').execute();
	await db.schema.dropIndex('survey_responses_scores_by_provider').execute();
	await db.schema
		.createIndex('survey_responses_by_provider')
		.on('survey_responses')
		.columns(['provider_id', 'wave', 'completed_at'])
		.execute();
	await db.schema.alterTable('survey_responses').dropColumn('scored').execute();
	for (const domain of domains) {
		await db.schema.alterTable('survey_responses').dropColumn(`score_${domain}`).execute();
	}
}
