/**
 * A value computed from the database and kept in memory, one per database handle (so that test
 * databases, and a transaction, never see each other's values).
 *
 * - `version`: a cheap summary of the data the value depends on, asked by the caller on every
 *   read (e.g. a count and the latest `updated_at`); a different version loads again at once.
 * - `maxAgeMs`: a value is loaded again after this long in any case, which bounds how stale it can
 *   be when the version misses a change (another instance with a clock behind, two edits within
 *   the same millisecond), or when there is no version at all.
 * - `serveStale`: past its age, keep answering with the old value while one new load runs in the
 *   background, so that a slow load (market-wide figures) never holds up a request once warm.
 *
 * Concurrent reads share one load. A failed load is not kept.
 */
export interface PerDatabaseCache<K extends object, T> {
	get(db: K, version?: string): Promise<T>;
	/** Drop the value: the next read loads again (after a change this process made). */
	forget(db: K): void;
}

interface Entry<T> {
	version: string;
	loadedAt: number;
	value: Promise<T>;
	refreshing?: Promise<T>;
}

export function perDatabaseCache<K extends object, T>(
	load: (db: K) => Promise<T>,
	options: { maxAgeMs: number; serveStale?: boolean; now?: () => number }
): PerDatabaseCache<K, T> {
	const entries = new WeakMap<K, Entry<T>>();
	const now = options.now ?? Date.now;

	function start(db: K, version: string): Entry<T> {
		const entry: Entry<T> = { version, loadedAt: now(), value: load(db) };
		entry.value.catch(() => {
			if (entries.get(db) === entry) entries.delete(db);
		});
		return entry;
	}

	return {
		get(db, version = '') {
			const entry = entries.get(db);
			if (!entry || entry.version !== version) {
				const fresh = start(db, version);
				entries.set(db, fresh);
				return fresh.value;
			}
			if (now() - entry.loadedAt < options.maxAgeMs) return entry.value;
			if (!options.serveStale) {
				const fresh = start(db, version);
				entries.set(db, fresh);
				return fresh.value;
			}
			if (!entry.refreshing) {
				const next = start(db, version);
				entry.refreshing = next.value;
				next.value.then(
					() => {
						if (entries.get(db) === entry) entries.set(db, next);
					},
					() => {
						entry.refreshing = undefined;
					}
				);
			}
			return entry.value;
		},
		forget(db) {
			entries.delete(db);
		}
	};
}
