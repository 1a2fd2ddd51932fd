// Imports paper survey responses from a CSV file into a wave (issue 5), all or nothing:
//   npx tsx src/cli/import-responses.ts --wave NAME [--force] FILE.csv
// The database is the one at DATABASE_URL (default ./data/regie.db), migrated first.
// Exit code 0 when stored; 1 when the file is rejected, already imported, or the import fails; 2 on usage errors.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { UserActor } from '../lib/domain/actor.js';
import { migrateToLatest, openDatabase } from '../lib/server/db/index.js';
import { describeProblem, importPaperResponses } from '../lib/server/services/survey-import.js';

const usage = 'usage: import-responses --wave NAME [--force] FILE.csv';

let wave: string;
let force: boolean;
let file: string;
try {
	const { values, positionals } = parseArgs({
		options: { wave: { type: 'string' }, force: { type: 'boolean', default: false } },
		allowPositionals: true
	});
	if (!values.wave || positionals.length !== 1) throw new Error('give one --wave and one file');
	wave = values.wave;
	force = values.force ?? false;
	file = positionals[0]!;
} catch (error) {
	console.error(`import-responses: ${(error as Error).message}\n${usage}`);
	process.exit(2);
}

let content: Uint8Array;
try {
	content = await readFile(file);
} catch (error) {
	console.error(`import-responses: cannot read ${file}: ${(error as Error).message}`);
	process.exit(2);
}

// Whoever runs this has shell and database access: an administrator. The audit log names the tool.
const commandLine: UserActor = {
	kind: 'user',
	id: 'cli:import-responses',
	role: 'admin',
	displayName: 'import-responses (command line)',
	email: '',
	organisationId: null,
	providerId: null
};

const { db } = openDatabase({ url: process.env.DATABASE_URL });
try {
	await migrateToLatest(db);
	const outcome = await importPaperResponses(db, commandLine, { wave, fileName: path.basename(file), content, force });
	if (outcome.kind === 'imported') {
		const groups = Object.entries(outcome.perGroup)
			.map(([group, count]) => `${group} ${count}`)
			.join(', ');
		console.log(`import-responses: stored ${outcome.stored} responses in wave ${wave} (${groups}).`);
	} else if (outcome.kind === 'duplicate') {
		console.error(`import-responses: this file was already imported into wave ${wave} on ${outcome.importedAt}; nothing stored. Use --force to import it again.`);
		process.exitCode = 1;
	} else {
		console.error(`import-responses: file rejected, nothing stored. ${outcome.problems.length} problem(s):`);
		for (const problem of outcome.problems) console.error(`  ${describeProblem(problem)}`);
		process.exitCode = 1;
	}
} catch (error) {
	console.error(`import-responses: failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
