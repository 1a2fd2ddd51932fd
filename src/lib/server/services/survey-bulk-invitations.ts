import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid } from '$lib/domain/errors';
import { waveSchema, type EndedTrajectoryFilter } from '$lib/schemas/survey-admin';
import type { Database } from '$lib/server/db';
import { recordAudit } from './audit';
import { createInvitation } from './survey-invitations';
import { queueSurveyInvitationMail } from './survey-mail';

/**
 * Bulk invitations (issue 5): the admin invites the clients of ended (completed or terminated)
 * trajectories for a named wave, for example a new wave over last quarter's trajectories. Each
 * invitation is made by `createInvitation` and mailed by `queueSurveyInvitationMail` in the same
 * transaction, exactly as an invitation on an outcome; a trajectory is invited once per wave.
 */

const endedStatuses = ['completed', 'terminated'] as const;
/** The list shows at most this many; "invite all that match" takes them all, in chunks of one transaction each. */
export const LIST_LIMIT = 200;
const CHUNK = 100;

export interface EndedTrajectoryRow {
	trajectoryId: string;
	clientName: string;
	providerName: string;
	organisationName: string;
	status: 'completed' | 'terminated';
	endedAt: string | null;
	/** Already invited for the wave asked about. */
	invited: boolean;
}

export interface EndedTrajectoryList {
	rows: EndedTrajectoryRow[];
	/** How many match the filter (rows holds at most LIST_LIMIT of them). */
	total: number;
	/** How many of all that match are already invited for the wave. */
	invitedTotal: number;
}

function assertMayInvite(actor: Actor): asserts actor is Extract<Actor, { kind: 'user' }> {
	// The functional administrator, as for the paper import and the instrument.
	if (!can(actor, { action: 'survey.manage' }) || actor.kind !== 'user') throw new Forbidden();
}

/** The end of a day as an ISO moment, so that `endedTo` includes the whole day. */
const endOfDay = (day: string) => `${day}T23:59:59.999Z`;

function endedQuery(db: Kysely<Database>, filter: EndedTrajectoryFilter) {
	// An erased client's trajectory (client_id null) stays for the placement rates; nobody to invite.
	let query = db.selectFrom('trajectories as t').where('t.status', 'in', endedStatuses).where('t.client_id', 'is not', null);
	if (filter.endedFrom) query = query.where('t.ended_at', '>=', `${filter.endedFrom}T00:00:00.000Z`);
	if (filter.endedTo) query = query.where('t.ended_at', '<=', endOfDay(filter.endedTo));
	if (filter.organisationId) query = query.where('t.organisation_id', '=', filter.organisationId);
	return query;
}

export async function listEndedTrajectories(
	db: Kysely<Database>,
	actor: Actor,
	filter: EndedTrajectoryFilter,
	wave: string | null
): Promise<EndedTrajectoryList> {
	assertMayInvite(actor);
	const waveName = wave?.trim() || null;
	const invitedIn = (eb: ExpressionBuilder<Database & { t: Database['trajectories'] }, 't'>) =>
		eb.exists(
			eb
				.selectFrom('survey_invitations as i')
				.select('i.id')
				.whereRef('i.trajectory_id', '=', 't.id')
				.where('i.wave', '=', waveName ?? '')
		);
	const counts = await endedQuery(db, filter)
		.select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>(eb.case().when(invitedIn(eb)).then(1).else(0).end()).as('invited')])
		.executeTakeFirstOrThrow();
	const rows = await endedQuery(db, filter)
		.innerJoin('users as u', 'u.id', 't.client_id')
		.innerJoin('providers as p', 'p.id', 't.provider_id')
		.innerJoin('organisations as o', 'o.id', 't.organisation_id')
		.select((eb) => ['t.id', 't.status', 't.ended_at', 'u.display_name', 'p.name as provider_name', 'o.name as organisation_name', invitedIn(eb).as('invited')])
		.orderBy('t.ended_at', 'desc')
		.orderBy('t.id')
		.limit(LIST_LIMIT)
		.execute();
	return {
		total: Number(counts.total),
		invitedTotal: Number(counts.invited ?? 0),
		rows: rows.map((row) => ({
			trajectoryId: row.id,
			clientName: row.display_name,
			providerName: row.provider_name,
			organisationName: row.organisation_name,
			status: row.status === 'terminated' ? 'terminated' : 'completed',
			endedAt: row.ended_at,
			invited: Boolean(Number(row.invited))
		}))
	};
}

export interface BulkInvitationResult {
	/** New invitations, each with its mail queued. */
	created: number;
	/** Trajectories that already had an invitation for this wave: nothing new for them. */
	alreadyInvited: number;
	/** Chosen ids that are not (or no longer) an ended trajectory: skipped. */
	notEnded: number;
}

/**
 * Invite the clients of the given trajectories for a wave. Each chunk of trajectories is one
 * transaction (invitation + mail together, or neither); a second run invites nobody twice.
 */
export async function inviteTrajectories(
	db: Kysely<Database>,
	actor: Actor,
	input: { wave: string; trajectoryIds: readonly string[] },
	now = new Date()
): Promise<BulkInvitationResult> {
	assertMayInvite(actor);
	const wave = waveSchema.safeParse(input.wave);
	if (!wave.success) throw new Invalid({ wave: wave.error.issues[0]!.message });
	const ids = [...new Set(input.trajectoryIds)];
	if (ids.length === 0) throw new Invalid({ trajectories: 'survey_admin_error_none_chosen' });
	const result: BulkInvitationResult = { created: 0, alreadyInvited: 0, notEnded: 0 };
	for (let start = 0; start < ids.length; start += CHUNK) {
		const chunk = ids.slice(start, start + CHUNK);
		await db.transaction().execute(async (trx) => {
			const ended = await trx
				.selectFrom('trajectories')
				.select(['id', 'client_id'])
				.where('id', 'in', chunk)
				.where('status', 'in', endedStatuses)
				.where('client_id', 'is not', null)
				.$narrowType<{ client_id: string }>()
				.execute();
			result.notEnded += chunk.length - ended.length;
			for (const trajectory of ended) {
				const invitation = await createInvitation(trx, trajectory.id, wave.data, now);
				if (!invitation) {
					result.alreadyInvited += 1;
					continue;
				}
				await queueSurveyInvitationMail(trx, { clientId: trajectory.client_id, invitationPath: invitation.path, expiresAt: invitation.expiresAt }, now);
				result.created += 1;
			}
		});
	}
	await recordAudit(db, { actorId: actor.id, action: 'survey.bulk-invited', entityType: 'survey_wave', entityId: wave.data, details: { ...result } }, now);
	return result;
}

/** Invite every ended trajectory that matches the filter (the list may show only some of them). */
export async function inviteAllMatching(
	db: Kysely<Database>,
	actor: Actor,
	input: { wave: string; filter: EndedTrajectoryFilter },
	now = new Date()
): Promise<BulkInvitationResult> {
	assertMayInvite(actor);
	const rows = await endedQuery(db, input.filter).select('t.id').orderBy('t.id').execute();
	if (rows.length === 0) throw new Invalid({ trajectories: 'survey_admin_error_none_match' });
	return inviteTrajectories(db, actor, { wave: input.wave, trajectoryIds: rows.map((row) => row.id) }, now);
}
