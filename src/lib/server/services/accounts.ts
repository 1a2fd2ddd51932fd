import type { Actor, UserActor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { payerKindFor, type BenefitType, type Role } from '$lib/domain/reference';
import type { CreateAccountInput } from '$lib/schemas/accounts';
import { newSecretToken } from '$lib/server/auth/secret-token';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';

/**
 * Accounts and the invitation links that activate them. Nobody registers: an admin creates any
 * account, a reviewer the clients of their own organisation; the new person gets a link that
 * works once, for a limited time, to set a password.
 */

export interface InvitationLink {
	/** The path to give the person: `/uitnodiging/<token>` */
	path: string;
	expiresAt: string;
}

export interface AccountSummary {
	id: string;
	displayName: string;
	email: string;
	role: Role;
	organisationName: string | null;
	providerName: string | null;
	benefitType: string | null;
	activated: boolean;
	createdAt: string;
}

export async function createAccount(
	db: Db,
	actor: Actor,
	input: CreateAccountInput,
	options: { invitationValidDays: number }
): Promise<{ userId: string; invitation: InvitationLink }> {
	if (actor.kind !== 'user') throw new Forbidden();
	// A reviewer creates clients for their own organisation, whatever the form said.
	const role: Role = actor.role === 'reviewer' ? 'client' : input.role;
	const organisationId = actor.role === 'reviewer' ? actor.organisationId : (input.organisationId ?? null);
	if (!can(actor, { action: 'account.create', account: { role, organisationId } })) throw new Forbidden();

	const organisation = organisationId
		? await db.selectFrom('organisations').select(['id', 'kind']).where('id', '=', organisationId).executeTakeFirst()
		: undefined;
	if (organisationId && !organisation) throw new Invalid({ organisationId: 'error_organisation_required' });
	if (role === 'client' && organisation && input.benefitType && payerKindFor(input.benefitType as BenefitType) !== organisation.kind) {
		throw new Invalid({ benefitType: 'error_benefit_organisation_mismatch' });
	}
	if (role === 'provider') {
		const provider = await db.selectFrom('providers').select('id').where('id', '=', input.providerId ?? '').executeTakeFirst();
		if (!provider) throw new Invalid({ providerId: 'error_provider_required' });
	}
	const taken = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
	if (taken) throw new Invalid({ email: 'error_email_taken' });

	const userId = crypto.randomUUID();
	const now = new Date();
	const invitation = await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('users')
			.values({
				id: userId,
				email: input.email,
				display_name: input.displayName,
				role,
				password_hash: null,
				organisation_id: role === 'client' || role === 'reviewer' ? organisationId : null,
				provider_id: role === 'provider' ? (input.providerId ?? null) : null,
				benefit_type: role === 'client' ? (input.benefitType ?? null) : null,
				region: role === 'client' ? (input.region ?? null) : null,
				created_at: now.toISOString(),
				activated_at: null
			})
			.execute();
		await recordAudit(trx, { actorId: actor.id, action: 'account.created', entityType: 'user', entityId: userId, details: { role, organisationId } }, now);
		return issueInvitation(trx, actor, userId, options.invitationValidDays, now);
	});
	return { userId, invitation };
}

/** A fresh link for someone who lost theirs or let it expire; earlier unused links stop working. */
export async function reissueInvitation(
	db: Db,
	actor: Actor,
	userId: string,
	options: { invitationValidDays: number }
): Promise<InvitationLink & { displayName: string }> {
	if (actor.kind !== 'user') throw new Forbidden();
	const account = await db.selectFrom('users').select(['id', 'role', 'organisation_id', 'display_name', 'activated_at']).where('id', '=', userId).executeTakeFirst();
	// Someone who may not see the account learns nothing of it: not found, not forbidden.
	if (!account || !can(actor, { action: 'account.invite', account: { role: account.role as Role, organisationId: account.organisation_id } })) {
		throw new NotFound();
	}
	// A link sets the password: for an account in use it would let whoever holds it take it over.
	if (account.activated_at !== null) throw new Invalid({ userId: 'accounts_error_already_active' });
	return db.transaction().execute(async (trx) => {
		await trx.deleteFrom('account_invitations').where('user_id', '=', userId).where('used_at', 'is', null).execute();
		const link = await issueInvitation(trx, actor, userId, options.invitationValidDays, new Date());
		return { ...link, displayName: account.display_name };
	});
}

async function issueInvitation(db: Db, actor: UserActor, userId: string, validDays: number, now: Date): Promise<InvitationLink> {
	const token = newSecretToken();
	const expiresAt = new Date(now.getTime() + validDays * 24 * 60 * 60 * 1000).toISOString();
	await db
		.insertInto('account_invitations')
		.values({ id: token.id, user_id: userId, secret_hash: token.secretHash, created_by: actor.id, created_at: now.toISOString(), expires_at: expiresAt, used_at: null })
		.execute();
	await recordAudit(db, { actorId: actor.id, action: 'invitation.created', entityType: 'user', entityId: userId, details: { expiresAt } }, now);
	return { path: `/uitnodiging/${token.token}`, expiresAt };
}

/** The accounts an admin sees (all) or a reviewer sees (clients of their organisation), newest first. */
export async function listAccounts(db: Db, actor: Actor, filter: { role?: Role } = {}): Promise<AccountSummary[]> {
	if (!can(actor, { action: 'accounts.list' }) || actor.kind !== 'user') throw new Forbidden();
	let query = db
		.selectFrom('users')
		.leftJoin('organisations', 'organisations.id', 'users.organisation_id')
		.leftJoin('providers', 'providers.id', 'users.provider_id')
		.select([
			'users.id',
			'users.display_name',
			'users.email',
			'users.role',
			'users.benefit_type',
			'users.activated_at',
			'users.created_at',
			'organisations.name as organisation_name',
			'providers.name as provider_name'
		])
		.orderBy('users.created_at', 'desc')
		.orderBy('users.email');
	if (actor.role === 'reviewer') {
		query = query.where('users.role', '=', 'client').where('users.organisation_id', '=', actor.organisationId ?? '');
	} else if (filter.role) {
		query = query.where('users.role', '=', filter.role);
	}
	const rows = await query.limit(500).execute();
	return rows.map((row) => ({
		id: row.id,
		displayName: row.display_name,
		email: row.email,
		role: row.role as Role,
		organisationName: row.organisation_name,
		providerName: row.provider_name,
		benefitType: row.benefit_type,
		activated: row.activated_at !== null,
		createdAt: row.created_at
	}));
}
