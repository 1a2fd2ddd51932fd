import type { Db } from '$lib/server/db';

/**
 * Sign-in throttling: at most `maxFailures` failed sign-ins per account and per IP address within
 * `windowMinutes`. Failures are rows in the database, so the limit holds across app instances.
 * Keys are built from the typed e-mail address whether or not an account exists, so throttling
 * reveals nothing about which accounts exist.
 */

export interface ThrottlePolicy {
	maxFailures: number;
	windowMinutes: number;
}

export function throttleKeys(email: string, ip: string): string[] {
	return [`account:${email.trim().toLowerCase()}`, `ip:${ip}`];
}

export async function isThrottled(db: Db, keys: string[], policy: ThrottlePolicy, now = new Date()): Promise<boolean> {
	const since = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
	const rows = await db
		.selectFrom('sign_in_failures')
		.select(['throttle_key', (eb) => eb.fn.countAll<number>().as('failures')])
		.where('throttle_key', 'in', keys)
		.where('failed_at', '>', since)
		.groupBy('throttle_key')
		.execute();
	return rows.some((row) => Number(row.failures) >= policy.maxFailures);
}

export async function recordFailure(db: Db, keys: string[], policy: ThrottlePolicy, now = new Date()): Promise<void> {
	const at = now.toISOString();
	await db
		.insertInto('sign_in_failures')
		.values(keys.map((key) => ({ id: crypto.randomUUID(), throttle_key: key, failed_at: at })))
		.execute();
	// Old rows are of no use any more; removing them here keeps the table small without a job.
	const before = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
	await db.deleteFrom('sign_in_failures').where('failed_at', '<', before).execute();
}

/** A successful sign-in clears the account's failures (not the IP's: one right guess proves little). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
	const [accountKey] = throttleKeys(email, '');
	await db.deleteFrom('sign_in_failures').where('throttle_key', '=', accountKey!).execute();
}
