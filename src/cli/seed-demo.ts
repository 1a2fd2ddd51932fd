// Loads the demo data set (invented providers, demo accounts with a published password) into the
// database at DATABASE_URL. Guarded, since demo accounts must never reach a real deployment:
//   REGIE_DEMO=1 npx tsx src/cli/seed-demo.ts
import { parseConfig, type Config } from '../lib/server/config.js';
import { migrateToLatest, openDatabase } from '../lib/server/db/index.js';
import { seedDemo } from '../lib/server/demo/seed.js';

let settings: Config;
try {
	// The config refuses REGIE_DEMO together with NODE_ENV=production.
	settings = parseConfig(process.env);
} catch (error) {
	console.error((error as Error).message);
	process.exit(1);
}
if (!settings.REGIE_DEMO) {
	console.error('seed-demo: refused. Set REGIE_DEMO=1 to load the demo data set (demo accounts share a public password).');
	process.exit(1);
}

const { db } = openDatabase({ url: settings.DATABASE_URL });
try {
	await migrateToLatest(db);
	const { created } = await seedDemo(db);
	console.log(created ? 'seed-demo: demo data set loaded.' : 'seed-demo: demo data set already present; nothing changed.');
} catch (error) {
	console.error(`seed-demo: failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
