import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, type Migration, type MigrationProvider } from 'kysely';

/**
 * The `.ts` files in `migrations/`, loaded two ways that give the same migration names:
 * - inside Vite (the built server, vitest) through `import.meta.glob`, which bundles them;
 * - under tsx (the `migrate` and `seed` command-line tools) from the file system.
 */
class BundledMigrationProvider implements MigrationProvider {
	async getMigrations(): Promise<Record<string, Migration>> {
		const modules = import.meta.glob<Migration>('/migrations/*.ts', { eager: true });
		const migrations: Record<string, Migration> = {};
		for (const [file, migration] of Object.entries(modules)) {
			migrations[path.basename(file, '.ts')] = migration;
		}
		return migrations;
	}
}

export function migrationProvider(): MigrationProvider {
	// Vite replaces `import.meta.env`; under tsx it does not exist.
	if (import.meta.env) return new BundledMigrationProvider();
	return new FileMigrationProvider({ fs, path, migrationFolder: path.resolve('migrations') });
}
