// `npm run migrate`: bring the database at DATABASE_URL (default ./data/regie.db) up to date, then
// store the scale scores of completed responses that have none yet (those completed before
// migration 08), so that the first table after an upgrade does not have to.
import { parseConfig } from '../lib/server/config.js';
import { migrateToLatest, openDatabase } from '../lib/server/db/index.js';
import { scoreUnscoredResponses } from '../lib/server/services/survey-scores.js';

let settings;
try {
	settings = parseConfig(process.env);
} catch (error) {
	console.error((error as Error).message);
	process.exit(1);
}
const { db } = openDatabase({ url: settings.DATABASE_URL });
try {
	const applied = await migrateToLatest(db);
	console.log(applied.length ? `migrate: applied ${applied.join(', ')}` : 'migrate: database is up to date');
	const scored = await scoreUnscoredResponses(db);
	if (scored > 0) console.log(`migrate: stored the scale scores of ${scored} completed survey responses`);
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
