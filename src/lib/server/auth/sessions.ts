import type { Db } from '$lib/server/db';
import { newSecretToken, parseToken, secretMatches } from './secret-token';

/**
 * Database sessions the lucia-auth.com way (sessions/basic and sessions/inactivity-timeout):
 * the cookie holds `<id>.<secret>`, the database only the hash of the secret. A session ends after
 * `inactivityDays` without use (activity is written at most once an hour, to spare the database)
 * and in any case `maxAgeDays` after sign-in. Living in the database, sessions work across instances.
 */

export const SESSION_COOKIE = 'regie_session';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface SessionPolicy {
	inactivityDays: number;
	maxAgeDays: number;
}

export interface ValidSession {
	id: string;
	userId: string;
	/** When the cookie should expire: the inactivity limit from the latest recorded activity. */
	expiresAt: Date;
	/** Activity was recorded just now: the cookie's expiry should move with it. */
	renewed: boolean;
}

export async function createSession(db: Db, userId: string, policy: SessionPolicy, now = new Date()) {
	const token = newSecretToken();
	const at = now.toISOString();
	await db
		.insertInto('sessions')
		.values({ id: token.id, user_id: userId, secret_hash: token.secretHash, created_at: at, last_verified_at: at })
		.execute();
	return { token: token.token, session: { id: token.id, userId, expiresAt: new Date(now.getTime() + policy.inactivityDays * DAY) } };
}

export async function validateSessionToken(
	db: Db,
	token: string | undefined,
	policy: SessionPolicy,
	now = new Date()
): Promise<ValidSession | null> {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const row = await db.selectFrom('sessions').selectAll().where('id', '=', parsed.id).executeTakeFirst();
	if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;

	const createdAt = Date.parse(row.created_at);
	let lastVerifiedAt = Date.parse(row.last_verified_at);
	const tooOld = now.getTime() - createdAt >= policy.maxAgeDays * DAY;
	const inactive = now.getTime() - lastVerifiedAt >= policy.inactivityDays * DAY;
	if (tooOld || inactive) {
		await deleteSession(db, row.id);
		return null;
	}
	const renewed = now.getTime() - lastVerifiedAt >= HOUR;
	if (renewed) {
		lastVerifiedAt = now.getTime();
		await db.updateTable('sessions').set({ last_verified_at: now.toISOString() }).where('id', '=', row.id).execute();
	}
	const expiresAt = Math.min(lastVerifiedAt + policy.inactivityDays * DAY, createdAt + policy.maxAgeDays * DAY);
	return { id: row.id, userId: row.user_id, expiresAt: new Date(expiresAt), renewed };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
