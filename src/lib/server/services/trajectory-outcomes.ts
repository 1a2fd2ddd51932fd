import type { Actor } from '$lib/domain/actor';
import { can } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { parseDay } from '$lib/domain/plan/content';
import { mayRecordOutcome } from '$lib/domain/plan/lifecycle';
import type { TrajectoryStatus } from '$lib/domain/trajectory';
import type { OutcomeInput } from '$lib/schemas/review';
import { currentSurveyWave } from '$lib/server/app';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';
import { notify, partiesOf } from './notifications';
import { queueSurveyInvitationMail } from './survey-mail';
import { createInvitation } from './survey-invitations';
import { recordTransition } from './trajectory-transitions';

/**
 * How an active trajectory ended (product brief §2): `completed`, with or without a placement (and
 * when placed, the date and the contract length), or `terminated` early with a reason. Recorded by
 * the staff of the trajectory's provider or a reviewer of the paying organisation. The outcome feeds
 * the placement rates on provider pages (completed trajectories, `placed` 1 or 0) and invites the
 * client to the satisfaction survey, in the same transaction.
 */

export const CONTRACT_MONTHS_MAX = 120;

export interface OutcomeView {
	trajectoryId: string;
	status: TrajectoryStatus;
	clientName: string;
	providerName: string;
	mayRecord: boolean;
}

async function loadTrajectory(db: Db, trajectoryId: string) {
	return db
		.selectFrom('trajectories as t')
		.innerJoin('users as c', 'c.id', 't.client_id')
		.innerJoin('providers as p', 'p.id', 't.provider_id')
		.select(['t.id', 't.client_id', 't.provider_id', 't.organisation_id', 't.status', 't.chosen_at', 'c.display_name as client_name', 'p.name as provider_name'])
		.where('t.id', '=', trajectoryId)
		// Joined on the client: an erased client's trajectory (client_id null) is not found.
		.$narrowType<{ client_id: string }>()
		.executeTakeFirst();
}

async function permitted(db: Db, actor: Actor, trajectoryId: string) {
	if (actor.kind !== 'user' || (actor.role !== 'provider' && actor.role !== 'reviewer')) throw new Forbidden();
	const row = await loadTrajectory(db, trajectoryId);
	// Not theirs: answered as if it did not exist.
	if (!row || !can(actor, { action: 'trajectory.record-outcome', trajectory: { clientId: row.client_id, providerId: row.provider_id, organisationId: row.organisation_id } }))
		throw new NotFound();
	return row;
}

/** What the outcome form shows about the trajectory. */
export async function getOutcomeView(db: Db, actor: Actor, trajectoryId: string): Promise<OutcomeView> {
	const row = await permitted(db, actor, trajectoryId);
	const status = row.status as TrajectoryStatus;
	return { trajectoryId: row.id, status, clientName: row.client_name, providerName: row.provider_name, mayRecord: mayRecordOutcome(status) };
}

export interface RecordedOutcome {
	trajectoryId: string;
	status: 'completed' | 'terminated';
	/** The survey link was created and its mail queued (false only when this wave already had one). */
	surveyInvited: boolean;
}

function checkInput(outcome: OutcomeInput, chosenAt: string, now: Date): void {
	if (outcome.outcome === 'terminated') {
		if (outcome.reason.trim() === '') throw new Invalid({ reason: 'outcome_error_reason_required' });
		return;
	}
	if (!outcome.placed) return;
	const placedOn = parseDay(outcome.placedOn);
	if (!placedOn) throw new Invalid({ placedOn: 'outcome_error_placed_on' });
	// A placement lies within the trajectory: not before the provider was chosen, not over a year ahead.
	const earliest = parseDay(chosenAt.slice(0, 10))!;
	const latest = new Date(now.getTime() + 366 * 24 * 60 * 60 * 1000);
	if (placedOn < earliest || placedOn > latest) throw new Invalid({ placedOn: 'outcome_error_placed_on_range' });
	if (!Number.isInteger(outcome.contractMonths) || outcome.contractMonths < 1 || outcome.contractMonths > CONTRACT_MONTHS_MAX)
		throw new Invalid({ contractMonths: 'outcome_error_contract_months' });
}

export async function recordOutcome(db: Db, actor: Actor, trajectoryId: string, outcome: OutcomeInput, now = new Date()): Promise<RecordedOutcome> {
	const row = await permitted(db, actor, trajectoryId);
	if (actor.kind !== 'user') throw new Forbidden();
	if (!mayRecordOutcome(row.status as TrajectoryStatus)) throw new Invalid({ outcome: 'outcome_error_not_active' });
	checkInput(outcome, row.chosen_at, now);
	const to = outcome.outcome;
	const values =
		outcome.outcome === 'terminated'
			? { placed: null, placed_on: null, contract_months: null, end_reason: outcome.reason.trim() }
			: outcome.placed
				? { placed: 1, placed_on: outcome.placedOn, contract_months: outcome.contractMonths, end_reason: null }
				: { placed: 0, placed_on: null, contract_months: null, end_reason: null };

	return db.transaction().execute(async (trx) => {
		// Only from `active`: of two people recording at once, exactly one outcome stands.
		const moved = await trx
			.updateTable('trajectories')
			.set({ status: to, ended_at: now.toISOString(), updated_at: now.toISOString(), ...values })
			.where('id', '=', trajectoryId)
			.where('status', '=', 'active')
			.executeTakeFirst();
		if (Number(moved.numUpdatedRows) !== 1) throw new Invalid({ outcome: 'outcome_error_not_active' });
		await recordTransition(trx, { trajectoryId, actorId: actor.id, from: 'active', to, reason: values.end_reason }, now);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'trajectory.outcome_recorded',
				entityType: 'trajectory',
				entityId: trajectoryId,
				details: { outcome: to, placed: values.placed, placedOn: values.placed_on, contractMonths: values.contract_months }
			},
			now
		);

		const parties = await partiesOf(trx, trajectoryId);
		const notice = { event: 'outcome_recorded' as const, trajectoryId, params: { clientName: row.client_name, providerName: row.provider_name } };
		await notify(trx, [parties.clientId], { ...notice, path: '/plan' }, now);
		// The provider's staff hear of it when the reviewer recorded it (they know when they did it themselves).
		if (actor.role === 'reviewer') await notify(trx, parties.providerStaffIds, { ...notice, path: `/aanbieder/clienten/${trajectoryId}/plan` }, now);

		const invitation = await createInvitation(trx, trajectoryId, currentSurveyWave(now), now);
		if (invitation) await queueSurveyInvitationMail(trx, { clientId: row.client_id, invitationPath: invitation.path, expiresAt: invitation.expiresAt }, now);
		return { trajectoryId, status: to, surveyInvited: invitation !== null };
	});
}
