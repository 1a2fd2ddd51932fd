// `npm run migrate`: bring the database at DATABASE_URL (default ./data/regie.db) up to date.
import { parseConfig } from '../lib/server/config.js';
import { migrateToLatest, openDatabase } from '../lib/server/db/index.js';

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
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
