import type { Kysely } from 'kysely';

// The satisfaction survey (product brief §4): instrument versions with their items, waves,
// invitations (token links), responses given online or imported from paper, their raw answers,
// and the import batches of paper responses.

// Instrument version 1 as literal data: a migration never imports app code, and it must keep
// loading the same rows forever. A unit test checks that these equal `instrumentVersion1`.
// [code, domain, negative, wording_nl, wording_en]; position = index + 1.
export const instrumentVersion1Items: ReadonlyArray<readonly [string, string, boolean, string, string]> = [
	['mw1', 'maatwerk', false, 'Ik kreeg persoonlijke aandacht.', 'I got personal attention.'],
	['mw2', 'maatwerk', false, 'Er werd rekening gehouden met wat ik kan.', 'They took into account what I am able to do.'],
	['mw3', 'maatwerk', false, 'Ik mocht meebeslissen over wat er in mijn traject zat.', 'I had a say in what my trajectory included.'],
	['mw4', 'maatwerk', false, 'Het traject paste bij mijn wensen.', 'The trajectory suited what I wanted.'],
	['mw5', 'maatwerk', true, 'Het traject was te beperkt.', 'The trajectory was too limited.'],
	['mw6', 'maatwerk', true, 'Er zaten onderdelen in waar ik niets aan had.', 'Some parts of it were of no use to me.'],
	['mw7', 'maatwerk', false, 'Het traject was wat ik nodig had.', 'The trajectory was what I needed.'],
	['kd1', 'kwaliteit', false, 'Ik kreeg genoeg informatie.', 'I got enough information.'],
	['kd2', 'kwaliteit', false, 'Mijn contactpersoon was goed bereikbaar.', 'My contact person was easy to reach.'],
	['kd3', 'kwaliteit', false, 'Afspraken werden nagekomen.', 'They did what they agreed to do.'],
	['kd4', 'kwaliteit', false, 'Er was genoeg tijd en aandacht voor mij.', 'There was enough time and attention for me.'],
	['kd5', 'kwaliteit', false, 'Ik werd netjes behandeld.', 'I was treated with respect.'],
	['kd6', 'kwaliteit', true, 'Ik moest vaak wachten tussen onderdelen van het traject.', 'I often had to wait between parts of the trajectory.'],
	['mv1', 'meerwaarde', false, 'Door het traject vind ik sneller werk.', 'Because of the trajectory, I will find work sooner.'],
	['mv2', 'meerwaarde', false, 'Ik maak nu meer kans op werk.', 'I now have a better chance of finding work.'],
	['mv3', 'meerwaarde', false, 'Ik heb meer zin om te werken.', 'I am more motivated to work.'],
	['mv4', 'meerwaarde', false, 'Ik voel me meer verplicht om te werken.', 'I feel more obliged to work.'],
	['mv5', 'meerwaarde', true, 'Het traject was weggegooid geld.', 'The trajectory was a waste of money.'],
	['vh1', 'vaardigheden', false, 'Ik heb dingen geleerd die ik in een baan kan gebruiken.', 'I learned things I can use in a job.'],
	['vh2', 'vaardigheden', false, 'Ik kan beter solliciteren dan voor het traject.', 'I am better at applying for jobs than before the trajectory.'],
	['vh3', 'vaardigheden', false, 'Ik heb dingen geleerd die ik nog niet wist.', 'I learned things I did not know before.']
];

const PUBLISHED_AT = '2026-11-22T00:00:00.000Z';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('instrument_versions')
		.addColumn('version', 'integer', (c) => c.primaryKey())
		// `draft` while the admin edits it; `published` versions never change.
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('published_at', 'text')
		.execute();

	await db.schema
		.createTable('instrument_items')
		.addColumn('version', 'integer', (c) => c.notNull().references('instrument_versions.version').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('domain', 'text', (c) => c.notNull())
		.addColumn('negative', 'integer', (c) => c.notNull())
		.addColumn('wording_nl', 'text', (c) => c.notNull())
		.addColumn('wording_en', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('instrument_items_pk', ['version', 'code'])
		.addUniqueConstraint('instrument_items_position', ['version', 'position'])
		.execute();

	await db.schema
		.createTable('survey_waves')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('survey_invitations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		.addColumn('trajectory_id', 'text', (c) => c.notNull().references('trajectories.id'))
		.addColumn('wave', 'text', (c) => c.notNull().references('survey_waves.name'))
		.addColumn('instrument_version', 'integer', (c) => c.notNull().references('instrument_versions.version'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('reminded_at', 'text')
		.addColumn('completed_at', 'text')
		// One invitation per trajectory per wave.
		.addUniqueConstraint('survey_invitations_one_per_wave', ['trajectory_id', 'wave'])
		.execute();
	await db.schema.createIndex('survey_invitations_by_wave').on('survey_invitations').columns(['wave', 'completed_at']).execute();

	await db.schema
		.createTable('survey_import_batches')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('wave', 'text', (c) => c.notNull().references('survey_waves.name'))
		.addColumn('checksum', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('imported_by', 'text')
		.addColumn('imported_at', 'text', (c) => c.notNull())
		// JSON: responses stored per provider group.
		.addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
		.execute();
	await db.schema.createIndex('survey_import_batches_by_checksum').on('survey_import_batches').columns(['wave', 'checksum']).execute();

	await db.schema
		.createTable('survey_responses')
		.addColumn('id', 'text', (c) => c.primaryKey())
		// Null for paper responses; at most one response per invitation.
		.addColumn('invitation_id', 'text', (c) => c.unique().references('survey_invitations.id'))
		// Kept for aggregation only; researchers never see it.
		.addColumn('trajectory_id', 'text', (c) => c.references('trajectories.id'))
		.addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
		.addColumn('wave', 'text', (c) => c.notNull().references('survey_waves.name'))
		.addColumn('instrument_version', 'integer', (c) => c.notNull().references('instrument_versions.version'))
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('import_batch_id', 'text', (c) => c.references('survey_import_batches.id'))
		.addColumn('started_at', 'text', (c) => c.notNull())
		.addColumn('completed_at', 'text')
		.addColumn('overall', 'integer')
		.addColumn('comment', 'text')
		// The last page saved (0 = none yet), so that a person resumes where they left off.
		.addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createIndex('survey_responses_by_provider')
		.on('survey_responses')
		.columns(['provider_id', 'wave', 'completed_at'])
		.execute();
	await db.schema.createIndex('survey_responses_by_wave').on('survey_responses').columns(['wave', 'completed_at']).execute();
	await db.schema.createIndex('survey_responses_by_batch').on('survey_responses').column('import_batch_id').execute();

	await db.schema
		.createTable('survey_answers')
		.addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
		.addColumn('item_code', 'text', (c) => c.notNull())
		// The raw code as ticked (`ja`, `een_beetje`, `nee`), before reverse coding; a skip is no row.
		.addColumn('answer', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'item_code'])
		.execute();

	await db.insertInto('instrument_versions').values({ version: 1, status: 'published', created_at: PUBLISHED_AT, published_at: PUBLISHED_AT }).execute();
	await db
		.insertInto('instrument_items')
		.values(
			instrumentVersion1Items.map(([code, domain, negative, nl, en], index) => ({
				version: 1,
				code,
				domain,
				negative: negative ? 1 : 0,
				wording_nl: nl,
				wording_en: en,
				position: index + 1
			}))
		)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('survey_answers').execute();
	await db.schema.dropTable('survey_responses').execute();
	await db.schema.dropTable('survey_import_batches').execute();
	await db.schema.dropTable('survey_invitations').execute();
	await db.schema.dropTable('survey_waves').execute();
	await db.schema.dropTable('instrument_items').execute();
	await db.schema.dropTable('instrument_versions').execute();
}
