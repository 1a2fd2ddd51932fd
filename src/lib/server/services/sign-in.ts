import type { UserActor } from '$lib/domain/actor';
import type { Role } from '$lib/domain/reference';
import { verifyPassword } from '$lib/server/auth/password';
import { clearAccountFailures, isThrottled, recordFailure, throttleKeys, type ThrottlePolicy } from '$lib/server/auth/throttle';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';

/**
 * Checking an e-mail address and password. An unknown address and a wrong password give the same
 * answer after the same work, so the answer never tells which accounts exist.
 */

export type SignInResult = { ok: true; userId: string; role: Role } | { ok: false; reason: 'invalid' | 'throttled' };

export async function checkCredentials(
	db: Db,
	input: { email: string; password: string; ip: string },
	policy: ThrottlePolicy
): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const keys = throttleKeys(email, input.ip);
	if (await isThrottled(db, keys, policy)) return { ok: false, reason: 'throttled' };

	const user = await db.selectFrom('users').select(['id', 'role', 'password_hash']).where('email', '=', email).executeTakeFirst();
	const valid = await verifyPassword(user?.password_hash ?? null, input.password);
	if (!user || !valid) {
		await recordFailure(db, keys, policy);
		return { ok: false, reason: 'invalid' };
	}
	await clearAccountFailures(db, email);
	await recordAudit(db, { actorId: user.id, action: 'session.signed_in', entityType: 'user', entityId: user.id });
	return { ok: true, userId: user.id, role: user.role as Role };
}

export async function recordSignOut(db: Db, actor: UserActor): Promise<void> {
	await recordAudit(db, { actorId: actor.id, action: 'session.signed_out', entityType: 'user', entityId: actor.id });
}

/** The actor for a signed-in user id; null when the account is gone. */
export async function loadActor(db: Db, userId: string): Promise<UserActor | null> {
	const row = await db
		.selectFrom('users')
		.select(['id', 'role', 'display_name', 'email', 'organisation_id', 'provider_id'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		kind: 'user',
		id: row.id,
		role: row.role as Role,
		displayName: row.display_name,
		email: row.email,
		organisationId: row.organisation_id,
		providerId: row.provider_id
	};
}
