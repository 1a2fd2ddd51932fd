import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SQLITE_FILE, engineOf } from './dialect';

/**
 * Online backup and offline restore of the SQLite database (`npm run backup` / `npm run restore`).
 *
 * - Backup uses SQLite's online backup API (better-sqlite3 `db.backup`): pages are copied in steps
 *   while the portal keeps reading and writing. A write by another connection makes SQLite restart
 *   the copy, so each restart doubles the step size; a step of all pages always finishes. The copy is
 *   written to a temporary file next to FILE, switched to a single-file journal, checked with
 *   `PRAGMA integrity_check`, and only then renamed to FILE.
 * - Restore replaces the database file and needs the portal stopped: it refuses when another
 *   connection holds the database. The backup is copied to a temporary file beside the target,
 *   checked (integrity, Kysely's migration table), and renamed over the target after the target's
 *   stale -wal/-shm/-journal files are removed, so a crash leaves either the old or the new database.
 *
 * PostgreSQL has its own tools (pg_dump/pg_restore); both functions refuse and name the command.
 */

/** A refusal the operator can fix (exit code 2); other errors are failures (exit code 1). */
export class BackupRefused extends Error {
	override name = 'BackupRefused';
}

export const MIGRATION_TABLE = 'kysely_migration';

export const pgDumpCommand = (file: string) => `pg_dump -Fc --no-owner --dbname="$DATABASE_URL" --file=${shellWord(file)}`;
export const pgRestoreCommand = (file: string) =>
	`pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" ${shellWord(file)}`;

function shellWord(word: string): string {
	return /^[\w./@:+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The SQLite file a DATABASE_URL points at; refuses PostgreSQL and in-memory databases. */
export function sqlitePathOf(url: string | undefined, postgresHint: string): string {
	if (engineOf(url) === 'postgres') {
		throw new BackupRefused(`DATABASE_URL is a PostgreSQL database; use PostgreSQL's own tool:\n  ${postgresHint}`);
	}
	if (!url) return DEFAULT_SQLITE_FILE;
	if (url === ':memory:' || url === 'file::memory:') throw new BackupRefused('DATABASE_URL is an in-memory database: nothing to back up or restore');
	return url.replace(/^file:(\/\/)?/, '');
}

export interface BackupProgress {
	totalPages: number;
	remainingPages: number;
}

export interface BackupOptions {
	/** DATABASE_URL (`file:…`, unset for ./data/regie.db). */
	url: string | undefined;
	destination: string;
	/** Replace an existing destination. */
	force?: boolean;
	/** Pages copied per step at the start (default 1,000); doubled on each restart. */
	pagesPerStep?: number;
	onProgress?: (progress: BackupProgress) => void;
}

export interface BackupResult {
	source: string;
	destination: string;
	bytes: number;
	pages: number;
	/** How often a write by another connection made SQLite start the copy again. */
	restarts: number;
}

export async function backupSqlite(options: BackupOptions): Promise<BackupResult> {
	const source = sqlitePathOf(options.url, pgDumpCommand(options.destination));
	const destination = path.resolve(options.destination);
	if (!existsSync(source)) throw new BackupRefused(`the database ${source} does not exist`);
	if (path.resolve(source) === destination) throw new BackupRefused('the backup file cannot be the database itself');
	if (existsSync(destination) && !options.force) throw new BackupRefused(`${options.destination} exists; choose another name or add --force to replace it`);
	if (!existsSync(path.dirname(destination))) throw new BackupRefused(`the folder ${path.dirname(options.destination)} does not exist`);

	const temporary = temporaryBeside(destination);
	const database = new Database(source, { fileMustExist: true });
	let restarts = 0;
	let pages = 0;
	try {
		database.pragma('busy_timeout = 5000');
		let step = options.pagesPerStep ?? 1000;
		let lastRemaining = Number.POSITIVE_INFINITY;
		const outcome = await database.backup(temporary, {
			progress: ({ totalPages, remainingPages }) => {
				// A write by another connection restarts the copy: the remaining pages go up again.
				if (remainingPages > lastRemaining) {
					restarts += 1;
					step *= 2;
				}
				lastRemaining = remainingPages;
				options.onProgress?.({ totalPages, remainingPages });
				return step;
			}
		});
		pages = outcome.totalPages;
	} catch (error) {
		rmSync(temporary, { force: true });
		throw error;
	} finally {
		database.close();
	}
	try {
		checkCopy(temporary, { needsMigrations: false });
		syncFile(temporary);
		renameSync(temporary, destination);
		syncFile(path.dirname(destination));
	} finally {
		removeWithSidecars(temporary);
	}
	options.onProgress?.({ totalPages: pages, remainingPages: 0 });
	return { source, destination, bytes: statSync(destination).size, pages, restarts };
}

export interface RestoreOptions {
	/** DATABASE_URL of the database to replace (`file:…`, unset for ./data/regie.db). */
	url: string | undefined;
	backup: string;
}

export interface RestoreResult {
	target: string;
	bytes: number;
	/** The newest migration in the backup. */
	lastMigration: string | null;
}

export function restoreSqlite(options: RestoreOptions): RestoreResult {
	const target = path.resolve(sqlitePathOf(options.url, pgRestoreCommand(options.backup)));
	const backup = path.resolve(options.backup);
	if (!existsSync(backup) || !statSync(backup).isFile()) throw new BackupRefused(`the backup ${options.backup} does not exist`);
	if (backup === target) throw new BackupRefused('the backup file is the database itself');
	if (!existsSync(path.dirname(target))) throw new BackupRefused(`the folder ${path.dirname(target)} does not exist`);

	// Work on a copy beside the target: the backup file itself is never opened for writing.
	const temporary = temporaryBeside(target);
	try {
		copyFileSync(backup, temporary);
		const { lastMigration } = checkCopy(temporary, { needsMigrations: true, label: options.backup });
		syncFile(temporary);
		if (existsSync(target)) releaseTarget(target);
		// A stale journal next to the new file would be replayed into it: remove them first.
		for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
		renameSync(temporary, target);
		syncFile(path.dirname(target));
		return { target, bytes: statSync(target).size, lastMigration };
	} finally {
		removeWithSidecars(temporary);
	}
}

/**
 * Makes sure nobody else has the target open and folds its write-ahead log back into the file.
 * Leaving WAL mode needs the only connection to the database; with a running portal it fails at once.
 */
function releaseTarget(target: string): void {
	let database: Database.Database;
	try {
		database = new Database(target, { fileMustExist: true, timeout: 0 });
	} catch (error) {
		throw new BackupRefused(`cannot open the database ${target}: ${(error as Error).message}`);
	}
	try {
		database.pragma('busy_timeout = 0');
		let mode: unknown;
		try {
			mode = database.pragma('journal_mode = DELETE', { simple: true });
		} catch (error) {
			const code = (error as { code?: string }).code ?? '';
			if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
				throw new BackupRefused(`the database ${target} is in use (${(error as Error).message}); stop the portal and every other tool using it first`);
			}
			throw new BackupRefused(`cannot take over the database ${target}: ${(error as Error).message}`);
		}
		if (String(mode).toLowerCase() !== 'delete') {
			throw new BackupRefused(`the database ${target} is in use (journal mode stays ${String(mode)}); stop the portal and every other tool using it first`);
		}
	} finally {
		database.close();
	}
}

/** Checks a copied database: single-file journal, `PRAGMA integrity_check`, and (restore) Regie's migrations. */
function checkCopy(file: string, { needsMigrations, label = file }: { needsMigrations: boolean; label?: string }): { lastMigration: string | null } {
	let database: Database.Database;
	try {
		database = new Database(file, { fileMustExist: true });
	} catch (error) {
		throw new BackupRefused(`${label} is not an SQLite database: ${(error as Error).message}`);
	}
	try {
		let problems: string[];
		try {
			// The copy must stand alone as one file, without -wal/-shm beside it.
			database.pragma('journal_mode = DELETE');
			problems = (database.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
		} catch (error) {
			throw new BackupRefused(`${label} is not a usable SQLite database: ${(error as Error).message}`);
		}
		if (problems.length !== 1 || problems[0] !== 'ok') {
			throw new Error(`${label} fails PRAGMA integrity_check:\n  ${problems.slice(0, 10).join('\n  ')}`);
		}
		const hasMigrations = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATION_TABLE);
		if (!hasMigrations) {
			if (needsMigrations) throw new BackupRefused(`${label} is not a Regie database (it has no ${MIGRATION_TABLE} table)`);
			return { lastMigration: null };
		}
		const last = database.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name DESC LIMIT 1`).get() as { name: string } | undefined;
		return { lastMigration: last?.name ?? null };
	} finally {
		database.close();
	}
}

function temporaryBeside(file: string): string {
	return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

function removeWithSidecars(file: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** fsync a file or a folder (the rename is durable once the folder is synced). */
function syncFile(file: string): void {
	let descriptor: number | undefined;
	try {
		descriptor = openSync(file, 'r');
		fsyncSync(descriptor);
	} catch {
		// Some file systems do not sync folders; the rename is still atomic.
	} finally {
		if (descriptor !== undefined) closeSync(descriptor);
	}
}

/** "12.3 MB" for the report at the end. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${value.toFixed(1)} ${units[unit]}`;
}
