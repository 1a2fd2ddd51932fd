import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { FairSqliteDialect } from './sqlite-driver';

/**
 * The only module that knows which database engine runs. Everything else is plain Kysely that both
 * engines understand. Kept here:
 * - SQLite pragmas: WAL (readers don't block the writer), foreign keys (off by default in SQLite),
 *   and a busy timeout so that a second process (a CLI next to the server) waits instead of failing;
 * - SQLite's driver: a fair queue for its one connection and a cache of prepared statements
 *   (`sqlite-driver.ts`);
 * - PostgreSQL returns int8/numeric as strings by default; counts are parsed to numbers here.
 */

export type Engine = 'sqlite' | 'postgres';

export const DEFAULT_SQLITE_FILE = './data/regie.db';

export function engineOf(url: string | undefined): Engine {
	return url && /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export interface DialectOptions {
	/** `postgres://…`, `file:path`, `:memory:`, or undefined for ./data/regie.db */
	url?: string;
	/** PostgreSQL only: the schema to use (tests use one fresh schema per file). */
	searchPath?: string;
	poolSize?: number;
}

let pgTypesConfigured = false;

export function createDialect(options: DialectOptions): Dialect {
	if (engineOf(options.url) === 'postgres') {
		if (!pgTypesConfigured) {
			// count(*) is int8 in PostgreSQL; our counts always fit in a JS number.
			pg.types.setTypeParser(20, (value) => Number(value));
			pgTypesConfigured = true;
		}
		return new PostgresDialect({
			pool: new pg.Pool({
				connectionString: options.url,
				max: options.poolSize ?? 10,
				...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {})
			})
		});
	}
	const file = sqliteFile(options.url);
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return new FairSqliteDialect(sqlite);
}

function sqliteFile(url: string | undefined): string {
	if (!url) return DEFAULT_SQLITE_FILE;
	if (url === ':memory:') return url;
	return url.replace(/^file:(\/\/)?/, '');
}
