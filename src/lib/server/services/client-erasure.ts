import type { Kysely } from 'kysely';
import type { Actor, UserActor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { emptyPlan, planFromJson, type PlanContent } from '$lib/domain/plan/content';
import { closedStatuses, type TrajectoryStatus } from '$lib/domain/trajectory';
import { throttleKeys } from '$lib/server/auth/throttle';
import type { Database, Db } from '$lib/server/db';
import { recordAudit } from './audit';
import { recordTransition } from './trajectory-transitions';

/**
 * Erasure on request (AVG/GDPR, issue 7): the admin erases a client. In one transaction:
 *
 * Removed — the account with its sessions, invitation links, API tokens and sign-in failures; the
 * contact data (name, e-mail, benefit, region: the users row); every notification and outbox mail
 * for the client or about their trajectories (sent ones too: the outbox holds their address, the
 * provider's and reviewer's mails their name); the survey invitations (with their token hashes)
 * and unfinished survey answers; every free text of their plans.
 *
 * Kept, without any link to the person:
 * - Completed survey responses, with provider, wave, instrument version, answers and overall mark,
 *   so every satisfaction aggregate stays the same. Their invitation and trajectory links, the free
 *   comment and the time of day are removed (the day stays, for period filters): nothing joins them
 *   back to the trajectory, its invitation or a mail. Response rates lose the erased invitation (it
 *   held the token hash and its completion time would match the response's).
 * - The trajectories, as anonymous rows (client_id null): provider, paying organisation, status,
 *   dates and outcome, so that placement rates do not change. An open trajectory cannot go on
 *   without its client: it ends as `terminated`, with a transition by the admin.
 * - Plan drafts and submitted versions keep only what the paying organisation must account for:
 *   activity types, weeks and amounts, hours, planned dates, contract form, placement definition,
 *   the rule checks (numbers only) and the decision with its reviewer and date. The texts — target
 *   occupation, starting situation, motivation, activity descriptions, the reviewer's reasons and
 *   remarks, the end reason — are personal and go; so do the revisions of the draft.
 * - The audit log keeps its rows (it records what happened to the system) but loses the client as
 *   actor or subject and any details naming them; one entry records that an erasure happened, by
 *   whom, and nothing about whom.
 */

type Trx = Kysely<Database>;

export interface ErasureFootprint {
	trajectories: number;
	/** Of those, still open: they end as `terminated`. */
	openTrajectories: number;
	notifications: number;
	mails: number;
	surveyInvitations: number;
	/** Completed survey responses that stay, anonymous, in the aggregates. */
	surveyResponsesKept: number;
}

export interface ErasureCandidate {
	id: string;
	displayName: string;
	email: string;
	organisationName: string | null;
	benefitType: string | null;
	footprint: ErasureFootprint;
}

function assertMayErase(actor: Actor): asserts actor is UserActor {
	if (!can(actor, { action: 'client.erase' }) || actor.kind !== 'user') throw new Forbidden();
}

/** The client with this e-mail address (any case), with what erasure would touch; null when none. */
export async function findClientForErasure(db: Db, actor: Actor, email: string): Promise<ErasureCandidate | null> {
	assertMayErase(actor);
	const row = await db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).where('role', '=', 'client').executeTakeFirst();
	return row ? candidateOf(db, row.id) : null;
}

/** The client to erase, for the confirmation page. Unknown (or erased already): NotFound. */
export async function erasureCandidate(db: Db, actor: Actor, clientId: string): Promise<ErasureCandidate> {
	assertMayErase(actor);
	const candidate = await candidateOf(db, clientId);
	if (!candidate) throw new NotFound('client');
	return candidate;
}

async function candidateOf(db: Db, clientId: string): Promise<ErasureCandidate | null> {
	const client = await db
		.selectFrom('users')
		.leftJoin('organisations', 'organisations.id', 'users.organisation_id')
		.select(['users.id', 'users.display_name', 'users.email', 'users.benefit_type', 'organisations.name as organisation_name'])
		.where('users.id', '=', clientId)
		.where('users.role', '=', 'client')
		.executeTakeFirst();
	if (!client) return null;
	const found = await footprintOf(db, { id: client.id, email: client.email });
	return {
		id: client.id,
		displayName: client.display_name,
		email: client.email,
		organisationName: client.organisation_name,
		benefitType: client.benefit_type,
		footprint: {
			trajectories: found.trajectories.length,
			openTrajectories: found.trajectories.filter((row) => !closedStatuses.includes(row.status as TrajectoryStatus)).length,
			notifications: found.notificationIds.length,
			mails: found.mailIds.length,
			surveyInvitations: found.invitationIds.length,
			surveyResponsesKept: found.responses.filter((row) => row.completed_at !== null).length
		}
	};
}

/** Every row that belongs to or is about the client, found the same way for the preview and the erasure. */
async function footprintOf(db: Trx, client: { id: string; email: string }) {
	const trajectories = await db.selectFrom('trajectories').select(['id', 'status']).where('client_id', '=', client.id).execute();
	const trajectoryIds = trajectories.map((row) => row.id);
	const some = trajectoryIds.length > 0;
	const invitationIds = some
		? (await db.selectFrom('survey_invitations').select('id').where('trajectory_id', 'in', trajectoryIds).execute()).map((row) => row.id)
		: [];
	const responses = await db
		.selectFrom('survey_responses')
		.select(['id', 'started_at', 'completed_at'])
		.where((eb) =>
			eb.or([
				...(some ? [eb('trajectory_id', 'in', trajectoryIds)] : []),
				...(invitationIds.length > 0 ? [eb('invitation_id', 'in', invitationIds)] : []),
				eb.lit(false)
			])
		)
		.execute();
	const notificationIds = (
		await db
			.selectFrom('notifications')
			.select('id')
			.where((eb) => eb.or([eb('user_id', '=', client.id), ...(some ? [eb('trajectory_id', 'in', trajectoryIds)] : [])]))
			.execute()
	).map((row) => row.id);
	// Mails to the client, and mails to others about their trajectories: those carry the client's
	// name and link to the trajectory (`/beoordelen/<id>`, `/aanbieder/clienten/<id>/plan`).
	const mailIds = (
		await db
			.selectFrom('outbox')
			.select('id')
			.where((eb) =>
				eb.or([
					eb('user_id', '=', client.id),
					eb(eb.fn('lower', ['recipient']), '=', client.email.toLowerCase()),
					...(invitationIds.length > 0 ? [eb('survey_invitation_id', 'in', invitationIds)] : []),
					...trajectoryIds.map((id) => eb('body', 'like', `%${id}%`))
				])
			)
			.execute()
	).map((row) => row.id);
	const planIds = some ? (await db.selectFrom('plans').select('id').where('trajectory_id', 'in', trajectoryIds).execute()).map((row) => row.id) : [];
	const versionIds = some ? (await db.selectFrom('plan_versions').select('id').where('trajectory_id', 'in', trajectoryIds).execute()).map((row) => row.id) : [];
	return { trajectories, trajectoryIds, invitationIds, responses, notificationIds, mailIds, planIds, versionIds };
}

export interface ErasureResult {
	trajectoriesKept: number;
	surveyResponsesKept: number;
}

/** Erase a client for good. Unknown, not a client, or erased already: NotFound, and nothing changes. */
export async function eraseClient(db: Db, actor: Actor, clientId: string, now = new Date()): Promise<ErasureResult> {
	assertMayErase(actor);
	return db.transaction().execute(async (trx) => {
		// The first write claims the row: of two admins erasing at once, the second finds nothing.
		const claimed = await trx.updateTable('users').set({ password_hash: null }).where('id', '=', clientId).where('role', '=', 'client').executeTakeFirst();
		if (Number(claimed.numUpdatedRows) !== 1) throw new NotFound('client');
		const client = await trx.selectFrom('users').select(['id', 'email', 'display_name']).where('id', '=', clientId).executeTakeFirstOrThrow();
		const found = await footprintOf(trx, client);
		const at = now.toISOString();

		await keepResponsesAnonymously(trx, found.responses);
		if (found.mailIds.length > 0) await trx.deleteFrom('outbox').where('id', 'in', found.mailIds).execute();
		if (found.notificationIds.length > 0) await trx.deleteFrom('notifications').where('id', 'in', found.notificationIds).execute();
		if (found.invitationIds.length > 0) await trx.deleteFrom('survey_invitations').where('id', 'in', found.invitationIds).execute();
		await keepPlansWithoutFreeText(trx, client.id, found.planIds, found.versionIds);

		for (const trajectory of found.trajectories) {
			const status = trajectory.status as TrajectoryStatus;
			if (closedStatuses.includes(status)) continue;
			await trx.updateTable('trajectories').set({ status: 'terminated', ended_at: at, updated_at: at }).where('id', '=', trajectory.id).execute();
			await recordTransition(trx, { trajectoryId: trajectory.id, actorId: actor.id, from: status, to: 'terminated', reason: null }, now);
		}
		if (found.trajectoryIds.length > 0) {
			await trx.updateTable('trajectory_transitions').set({ reason: null }).where('trajectory_id', 'in', found.trajectoryIds).execute();
			await trx.updateTable('trajectories').set({ client_id: null, end_reason: null }).where('id', 'in', found.trajectoryIds).execute();
		}
		await trx.updateTable('trajectory_transitions').set({ actor_id: null }).where('actor_id', '=', client.id).execute();

		await forgetInAuditLog(trx, client, [...found.trajectoryIds, ...found.versionIds]);
		await trx.deleteFrom('sign_in_failures').where('throttle_key', '=', throttleKeys(client.email, '')[0]!).execute();
		await trx.deleteFrom('sessions').where('user_id', '=', client.id).execute();
		await trx.deleteFrom('account_invitations').where('user_id', '=', client.id).execute();
		await trx.updateTable('account_invitations').set({ created_by: null }).where('created_by', '=', client.id).execute();
		await trx.deleteFrom('api_tokens').where('user_id', '=', client.id).execute();
		await trx.deleteFrom('users').where('id', '=', client.id).execute();

		await recordAudit(trx, { actorId: actor.id, action: 'client.erased', entityType: 'user', entityId: null }, now);
		return { trajectoriesKept: found.trajectories.length, surveyResponsesKept: found.responses.filter((row) => row.completed_at !== null).length };
	});
}

/** The day of an ISO moment, at midnight UTC: the same day for every period filter, without the time. */
function dayOf(moment: string): string {
	return `${moment.slice(0, 10)}T00:00:00.000Z`;
}

async function keepResponsesAnonymously(trx: Trx, responses: { id: string; started_at: string; completed_at: string | null }[]): Promise<void> {
	const unfinished = responses.filter((row) => row.completed_at === null).map((row) => row.id);
	if (unfinished.length > 0) {
		await trx.deleteFrom('survey_answers').where('response_id', 'in', unfinished).execute();
		await trx.deleteFrom('survey_responses').where('id', 'in', unfinished).execute();
	}
	for (const row of responses) {
		if (row.completed_at === null) continue;
		await trx
			.updateTable('survey_responses')
			.set({ invitation_id: null, trajectory_id: null, comment: null, started_at: dayOf(row.started_at), completed_at: dayOf(row.completed_at) })
			.where('id', '=', row.id)
			.execute();
	}
}

/** A plan with only what the paying organisation accounts for: no text written by or about the person. */
export function planWithoutFreeText(json: string): string {
	const plan = planFromJson(json);
	const kept: PlanContent = {
		...emptyPlan(),
		hoursPerWeek: plan.hoursPerWeek,
		activities: plan.activities.map((activity) => ({
			id: activity.id,
			type: activity.type,
			description: '',
			startWeek: activity.startWeek,
			durationWeeks: activity.durationWeeks,
			costCents: activity.costCents
		})),
		plannedStart: plan.plannedStart,
		plannedEnd: plan.plannedEnd,
		contractForm: plan.contractForm,
		placement: { minContractMonths: plan.placement.minContractMonths, minWeeksOfWork: plan.placement.minWeeksOfWork }
	};
	return JSON.stringify(kept);
}

async function keepPlansWithoutFreeText(trx: Trx, clientId: string, planIds: string[], versionIds: string[]): Promise<void> {
	if (planIds.length > 0) {
		await trx.deleteFrom('plan_revisions').where('plan_id', 'in', planIds).execute();
		for (const plan of await trx.selectFrom('plans').select(['id', 'content']).where('id', 'in', planIds).execute()) {
			await trx.updateTable('plans').set({ content: planWithoutFreeText(plan.content) }).where('id', '=', plan.id).execute();
		}
		await trx.updateTable('plans').set({ updated_by: null }).where('id', 'in', planIds).where('updated_by', '=', clientId).execute();
	}
	if (versionIds.length > 0) {
		for (const version of await trx.selectFrom('plan_versions').select(['id', 'content']).where('id', 'in', versionIds).execute()) {
			await trx.updateTable('plan_versions').set({ content: planWithoutFreeText(version.content), decision_reason: null }).where('id', '=', version.id).execute();
		}
		await trx.updateTable('plan_versions').set({ submitted_by: null }).where('id', 'in', versionIds).where('submitted_by', '=', clientId).execute();
	}
}

/**
 * Audit rows stay, but not as the client's: the client as actor or subject becomes null, and the
 * details of a row that names them (id, e-mail, or — on rows about them — their name) are replaced.
 */
async function forgetInAuditLog(trx: Trx, client: { id: string; email: string; display_name: string }, relatedIds: string[]): Promise<void> {
	const email = client.email.toLowerCase();
	const rows = await trx
		.selectFrom('audit_log')
		.select(['id', 'actor_id', 'entity_type', 'entity_id', 'details'])
		.where((eb) =>
			eb.or([
				eb('actor_id', '=', client.id),
				eb('entity_id', '=', client.id),
				...(relatedIds.length > 0 ? [eb('entity_id', 'in', relatedIds)] : []),
				eb('details', 'like', `%${client.id}%`),
				eb(eb.fn('lower', ['details']), 'like', `%${email}%`)
			])
		)
		.execute();
	const name = client.display_name.trim().toLowerCase();
	for (const row of rows) {
		const about = row.actor_id === client.id || row.entity_id === client.id || (row.entity_id !== null && relatedIds.includes(row.entity_id));
		const details = row.details.toLowerCase();
		const names = details.includes(client.id.toLowerCase()) || details.includes(email) || (about && name.length > 0 && details.includes(name));
		await trx
			.updateTable('audit_log')
			.set({
				actor_id: row.actor_id === client.id ? null : row.actor_id,
				entity_id: row.entity_id === client.id ? null : row.entity_id,
				details: names ? JSON.stringify({ erased: true }) : row.details
			})
			.where('id', '=', row.id)
			.execute();
	}
}
