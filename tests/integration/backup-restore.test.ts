import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '$lib/server/db';
import { backupSqlite } from '$lib/server/db/backup';
import { runBackup } from '../../src/cli/backup';
import { runRestore } from '../../src/cli/restore';

// `npm run backup` / `npm run restore` on SQLite files (issue 7): an online backup while another
// connection keeps writing, restored into a new file, holds one consistent moment of the source.
// SQLite only: with TEST_DATABASE_URL (PostgreSQL) the whole file is skipped; PostgreSQL uses pg_dump.

const FILLER = 'x'.repeat(900);
const SEEDED = 3000;

function integrity(file: string): string[] {
	const database = new Database(file, { readonly: true });
	try {
		return (database.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
	} finally {
		database.close();
	}
}

function auditRows(file: string): { id: string; details: string }[] {
	const database = new Database(file, { readonly: true });
	try {
		return database.prepare("SELECT id, details FROM audit_log WHERE action = 'backup.test' ORDER BY id").all() as { id: string; details: string }[];
	} finally {
		database.close();
	}
}

function migrations(file: string): string[] {
	const database = new Database(file, { readonly: true });
	try {
		return (database.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((row) => row.name);
	} finally {
		database.close();
	}
}

const rowId = (n: number) => `row-${String(n).padStart(8, '0')}`;

function captured() {
	const lines: string[] = [];
	return { lines, write: (line: string) => void lines.push(line) };
}

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('SQLite backup and restore', () => {
	let dir: string;
	let source: string;
	// Another connection to the source, as the running portal would hold.
	let writer: Database.Database;
	let insert: Database.Statement;
	let written = 0;

	const write = () => {
		insert.run(rowId(written), new Date().toISOString(), JSON.stringify({ n: written, filler: FILLER }));
		written += 1;
	};

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'regie-backup-'));
		source = path.join(dir, 'source.db');
		const { db } = openDatabase({ url: `file:${source}` });
		await migrateToLatest(db);
		await db.destroy();
		writer = new Database(source);
		writer.pragma('journal_mode = WAL');
		writer.pragma('busy_timeout = 5000');
		insert = writer.prepare("INSERT INTO audit_log (id, occurred_at, actor_id, action, entity_type, entity_id, details) VALUES (?, ?, NULL, 'backup.test', 'test', NULL, ?)");
		writer.transaction(() => {
			for (let i = 0; i < SEEDED; i += 1) write();
		})();
	});
	afterAll(() => {
		writer?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('backs up while another connection keeps writing, and the restored copy is one consistent moment', async () => {
		const backupFile = path.join(dir, 'during-writes.backup');
		const before = written;
		let writing = true;
		let writesDuringBackup = 0;
		const writes = (async () => {
			while (writing) {
				write();
				writesDuringBackup += 1;
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		let steps = 0;
		let result;
		try {
			// Small steps so the copy takes many turns of the event loop, interleaved with the writes.
			result = await backupSqlite({ url: `file:${source}`, destination: backupFile, pagesPerStep: 20, onProgress: () => void (steps += 1) });
		} finally {
			writing = false;
			await writes;
		}
		expect(steps).toBeGreaterThan(5);
		expect(writesDuringBackup).toBeGreaterThan(0);
		// Writes by another connection made SQLite start the copy again; the growing step still finished.
		expect(result.restarts).toBeGreaterThan(0);
		expect(result.bytes).toBe(statSync(backupFile).size);
		expect(result.bytes).toBeGreaterThan(SEEDED * 900);
		// The backup stands alone as one file.
		expect(existsSync(`${backupFile}-wal`)).toBe(false);
		expect(integrity(backupFile)).toEqual(['ok']);

		const restored = path.join(dir, 'restored.db');
		const out = captured();
		expect(runRestore([backupFile], { DATABASE_URL: `file:${restored}` }, out.write, out.write)).toBe(0);
		expect(out.lines.join('\n')).toContain('integrity_check ok');
		expect(integrity(restored)).toEqual(['ok']);

		// A consistent moment: the rows written one after another form an unbroken prefix
		// row-0 … row-(k-1), with every row complete, and k is at least what existed before the backup.
		const rows = auditRows(restored);
		expect(rows.length).toBeGreaterThanOrEqual(before);
		expect(rows.length).toBeLessThanOrEqual(written);
		rows.forEach((row, n) => {
			expect(row.id).toBe(rowId(n));
			expect(JSON.parse(row.details)).toEqual({ n, filler: FILLER });
		});
		expect(rows).toEqual(auditRows(backupFile));
		expect(migrations(restored)).toEqual(migrations(source));
	});

	it('refuses to overwrite an existing backup file unless --force', async () => {
		const file = path.join(dir, 'existing.backup');
		writeFileSync(file, 'keep me');
		const out = captured();
		expect(await runBackup([file], { DATABASE_URL: `file:${source}` }, out.write, out.write)).toBe(2);
		expect(out.lines.join('\n')).toMatch(/exists.*--force/);
		expect(readFileSync(file, 'utf8')).toBe('keep me');

		expect(await runBackup(['--force', file], { DATABASE_URL: `file:${source}` }, out.write, out.write)).toBe(0);
		expect(integrity(file)).toEqual(['ok']);
		expect(auditRows(file)).toHaveLength(written);
	});

	it('refuses PostgreSQL and names pg_dump / pg_restore instead', async () => {
		const url = 'postgres://regie@db.example/regie';
		const file = path.join(dir, 'pg.dump');
		const out = captured();
		expect(await runBackup([file], { DATABASE_URL: url }, out.write, out.write)).toBe(2);
		expect(out.lines.join('\n')).toContain('pg_dump -Fc');
		expect(existsSync(file)).toBe(false);

		const back = captured();
		expect(runRestore([file], { DATABASE_URL: url }, back.write, back.write)).toBe(2);
		expect(back.lines.join('\n')).toContain('pg_restore');
	});

	it('refuses when the database does not exist, and on usage errors', async () => {
		const out = captured();
		const missing = path.join(dir, 'missing.db');
		expect(await runBackup([path.join(dir, 'x.backup')], { DATABASE_URL: `file:${missing}` }, out.write, out.write)).toBe(2);
		expect(out.lines.join('\n')).toContain('does not exist');
		expect(existsSync(missing)).toBe(false);
		expect(await runBackup([], { DATABASE_URL: `file:${source}` }, out.write, out.write)).toBe(2);
		expect(runRestore([path.join(dir, 'no-such.backup')], { DATABASE_URL: `file:${path.join(dir, 'r.db')}` }, out.write, out.write)).toBe(2);
	});

	it('refuses to restore over a database that is in use, leaving it untouched', async () => {
		const backupFile = path.join(dir, 'for-in-use.backup');
		expect(await runBackup([backupFile], { DATABASE_URL: `file:${source}` }, () => {}, () => {})).toBe(0);
		write();
		const out = captured();
		// `writer` still has the source open, as a running portal would.
		expect(runRestore([backupFile], { DATABASE_URL: `file:${source}` }, out.write, out.write)).toBe(2);
		expect(out.lines.join('\n')).toContain('in use');
		expect(auditRows(source)).toHaveLength(written);
		expect(integrity(source)).toEqual(['ok']);
	});

	it('restores over a stopped database: replaces its content and removes its -wal/-shm', async () => {
		const target = path.join(dir, 'stopped.db');
		const { db } = openDatabase({ url: `file:${target}` });
		await migrateToLatest(db);
		await db.destroy();
		const other = new Database(target);
		other.prepare("INSERT INTO audit_log (id, occurred_at, action, entity_type) VALUES ('only-in-target', '2026-01-01', 'other', 'test')").run();
		other.close();

		const backupFile = path.join(dir, 'for-stopped.backup');
		expect(await runBackup([backupFile], { DATABASE_URL: `file:${source}` }, () => {}, () => {})).toBe(0);
		expect(runRestore([backupFile], { DATABASE_URL: `file:${target}` }, () => {}, () => {})).toBe(0);
		expect(existsSync(`${target}-wal`)).toBe(false);
		expect(existsSync(`${target}-shm`)).toBe(false);
		expect(integrity(target)).toEqual(['ok']);
		expect(auditRows(target)).toEqual(auditRows(backupFile));
		const check = new Database(target, { readonly: true });
		expect(check.prepare("SELECT count(*) AS n FROM audit_log WHERE id = 'only-in-target'").get()).toEqual({ n: 0 });
		check.close();
	});

	it('refuses to restore a file that is not a Regie database, or not a database at all', () => {
		const target = path.join(dir, 'untouched.db');
		const foreign = path.join(dir, 'foreign.db');
		const database = new Database(foreign);
		database.exec('CREATE TABLE notes (text TEXT)');
		database.close();
		const out = captured();
		expect(runRestore([foreign], { DATABASE_URL: `file:${target}` }, out.write, out.write)).toBe(2);
		expect(out.lines.join('\n')).toContain('not a Regie database');

		const garbage = path.join(dir, 'garbage.backup');
		writeFileSync(garbage, 'this is not SQLite '.repeat(500));
		expect(runRestore([garbage], { DATABASE_URL: `file:${target}` }, out.write, out.write)).toBe(2);
		expect(existsSync(target)).toBe(false);
		// No temporary copies are left behind.
		expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
	});

	it('runs as a command: npx tsx src/cli/backup.ts FILE', () => {
		const file = path.join(dir, 'command.backup');
		const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['src/cli/backup.ts', file], {
			env: { ...process.env, DATABASE_URL: `file:${source}` },
			encoding: 'utf8'
		});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/100% .*\n.*integrity_check ok/);
		expect(integrity(file)).toEqual(['ok']);
		const again = spawnSync(path.resolve('node_modules/.bin/tsx'), ['src/cli/backup.ts', file], { env: { ...process.env, DATABASE_URL: `file:${source}` }, encoding: 'utf8' });
		expect(again.status).toBe(2);
		expect(again.stderr).toContain('refused');
	});
});
