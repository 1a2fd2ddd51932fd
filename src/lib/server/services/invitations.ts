import { parseToken, secretMatches } from '$lib/server/auth/secret-token';
import { hashPassword } from '$lib/server/auth/password';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';

/**
 * Opening and using an account invitation link. The link works once and until it expires; a link
 * that was replaced by a newer one no longer exists.
 */

export type InvitationState =
	| { status: 'valid'; invitationId: string; userId: string; displayName: string; email: string }
	| { status: 'expired' }
	| { status: 'used' }
	| { status: 'unknown' };

export async function openInvitation(db: Db, token: string, now = new Date()): Promise<InvitationState> {
	const parsed = parseToken(token);
	if (!parsed) return { status: 'unknown' };
	const row = await db
		.selectFrom('account_invitations')
		.innerJoin('users', 'users.id', 'account_invitations.user_id')
		.select([
			'account_invitations.id',
			'account_invitations.secret_hash',
			'account_invitations.expires_at',
			'account_invitations.used_at',
			'users.id as user_id',
			'users.display_name',
			'users.email'
		])
		.where('account_invitations.id', '=', parsed.id)
		.executeTakeFirst();
	if (!row || !secretMatches(parsed.secret, row.secret_hash)) return { status: 'unknown' };
	if (row.used_at) return { status: 'used' };
	if (row.expires_at <= now.toISOString()) return { status: 'expired' };
	return { status: 'valid', invitationId: row.id, userId: row.user_id, displayName: row.display_name, email: row.email };
}

/**
 * Set the password and mark the link used, in one transaction. The update only succeeds while the
 * link is still unused, so two tabs submitting at once activate the account once.
 * Returns the user id, or the state that stopped it.
 */
export async function acceptInvitation(
	db: Db,
	token: string,
	password: string,
	now = new Date()
): Promise<{ ok: true; userId: string } | { ok: false; state: Exclude<InvitationState, { status: 'valid' }> }> {
	const state = await openInvitation(db, token, now);
	if (state.status !== 'valid') return { ok: false, state };
	const passwordHash = await hashPassword(password);
	let claimed: boolean;
	try {
		claimed = await db.transaction().execute(async (trx) => {
			const result = await trx
				.updateTable('account_invitations')
				.set({ used_at: now.toISOString() })
				.where('id', '=', state.invitationId)
				.where('used_at', 'is', null)
				.executeTakeFirst();
			if (Number(result.numUpdatedRows) !== 1) return false;
			// Only an account not yet in use gets its password from a link (never a takeover of an active one).
			const activated = await trx
				.updateTable('users')
				.set({ password_hash: passwordHash, activated_at: now.toISOString() })
				.where('id', '=', state.userId)
				.where('activated_at', 'is', null)
				.executeTakeFirst();
			if (Number(activated.numUpdatedRows) !== 1) throw new AccountAlreadyActive();
			// Other links for the same person are of no use any more.
			await trx.deleteFrom('account_invitations').where('user_id', '=', state.userId).where('used_at', 'is', null).execute();
			await recordAudit(trx, { actorId: state.userId, action: 'invitation.used', entityType: 'user', entityId: state.userId }, now);
			return true;
		});
	} catch (caught) {
		// The account is already in use: the transaction rolled back, the link stays unused.
		if (!(caught instanceof AccountAlreadyActive)) throw caught;
		claimed = false;
	}
	return claimed ? { ok: true, userId: state.userId } : { ok: false, state: { status: 'used' } };
}

/** Thrown inside the acceptance to roll it back. */
class AccountAlreadyActive extends Error {}
