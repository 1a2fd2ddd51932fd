import Database from 'better-sqlite3';
import { migrateToLatest, openDatabase, type Db } from '../../src/lib/server/db/index';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { loadActor } from '../../src/lib/server/services/sign-in';
import { chooseProvider } from '../../src/lib/server/services/trajectories';
import type { ServerDatabase } from './built-server';
import { newClient } from './plan-fixtures';

/**
 * The test process's own connection to the database of a built server (tests/support/built-server):
 * to prepare data before the server starts (it then finds the schema migrated and the demo loaded)
 * and to check afterwards what the server wrote.
 */

export function connect(database: ServerDatabase): Db {
	return openDatabase({ url: database.url, poolSize: 4 }).db;
}

/** Migrate and load the demo data, as the server would on its first start. */
export async function prepareDemo(db: Db): Promise<void> {
	await migrateToLatest(db);
	await seedDemo(db);
}

/** A session cookie (`regie_session=…`) for a user, without the sign-in page's password hashing. */
export async function sessionCookie(db: Db, userId: string): Promise<string> {
	const { token } = await createSession(db, userId, { inactivityDays: 30, maxAgeDays: 90 });
	return `${SESSION_COOKIE}=${token}`;
}

export interface DraftPlanClient {
	userId: string;
	trajectoryId: string;
	cookie: string;
	/** The plan's version right after choosing: the base of the first save. */
	version: number;
}

/** `count` new UWV clients who chose Loopbaanlicht (an empty draft plan each), signed in. */
export async function clientsWithDraftPlans(db: Db, count: number, organisationId = 'org-uwv'): Promise<DraftPlanClient[]> {
	const clients: DraftPlanClient[] = [];
	for (let index = 0; index < count; index += 1) {
		const userId = await newClient(db, { organisationId, benefitType: 'WW', name: `Plan Cliënt ${index}` });
		const actor = await loadActor(db, userId);
		if (!actor) throw new Error('client not found');
		const { trajectoryId } = await chooseProvider(db, actor, 'loopbaanlicht');
		const plan = await db.selectFrom('plans').select('version').where('trajectory_id', '=', trajectoryId).executeTakeFirstOrThrow();
		clients.push({ userId, trajectoryId, cookie: await sessionCookie(db, userId), version: Number(plan.version) });
	}
	return clients;
}

/** SQLite only: `PRAGMA integrity_check` and `foreign_key_check` of the file, read-only. */
export function sqliteChecks(file: string): { integrity: string; foreignKeyViolations: number } {
	const sqlite = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
		const violations = sqlite.pragma('foreign_key_check') as unknown[];
		return { integrity: rows.map((row) => row.integrity_check).join('; '), foreignKeyViolations: violations.length };
	} finally {
		sqlite.close();
	}
}
