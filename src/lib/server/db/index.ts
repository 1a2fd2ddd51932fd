import { Kysely, Migrator } from 'kysely';
import { createDialect, engineOf, type DialectOptions, type Engine } from './dialect';
import { migrationProvider } from './migration-provider';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type { Database } from './schema';

export interface DatabaseHandle {
	db: Db;
	engine: Engine;
}

export function openDatabase(options: DialectOptions = {}): DatabaseHandle {
	return { db: new Kysely<Database>({ dialect: createDialect(options) }), engine: engineOf(options.url) };
}

/** Bring the schema up to date. Safe with several instances: Kysely's migrator takes a lock. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
	const migrator = new Migrator({ db, provider: migrationProvider() });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((result) => result.status === 'Error');
	if (error || failed) {
		const name = failed ? ` (${failed.migrationName})` : '';
		throw new Error(`Regie: migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
	}
	return (results ?? []).map((result) => result.migrationName);
}

/** Answers whether the database responds; used by /healthz. */
export async function databaseAnswers(db: Db): Promise<boolean> {
	try {
		await db.selectFrom('organisations').select('id').limit(1).execute();
		return true;
	} catch {
		return false;
	}
}
