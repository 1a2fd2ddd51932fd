import type { Actor, UserActor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import type { Db } from '$lib/server/db';
import { newSecretToken, parseToken, secretMatches } from '$lib/server/auth/secret-token';
import { recordAudit } from './audit';
import { loadActor } from './sign-in';

/**
 * Personal API tokens (issue 6): a researcher's scripts call `/api/v1/survey/…` with
 * `Authorization: Bearer <id>.<secret>`. The token is shown once at creation; the database keeps
 * only the hash of its secret (the same scheme as sessions). Every token expires on a date chosen
 * at creation and can be revoked by its owner; its last use is recorded at most hourly.
 */

export const tokenLifetimes = [30, 90, 365] as const;
export type TokenLifetime = (typeof tokenLifetimes)[number];
/** Active (unrevoked, unexpired) tokens one person may hold at once. */
export const MAX_ACTIVE_TOKENS = 10;
export const TOKEN_NAME_MAX = 60;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface ApiTokenSummary {
	id: string;
	name: string;
	createdAt: string;
	expiresAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
	status: 'active' | 'expired' | 'revoked';
}

export interface CreatedToken {
	summary: ApiTokenSummary;
	/** The whole token: shown to its owner once, never stored. */
	token: string;
}

function statusOf(row: { revoked_at: string | null; expires_at: string }, now: Date): ApiTokenSummary['status'] {
	if (row.revoked_at) return 'revoked';
	return Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'active';
}

function summaryOf(
	row: { id: string; name: string; created_at: string; expires_at: string; last_used_at: string | null; revoked_at: string | null },
	now: Date
): ApiTokenSummary {
	return {
		id: row.id,
		name: row.name,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		lastUsedAt: row.last_used_at,
		revokedAt: row.revoked_at,
		status: statusOf(row, now)
	};
}

function assertMayManage(actor: Actor): asserts actor is UserActor {
	if (!can(actor, { action: 'research.tokens' })) throw new Forbidden();
}

export async function createApiToken(
	db: Db,
	actor: Actor,
	input: { name: string; lifetimeDays: number },
	now = new Date()
): Promise<CreatedToken> {
	assertMayManage(actor);
	const name = input.name.trim();
	const problems: Record<string, string> = {};
	if (name === '' || name.length > TOKEN_NAME_MAX) problems.name = 'apitoken_error_name';
	if (!(tokenLifetimes as readonly number[]).includes(input.lifetimeDays)) problems.lifetimeDays = 'apitoken_error_lifetime';
	if (Object.keys(problems).length > 0) throw new Invalid(problems);

	return db.transaction().execute(async (trx) => {
		const active = await trx
			.selectFrom('api_tokens')
			.select((eb) => eb.fn.countAll<string | number>().as('count'))
			.where('user_id', '=', actor.id)
			.where('revoked_at', 'is', null)
			.where('expires_at', '>', now.toISOString())
			.executeTakeFirstOrThrow();
		if (Number(active.count) >= MAX_ACTIVE_TOKENS) throw new Invalid({ name: 'apitoken_error_too_many' });
		const secret = newSecretToken();
		const row = {
			id: secret.id,
			user_id: actor.id,
			name,
			secret_hash: secret.secretHash,
			created_at: now.toISOString(),
			expires_at: new Date(now.getTime() + input.lifetimeDays * DAY).toISOString(),
			revoked_at: null,
			last_used_at: null
		};
		await trx.insertInto('api_tokens').values(row).execute();
		await recordAudit(trx, { actorId: actor.id, action: 'api_token.create', entityType: 'api_token', entityId: row.id, details: { name, lifetimeDays: input.lifetimeDays } }, now);
		return { summary: summaryOf(row, now), token: secret.token };
	});
}

/** The actor's own tokens, newest first (revoked and expired ones too, so the list explains itself). */
export async function listApiTokens(db: Db, actor: Actor, now = new Date()): Promise<ApiTokenSummary[]> {
	assertMayManage(actor);
	const rows = await db
		.selectFrom('api_tokens')
		.select(['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
		.where('user_id', '=', actor.id)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
	return rows.map((row) => summaryOf(row, now));
}

/** Revoke one of the actor's own tokens; someone else's token is "not found". Revoking twice is fine. */
export async function revokeApiToken(db: Db, actor: Actor, tokenId: string, now = new Date()): Promise<void> {
	assertMayManage(actor);
	await db.transaction().execute(async (trx) => {
		const row = await trx.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', tokenId).where('user_id', '=', actor.id).executeTakeFirst();
		if (!row) throw new NotFound();
		if (row.revoked_at) return;
		await trx.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', tokenId).execute();
		await recordAudit(trx, { actorId: actor.id, action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId }, now);
	});
}

export type BearerResult =
	| { ok: true; actor: UserActor; tokenId: string }
	| { ok: false; status: 401 | 403; reason: 'malformed' | 'unknown' | 'revoked' | 'expired' | 'not_researcher' };

/** The bearer token of an `Authorization` header, or null when the header is not a bearer one. */
export function bearerOf(header: string | null): string | null {
	if (!header) return null;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
	return match ? match[1]! : header.toLowerCase().startsWith('bearer') ? '' : null;
}

/**
 * The researcher an `Authorization: Bearer …` header speaks for. A malformed, unknown, revoked or
 * expired token is refused (401); a token whose owner is no longer a researcher gives 403.
 */
export async function actorFromBearer(db: Db, header: string | null, now = new Date()): Promise<BearerResult> {
	const parsed = parseToken(bearerOf(header));
	if (!parsed) return { ok: false, status: 401, reason: 'malformed' };
	const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', parsed.id).executeTakeFirst();
	if (!row || !secretMatches(parsed.secret, row.secret_hash)) return { ok: false, status: 401, reason: 'unknown' };
	if (row.revoked_at) return { ok: false, status: 401, reason: 'revoked' };
	if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, status: 401, reason: 'expired' };
	const actor = await loadActor(db, row.user_id);
	if (!actor) return { ok: false, status: 401, reason: 'unknown' };
	if (!can(actor, { action: 'research.read' })) return { ok: false, status: 403, reason: 'not_researcher' };
	if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= HOUR) {
		await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
	}
	return { ok: true, actor, tokenId: row.id };
}
