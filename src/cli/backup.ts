// `npm run backup -- [--force] FILE`: an online backup of the SQLite database at DATABASE_URL
// (default ./data/regie.db) into FILE while the portal keeps serving. The copy is checked with
// PRAGMA integrity_check before it is reported. PostgreSQL: refused, with the pg_dump command to use.
// Exit code 0 when the backup is written; 2 when refused (PostgreSQL, FILE exists, no database, usage);
// 1 when the backup fails.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig } from '../lib/server/config.js';
import { BackupRefused, backupSqlite, formatBytes } from '../lib/server/db/backup.js';

const usage = 'usage: npm run backup -- [--force] FILE';

export async function runBackup(argv: string[], env: Record<string, string | undefined>, log = console.log, warn = console.error): Promise<number> {
	let file: string;
	let force: boolean;
	let url: string | undefined;
	try {
		const { values, positionals } = parseArgs({ args: argv, options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
		if (positionals.length !== 1) throw new Error('give one backup file');
		file = positionals[0]!;
		force = values.force ?? false;
		url = parseConfig(env).DATABASE_URL;
	} catch (error) {
		warn(`backup: ${(error as Error).message}\n${usage}`);
		return 2;
	}
	let lastPercent = -1;
	try {
		const result = await backupSqlite({
			url,
			destination: file,
			force,
			onProgress: ({ totalPages, remainingPages }) => {
				const percent = totalPages ? Math.floor(((totalPages - remainingPages) / totalPages) * 100) : 100;
				if (percent >= lastPercent + 10 || (percent === 100 && lastPercent !== 100)) {
					lastPercent = percent;
					log(`backup: ${percent}% (${totalPages - remainingPages} of ${totalPages} pages)`);
				}
			}
		});
		const restarts = result.restarts ? `, restarted ${result.restarts}× by concurrent writes` : '';
		log(`backup: ${result.source} → ${result.destination}: ${formatBytes(result.bytes)} (${result.bytes} bytes, ${result.pages} pages${restarts}), integrity_check ok`);
		return 0;
	} catch (error) {
		warn(`backup: ${error instanceof BackupRefused ? 'refused: ' : 'failed: '}${(error as Error).message}`);
		return error instanceof BackupRefused ? 2 : 1;
	}
}

// Run as a command (not when a test imports runBackup/runRestore).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.exitCode = await runBackup(process.argv.slice(2), process.env);
}
