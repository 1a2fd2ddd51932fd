import type BetterSqlite3 from 'better-sqlite3';
import {
	CompiledQuery,
	SelectQueryNode,
	SqliteAdapter,
	SqliteIntrospector,
	SqliteQueryCompiler,
	type DatabaseConnection,
	type DatabaseIntrospector,
	type Dialect,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
	type QueryResult
} from 'kysely';

/**
 * Kysely's SQLite dialect with two changes that matter under load (bench/providers):
 *
 * - **A fair lock.** SQLite has one connection, so queries take turns. Kysely's own mutex wakes
 *   every waiter on each release and lets the fastest grab it: with fifty requests waiting, some
 *   wait for seconds (the list page's p99 was 4–7 s at a p50 of 0.2 s) and every release costs a
 *   wake-up per waiter. Here waiters are served first come, first served.
 * - **Prepared statements are kept.** better-sqlite3 compiles the SQL text on every `prepare`;
 *   the same few statements run thousands of times, so the latest STATEMENT_CACHE_SIZE are kept,
 *   keyed by their SQL text. SQLite re-prepares a kept statement by itself after a schema change.
 */

const STATEMENT_CACHE_SIZE = 500;

class FairLock {
	#held = false;
	#waiting: (() => void)[] = [];

	acquire(): Promise<void> {
		if (!this.#held) {
			this.#held = true;
			return Promise.resolve();
		}
		return new Promise((resolve) => this.#waiting.push(resolve));
	}

	release(): void {
		const next = this.#waiting.shift();
		// The lock passes straight to the next waiter: nobody can overtake it in between.
		if (next) next();
		else this.#held = false;
	}
}

class StatementCache {
	#statements = new Map<string, BetterSqlite3.Statement>();

	constructor(
		private readonly database: BetterSqlite3.Database,
		private readonly size: number
	) {}

	get(sql: string): BetterSqlite3.Statement {
		let statement = this.#statements.get(sql);
		if (statement) {
			// Most recently used last: a Map keeps insertion order.
			this.#statements.delete(sql);
		} else {
			statement = this.database.prepare(sql);
			if (this.#statements.size >= this.size) this.#statements.delete(this.#statements.keys().next().value!);
		}
		this.#statements.set(sql, statement);
		return statement;
	}
}

class CachingSqliteConnection implements DatabaseConnection {
	constructor(
		private readonly database: BetterSqlite3.Database,
		private readonly statements: StatementCache
	) {}

	executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
		const statement = this.statements.get(compiledQuery.sql);
		const parameters = compiledQuery.parameters as unknown[];
		if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
		const { changes, lastInsertRowid } = statement.run(parameters);
		return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
	}

	async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
		if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('SQLite streams only select queries');
		// A statement that is being iterated cannot run again meanwhile: stream with its own.
		const statement = this.database.prepare(compiledQuery.sql);
		for (const row of statement.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
	}
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

class FairSqliteDriver implements Driver {
	readonly #lock = new FairLock();
	readonly #connection: CachingSqliteConnection;

	constructor(private readonly database: BetterSqlite3.Database) {
		this.#connection = new CachingSqliteConnection(database, new StatementCache(database, STATEMENT_CACHE_SIZE));
	}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		await this.#lock.acquire();
		return this.#connection;
	}

	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin'));
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('commit'));
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
	}

	async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
	}

	async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
	}

	async releaseConnection(): Promise<void> {
		this.#lock.release();
	}

	async destroy(): Promise<void> {
		this.database.close();
	}
}

export class FairSqliteDialect implements Dialect {
	constructor(private readonly database: BetterSqlite3.Database) {}

	createDriver(): Driver {
		return new FairSqliteDriver(this.database);
	}

	createQueryCompiler(): QueryCompiler {
		return new SqliteQueryCompiler();
	}

	createAdapter(): DialectAdapter {
		return new SqliteAdapter();
	}

	createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
		return new SqliteIntrospector(db);
	}
}
