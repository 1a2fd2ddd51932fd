import { sql, SqliteIntrospector, type Kysely } from 'kysely';

// Erasure on request (AVG/GDPR, issue 7). Two columns that name the client must be able to forget
// them: an erased client's trajectories stay as anonymous rows, so that their outcomes keep counting
// in the placement rates, and the plan versions they submitted stay (without free text) for the
// paying organisation's accountability. Both columns become nullable; nothing else changes.

const columns: ReadonlyArray<readonly [table: string, column: string]> = [
	['trajectories', 'client_id'],
	['plan_versions', 'submitted_by']
];

export async function up(db: Kysely<any>): Promise<void> {
	for (const [table, column] of columns) await setNullable(db, table, column, true);
}

// Only possible while no client was erased: NOT NULL cannot come back over the nulls erasure left.
export async function down(db: Kysely<any>): Promise<void> {
	for (const [table, column] of columns) await setNullable(db, table, column, false);
}

async function setNullable(db: Kysely<any>, table: string, column: string, nullable: boolean): Promise<void> {
	if (!(db.introspection instanceof SqliteIntrospector)) {
		await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} ${sql.raw(nullable ? 'drop not null' : 'set not null')}`.execute(db);
		return;
	}
	await rebuildSqliteTable(db, table, (definition) => {
		const pattern = new RegExp(`("${column}" [a-z]+)( not null)?`, 'i');
		if (!pattern.test(definition)) throw new Error(`Regie: column ${table}.${column} not found in ${definition}`);
		return definition.replace(pattern, nullable ? '$1' : '$1 not null');
	});
}

/**
 * SQLite cannot change a column's constraints in place, so the table is rebuilt the way SQLite
 * documents it (https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys off (or
 * dropping the old table would cascade into plans and versions), a new table from the stored
 * definition with one change (columns later migrations add come along), the rows copied, the old
 * table dropped and the new one renamed, its indexes made again, and the foreign keys checked.
 * Kysely runs SQLite migrations outside a transaction on one connection, so the pragma holds.
 */
async function rebuildSqliteTable(db: Kysely<any>, table: string, change: (definition: string) => string): Promise<void> {
	const rebuilt = `${table}_rebuilt`;
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await db.transaction().execute(async (trx) => {
			const stored = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(trx);
			const definition = stored.rows[0]?.sql;
			if (!definition) throw new Error(`Regie: table ${table} not found`);
			const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(trx);
			const created = change(definition).replace(/^create table\s+("?)[A-Za-z_]+\1/i, `create table "${rebuilt}"`);
			await sql.raw(created).execute(trx);
			await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(trx);
			await sql`drop table ${sql.table(table)}`.execute(trx);
			await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(trx);
			for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
			const broken = await sql`pragma foreign_key_check`.execute(trx);
			if (broken.rows.length > 0) throw new Error(`Regie: rebuilding ${table} broke ${broken.rows.length} foreign key(s)`);
		});
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}
