// `npm run restore -- FILE`: replaces the SQLite database at DATABASE_URL (default ./data/regie.db)
// with the backup FILE. STOP THE PORTAL FIRST: restore refuses while another connection has the
// database open. The backup is checked (PRAGMA integrity_check, Kysely's migration table) on a copy
// beside the database, which is then renamed over it, so a crash leaves the old or the new database.
// Start the portal afterwards; it applies any newer migrations itself (or run `npm run migrate`).
// PostgreSQL: refused, with the pg_restore command to use.
// Exit code 0 when restored; 2 when refused (PostgreSQL, in use, no or wrong backup, usage); 1 on failure.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig } from '../lib/server/config.js';
import { BackupRefused, formatBytes, restoreSqlite } from '../lib/server/db/backup.js';

const usage = 'usage: npm run restore -- FILE   (stop the portal first)';

export function runRestore(argv: string[], env: Record<string, string | undefined>, log = console.log, warn = console.error): number {
	let file: string;
	let url: string | undefined;
	try {
		const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true });
		if (positionals.length !== 1) throw new Error('give one backup file');
		file = positionals[0]!;
		url = parseConfig(env).DATABASE_URL;
	} catch (error) {
		warn(`restore: ${(error as Error).message}\n${usage}`);
		return 2;
	}
	try {
		const result = restoreSqlite({ url, backup: file });
		log(`restore: ${file} → ${result.target}: ${formatBytes(result.bytes)}, integrity_check ok, last migration ${result.lastMigration ?? '(none)'}`);
		return 0;
	} catch (error) {
		warn(`restore: ${error instanceof BackupRefused ? 'refused: ' : 'failed: '}${(error as Error).message}`);
		return error instanceof BackupRefused ? 2 : 1;
	}
}

// Run as a command (not when a test imports runBackup/runRestore).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.exitCode = runRestore(process.argv.slice(2), process.env);
}
