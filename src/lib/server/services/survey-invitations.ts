import type { Kysely } from 'kysely';
import type { AnswerCode, InstrumentVersion } from '$lib/domain/survey/instrument';
import { isAnswerCode } from '$lib/domain/survey/instrument';
import type { Actor } from '$lib/domain/actor';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { newSecretToken, parseToken, secretMatches } from '$lib/server/auth/secret-token';
import type { Database } from '$lib/server/db';
import { recordAudit } from './audit';
import { latestPublishedVersion, loadInstrument, pagesOf } from './survey-instrument';

/**
 * Survey invitations: a single-use, unguessable token link (`/enquete/<token>`, no sign-in) per
 * ended trajectory per wave. Only a hash of the secret is stored. The response remembers the
 * trajectory for aggregation by provider; nobody reading research output learns who answered.
 */

export const SURVEY_INVITATION_VALID_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Trajectory outcomes that lead to an invitation. */
const endedStatuses = ['completed', 'terminated'];

/** A wave is created the first time something belongs to it. */
export async function ensureWave(db: Kysely<Database>, name: string, now = new Date()): Promise<void> {
	await db
		.insertInto('survey_waves')
		.values({ name, created_at: now.toISOString() })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
}

export interface CreatedInvitation {
	invitationId: string;
	/** The token itself: shown or mailed once, never stored. */
	token: string;
	/** The link path, `/enquete/<token>`. */
	path: string;
	expiresAt: string;
}

/**
 * Invite the client of an ended (completed or terminated) trajectory for a wave. Meant to be called
 * inside the transaction that records the outcome; pass that transaction. Returns null when the
 * trajectory already has an invitation for this wave (one per trajectory per wave).
 */
export async function createInvitation(
	db: Kysely<Database>,
	trajectoryId: string,
	wave: string,
	now = new Date()
): Promise<CreatedInvitation | null> {
	const name = wave.trim();
	if (name === '' || name.length > 50) throw new Invalid({ wave: 'survey_error_wave' });
	const trajectory = await db.selectFrom('trajectories').select(['id', 'status']).where('id', '=', trajectoryId).executeTakeFirst();
	if (!trajectory) throw new NotFound();
	if (!endedStatuses.includes(trajectory.status)) throw new Invalid({ trajectory: 'survey_error_not_ended' });

	await ensureWave(db, name, now);
	const version = await latestPublishedVersion(db);
	const token = newSecretToken();
	const expiresAt = new Date(now.getTime() + SURVEY_INVITATION_VALID_DAYS * DAY_MS).toISOString();
	// The unique (trajectory, wave) constraint decides between two callers at once.
	const result = await db
		.insertInto('survey_invitations')
		.values({
			id: token.id,
			secret_hash: token.secretHash,
			trajectory_id: trajectoryId,
			wave: name,
			instrument_version: version,
			created_at: now.toISOString(),
			expires_at: expiresAt,
			reminded_at: null,
			completed_at: null
		})
		.onConflict((oc) => oc.columns(['trajectory_id', 'wave']).doNothing())
		.executeTakeFirst();
	if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
	await recordAudit(db, { actorId: null, action: 'survey.invited', entityType: 'trajectory', entityId: trajectoryId, details: { wave: name } }, now);
	return { invitationId: token.id, token: token.token, path: `/enquete/${token.token}`, expiresAt };
}

export interface ValidSurvey {
	state: 'valid';
	invitationId: string;
	instrument: InstrumentVersion;
	/** Raw answers saved so far, by item code; skipped items are absent. */
	answers: Record<string, AnswerCode>;
	overall: number | null;
	comment: string | null;
	/** The last page saved (0 = none yet). */
	progress: number;
	/** Where the person goes on: the page after the last one saved. */
	resumePage: number;
	pageCount: number;
}

export type SurveyState = ValidSurvey | { state: 'completed' } | { state: 'expired' } | { state: 'unknown' };

export interface InvitationRow {
	id: string;
	trajectory_id: string;
	wave: string;
	instrument_version: number;
	expires_at: string;
	completed_at: string | null;
}

/** The invitation a token names, or why it cannot be answered. Shared with the answering service. */
export async function findInvitation(
	db: Kysely<Database>,
	token: string,
	now: Date
): Promise<{ state: 'valid'; invitation: InvitationRow } | { state: 'completed' | 'expired' | 'unknown' }> {
	const parsed = parseToken(token);
	if (!parsed) return { state: 'unknown' };
	const row = await db
		.selectFrom('survey_invitations')
		.select(['id', 'secret_hash', 'portal_secret_hash', 'trajectory_id', 'wave', 'instrument_version', 'expires_at', 'completed_at'])
		.where('id', '=', parsed.id)
		.executeTakeFirst();
	// The mailed secret, or the one the portal made for the signed-in client (see portalSurveyLink).
	const matches = row && (secretMatches(parsed.secret, row.secret_hash) || (row.portal_secret_hash !== null && secretMatches(parsed.secret, row.portal_secret_hash)));
	if (!row || !matches) return { state: 'unknown' };
	// A completed survey says thank you, also after the link would have expired.
	if (row.completed_at) return { state: 'completed' };
	if (row.expires_at <= now.toISOString()) return { state: 'expired' };
	const { secret_hash: _hash, portal_secret_hash: _portalHash, ...invitation } = row;
	return { state: 'valid', invitation: { ...invitation, instrument_version: Number(invitation.instrument_version) } };
}

/** Open a survey link: its state, and for a valid link the items, saved answers and the page to resume. */
export async function openSurvey(db: Kysely<Database>, token: string, now = new Date()): Promise<SurveyState> {
	const found = await findInvitation(db, token, now);
	if (found.state !== 'valid') return { state: found.state };
	const instrument = await loadInstrument(db, found.invitation.instrument_version);
	if (!instrument) throw new Error(`Regie: instrument version ${found.invitation.instrument_version} missing`);
	const { pageCount } = pagesOf(instrument);
	const response = await db
		.selectFrom('survey_responses')
		.select(['id', 'overall', 'comment', 'progress', 'completed_at'])
		.where('invitation_id', '=', found.invitation.id)
		.executeTakeFirst();
	if (response?.completed_at) return { state: 'completed' };
	const answers: Record<string, AnswerCode> = {};
	if (response) {
		const rows = await db.selectFrom('survey_answers').select(['item_code', 'answer']).where('response_id', '=', response.id).execute();
		for (const row of rows) if (isAnswerCode(row.answer)) answers[row.item_code] = row.answer;
	}
	const progress = Number(response?.progress ?? 0);
	return {
		state: 'valid',
		invitationId: found.invitation.id,
		instrument,
		answers,
		overall: response?.overall == null ? null : Number(response.overall),
		comment: response?.comment ?? null,
		progress,
		resumePage: Math.min(progress + 1, pageCount),
		pageCount
	};
}

export interface ClientInvitation {
	invitationId: string;
	providerName: string;
	wave: string;
	expiresAt: string;
	/** Answers were saved before: the survey resumes where it was left. */
	started: boolean;
}

/** The signed-in client's surveys that can still be answered (not completed, not expired), newest first. */
export async function openInvitationsOfClient(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<ClientInvitation[]> {
	if (actor.kind !== 'user' || actor.role !== 'client') throw new Forbidden();
	const rows = await db
		.selectFrom('survey_invitations')
		.innerJoin('trajectories', 'trajectories.id', 'survey_invitations.trajectory_id')
		.innerJoin('providers', 'providers.id', 'trajectories.provider_id')
		.leftJoin('survey_responses', 'survey_responses.invitation_id', 'survey_invitations.id')
		.select(['survey_invitations.id', 'survey_invitations.wave', 'survey_invitations.expires_at', 'providers.name', 'survey_responses.progress'])
		.where('trajectories.client_id', '=', actor.id)
		.where('survey_invitations.completed_at', 'is', null)
		.where('survey_invitations.expires_at', '>', now.toISOString())
		.orderBy('survey_invitations.created_at', 'desc')
		.execute();
	return rows.map((row) => ({ invitationId: row.id, providerName: row.name, wave: row.wave, expiresAt: row.expires_at, started: Number(row.progress ?? 0) > 0 }));
}

/**
 * A link for the signed-in client to their own open survey. The mailed token is not stored (only its
 * hash), so the portal gives the invitation a second secret of its own, renewed each time; the
 * mailed link keeps working. Someone else's invitation is not found.
 */
export async function portalSurveyLink(db: Kysely<Database>, actor: Actor, invitationId: string, now = new Date()): Promise<string> {
	const open = await openInvitationsOfClient(db, actor, now);
	if (!open.some((invitation) => invitation.invitationId === invitationId)) throw new NotFound();
	const secret = newSecretToken();
	await db.updateTable('survey_invitations').set({ portal_secret_hash: secret.secretHash }).where('id', '=', invitationId).execute();
	return `/enquete/${invitationId}.${secret.secret}`;
}
