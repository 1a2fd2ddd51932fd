import { sql } from 'kysely';
import type { Actor } from '$lib/domain/actor';
import { can, type TrajectoryRef } from '$lib/domain/authorization';
import { Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { planFromJson, totalCostCents, type PlanContent } from '$lib/domain/plan/content';
import { decisionDue, daysWaiting, isOverdue } from '$lib/domain/plan/deadlines';
import { diffPlans, type PlanChange } from '$lib/domain/plan/diff';
import { decisionNeedsReason, mayDecide, mayRecordOutcome, statusAfterDecision, type Decision } from '$lib/domain/plan/lifecycle';
import type { OrganisationRules, RuleCheck } from '$lib/domain/plan/rules';
import { pageCount } from '$lib/domain/provider-search';
import { benefitTypesPaidBy, type BenefitType, type OrganisationKind, type Region } from '$lib/domain/reference';
import type { TrajectoryStatus } from '$lib/domain/trajectory';
import type { QueueFilter, QueueStatusFilter } from '$lib/schemas/review';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';
import { notify, partiesOf, type NotificationEvent } from './notifications';
import { rulesOf } from './organisation-rules';
import { loadProfiles, marketComparison, type PlacementComparison, type ProviderProfile } from './providers';
import type { SatisfactionComparison } from './satisfaction';
import { recordTransition, transitionsOf, type TransitionRecord } from './trajectory-transitions';

/**
 * The reviewer's work (product brief §2): the queue of their own organisation's plans, everything
 * needed to decide on one page, and the decision itself. A reviewer never learns anything about
 * another organisation's trajectories: not in lists, not in counts, and an id of another
 * organisation answers exactly as an id that does not exist.
 */

export const QUEUE_PAGE_SIZE = 20;

/** The trajectory statuses behind each filter of the queue. Only trajectories submitted at least once appear. */
export const statusesOfFilter: Record<Exclude<QueueStatusFilter, 'all'>, readonly TrajectoryStatus[]> = {
	submitted: ['submitted'],
	// Returned for changes: while client and provider amend it, the plan is a draft again.
	changes_requested: ['changes_requested', 'draft', 'provider_signed'],
	active: ['approved', 'active'],
	rejected: ['rejected'],
	ended: ['completed', 'terminated']
};

function statusesOf(filter: QueueStatusFilter): readonly TrajectoryStatus[] {
	return filter === 'all' ? Object.values(statusesOfFilter).flat() : statusesOfFilter[filter];
}

export interface QueueItem {
	trajectoryId: string;
	clientName: string;
	benefitType: BenefitType | null;
	providerName: string;
	status: TrajectoryStatus;
	versionNumber: number;
	submittedAt: string;
	totalCostCents: number;
	/** Only while a decision is awaited (status `submitted`). */
	waiting: { days: number; due: string; overdue: boolean } | null;
}

export interface Queue {
	filter: QueueFilter;
	items: QueueItem[];
	total: number;
	page: number;
	pageCount: number;
	/** Per filter, with the benefit type filter applied: the numbers next to the filter labels. */
	counts: Record<QueueStatusFilter, number>;
	overdueCount: number;
	decisionWeeks: number;
	/** The benefit types the organisation pays for: the options of the benefit filter. */
	benefitTypes: BenefitType[];
}

function reviewerOrganisation(actor: Actor): string {
	if (!can(actor, { action: 'plans.queue' }) || actor.kind !== 'user' || !actor.organisationId) throw new Forbidden();
	return actor.organisationId;
}

/** The organisation's trajectories with their latest submitted version (none: never submitted, not listed). */
function queueBase(db: Db, organisationId: string, benefitType: BenefitType | null) {
	let query = db
		.selectFrom('trajectories as t')
		.innerJoin('users as c', 'c.id', 't.client_id')
		.innerJoin('plan_versions as v', (join) =>
			join
				.onRef('v.trajectory_id', '=', 't.id')
				.on((eb) => eb('v.number', '=', eb.selectFrom('plan_versions as w').select((inner) => inner.fn.max('w.number').as('latest')).whereRef('w.trajectory_id', '=', 't.id')))
		)
		.where('t.organisation_id', '=', organisationId);
	if (benefitType) query = query.where('c.benefit_type', '=', benefitType);
	return query;
}

export async function listQueue(db: Db, actor: Actor, filter: QueueFilter, now = new Date()): Promise<Queue> {
	const organisationId = reviewerOrganisation(actor);
	const rules = await rulesOf(db, organisationId);
	const organisation = await db.selectFrom('organisations').select('kind').where('id', '=', organisationId).executeTakeFirstOrThrow();
	const base = queueBase(db, organisationId, filter.benefitType);

	const perStatus = await base.select(['t.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('t.status').execute();
	const countOf = (statuses: readonly TrajectoryStatus[]) => perStatus.filter((row) => statuses.includes(row.status as TrajectoryStatus)).reduce((sum, row) => sum + Number(row.n), 0);
	const counts = Object.fromEntries(
		(['submitted', 'changes_requested', 'active', 'rejected', 'ended', 'all'] as const).map((key) => [key, countOf(statusesOf(key))])
	) as Record<QueueStatusFilter, number>;

	// Overdue: submitted before this moment minus the decision term.
	const overdueBefore = new Date(now.getTime() - rules.decisionWeeks * 7 * 24 * 60 * 60 * 1000).toISOString();
	const overdue = await base
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('t.status', '=', 'submitted')
		.where('v.submitted_at', '<', overdueBefore)
		.executeTakeFirstOrThrow();

	const total = counts[filter.status];
	const pages = pageCount(total, QUEUE_PAGE_SIZE);
	const page = Math.min(filter.page, pages);
	const rows = await base
		.innerJoin('providers as p', 'p.id', 't.provider_id')
		.select(['t.id', 't.status', 'c.display_name', 'c.benefit_type', 'p.name as provider_name', 'v.number', 'v.submitted_at', 'v.content'])
		.where('t.status', 'in', statusesOf(filter.status))
		// Waiting plans first, the longest waiting at the top; then the rest by submission.
		.orderBy(sql`case when t.status = 'submitted' then 0 else 1 end`)
		.orderBy('v.submitted_at')
		.orderBy('t.id')
		.limit(QUEUE_PAGE_SIZE)
		.offset((page - 1) * QUEUE_PAGE_SIZE)
		.execute();

	const items = rows.map((row): QueueItem => {
		const status = row.status as TrajectoryStatus;
		const submittedAt = new Date(row.submitted_at);
		return {
			trajectoryId: row.id,
			clientName: row.display_name,
			benefitType: row.benefit_type as BenefitType | null,
			providerName: row.provider_name,
			status,
			versionNumber: Number(row.number),
			submittedAt: row.submitted_at,
			totalCostCents: totalCostCents(planFromJson(row.content)),
			waiting:
				status === 'submitted'
					? { days: daysWaiting(submittedAt, now), due: decisionDue(submittedAt, rules).toISOString(), overdue: isOverdue(submittedAt, rules, now) }
					: null
		};
	});
	return { filter: { ...filter, page }, items, total, page, pageCount: pages, counts, overdueCount: Number(overdue.n),
		decisionWeeks: rules.decisionWeeks,
		benefitTypes: benefitTypesPaidBy(organisation.kind as OrganisationKind)
	};
}

export interface VersionSummary {
	id: string;
	number: number;
	submittedAt: string;
	submittedBy: string | null;
	decision: Decision | null;
	decisionReason: string | null;
	decidedAt: string | null;
	decidedBy: string | null;
}

export interface ReviewCase {
	trajectoryId: string;
	status: TrajectoryStatus;
	organisationName: string;
	client: { name: string; benefitType: BenefitType | null; region: Region | null; startingSituation: string; motivation: string };
	latest: VersionSummary & { content: PlanContent; ruleChecks: RuleCheck[]; rules: OrganisationRules | null; totalCostCents: number };
	/** Earlier versions, newest first, with their decisions. */
	earlier: VersionSummary[];
	/** What changed since the last version a reviewer decided on; null when there is none. */
	changes: { since: number; list: PlanChange[] } | null;
	provider: ProviderProfile;
	placement: PlacementComparison;
	satisfaction: SatisfactionComparison;
	transitions: TransitionRecord[];
	deadline: { due: string; daysWaiting: number; overdue: boolean; decisionWeeks: number } | null;
	mayDecide: boolean;
	mayRecordOutcome: boolean;
	outcome: { placed: boolean | null; placedOn: string | null; contractMonths: number | null; endReason: string | null; endedAt: string | null };
}

async function trajectoryRef(db: Db, trajectoryId: string) {
	return db
		.selectFrom('trajectories')
		.select(['id', 'client_id', 'provider_id', 'organisation_id', 'status', 'placed', 'placed_on', 'contract_months', 'end_reason', 'ended_at'])
		.where('id', '=', trajectoryId)
		// An erased client's trajectory (client_id null) is not found: nothing to review any more.
		.where('client_id', 'is not', null)
		.$narrowType<{ client_id: string }>()
		.executeTakeFirst();
}

const refOf = (row: { client_id: string; provider_id: string; organisation_id: string }): TrajectoryRef => ({
	clientId: row.client_id,
	providerId: row.provider_id,
	organisationId: row.organisation_id
});

function parseJson<T>(text: string, fallback: T): T {
	try {
		return JSON.parse(text) as T;
	} catch {
		return fallback;
	}
}

/** Everything a reviewer needs to decide on one trajectory's latest plan version. */
export async function getReviewCase(db: Db, actor: Actor, trajectoryId: string, options: { publicationMinimum: number; now?: Date }): Promise<ReviewCase> {
	reviewerOrganisation(actor);
	const now = options.now ?? new Date();
	const trajectory = await trajectoryRef(db, trajectoryId);
	// Another organisation's trajectory is answered as one that does not exist.
	if (!trajectory || !can(actor, { action: 'plan.review', trajectory: refOf(trajectory) })) throw new NotFound();
	const versions = await db
		.selectFrom('plan_versions as v')
		.leftJoin('users as s', 's.id', 'v.submitted_by')
		.leftJoin('users as d', 'd.id', 'v.decided_by')
		.select([
			'v.id',
			'v.number',
			'v.content',
			'v.rules',
			'v.rule_checks',
			'v.submitted_at',
			's.display_name as submitted_by',
			'v.decision',
			'v.decision_reason',
			'v.decided_at',
			'd.display_name as decided_by'
		])
		.where('v.trajectory_id', '=', trajectoryId)
		.orderBy('v.number', 'desc')
		.execute();
	// Nothing submitted yet: nothing to review.
	if (versions.length === 0) throw new NotFound();

	const [client, organisation, rules, transitions, profiles] = await Promise.all([
		db.selectFrom('users').select(['display_name', 'benefit_type', 'region']).where('id', '=', trajectory.client_id).executeTakeFirstOrThrow(),
		db.selectFrom('organisations').select('name').where('id', '=', trajectory.organisation_id).executeTakeFirstOrThrow(),
		rulesOf(db, trajectory.organisation_id),
		transitionsOf(db, trajectoryId),
		loadProfiles(db, [trajectory.provider_id])
	]);
	const provider = profiles[0];
	if (!provider) throw new NotFound();
	const { placement, satisfaction } = await marketComparison(db, provider, options.publicationMinimum);

	const summary = (row: (typeof versions)[number]): VersionSummary => ({
		id: row.id,
		number: Number(row.number),
		submittedAt: row.submitted_at,
		submittedBy: row.submitted_by,
		decision: row.decision as Decision | null,
		decisionReason: row.decision_reason,
		decidedAt: row.decided_at,
		decidedBy: row.decided_by
	});
	const [latestRow, ...earlierRows] = versions;
	const content = planFromJson(latestRow!.content);
	const lastDecided = earlierRows.find((row) => row.decision !== null);
	const status = trajectory.status as TrajectoryStatus;
	const submittedAt = new Date(latestRow!.submitted_at);
	const waiting = status === 'submitted' && latestRow!.decision === null;
	return {
		trajectoryId,
		status,
		organisationName: organisation.name,
		client: {
			name: client.display_name,
			benefitType: client.benefit_type as BenefitType | null,
			region: client.region as Region | null,
			startingSituation: content.startingSituation,
			motivation: content.motivation
		},
		latest: {
			...summary(latestRow!),
			content,
			// As stored at submission: a later change of the organisation's limits never rewrites them.
			ruleChecks: parseJson<RuleCheck[]>(latestRow!.rule_checks, []),
			rules: parseJson<OrganisationRules | null>(latestRow!.rules, null),
			totalCostCents: totalCostCents(content)
		},
		earlier: earlierRows.map(summary),
		changes: lastDecided ? { since: Number(lastDecided.number), list: diffPlans(planFromJson(lastDecided.content), content) } : null,
		provider,
		placement,
		satisfaction,
		transitions,
		deadline: waiting
			? { due: decisionDue(submittedAt, rules).toISOString(), daysWaiting: daysWaiting(submittedAt, now), overdue: isOverdue(submittedAt, rules, now), decisionWeeks: rules.decisionWeeks }
			: null,
		mayDecide: waiting && mayDecide(status),
		mayRecordOutcome: mayRecordOutcome(status),
		outcome: {
			placed: trajectory.placed === null ? null : Number(trajectory.placed) === 1,
			placedOn: trajectory.placed_on,
			contractMonths: trajectory.contract_months === null ? null : Number(trajectory.contract_months),
			endReason: trajectory.end_reason,
			endedAt: trajectory.ended_at
		}
	};
}

export interface DecisionResult {
	trajectoryId: string;
	decision: Decision;
	status: TrajectoryStatus;
}

const eventOf: Record<Decision, NotificationEvent> = {
	approved: 'plan_approved',
	rejected: 'plan_rejected',
	changes_requested: 'changes_requested'
};

/**
 * A reviewer decides on one exact plan version. Refused unless that version is the trajectory's
 * latest, still undecided, and the trajectory waits for a decision. The version is updated only
 * where it has no decision yet, so of two reviewers deciding at once exactly one succeeds; the
 * status, transitions, audit entry, notifications and mails are written in the same transaction.
 */
export async function decide(db: Db, actor: Actor, planVersionId: string, input: { decision: Decision; reason?: string | null }, now = new Date()): Promise<DecisionResult> {
	reviewerOrganisation(actor);
	if (actor.kind !== 'user') throw new Forbidden();
	const version = await db.selectFrom('plan_versions').select(['id', 'trajectory_id']).where('id', '=', planVersionId).executeTakeFirst();
	const trajectory = version ? await trajectoryRef(db, version.trajectory_id) : undefined;
	if (!version || !trajectory || !can(actor, { action: 'plan.review', trajectory: refOf(trajectory) })) throw new NotFound();
	const reason = input.reason?.trim() ?? '';
	if (decisionNeedsReason(input.decision) && reason === '') throw new Invalid({ reason: 'review_error_reason_required' });
	const trajectoryId = trajectory.id;

	return db.transaction().execute(async (trx) => {
		// The trajectory before the version: a decision committed in between (a double submit on
		// PostgreSQL) then shows as "already decided", not as a trajectory no longer waiting.
		const state = await trx.selectFrom('trajectories').select('status').where('id', '=', trajectoryId).executeTakeFirstOrThrow();
		const current = await trx.selectFrom('plan_versions').select(['number', 'decision']).where('id', '=', planVersionId).executeTakeFirstOrThrow();
		if (current.decision !== null) throw new Invalid({ decision: 'review_error_already_decided' });
		const latest = await trx
			.selectFrom('plan_versions')
			.select((eb) => eb.fn.max('number').as('latest'))
			.where('trajectory_id', '=', trajectoryId)
			.executeTakeFirstOrThrow();
		if (Number(latest.latest) !== Number(current.number)) throw new Invalid({ decision: 'review_error_outdated' });
		const from = state.status as TrajectoryStatus;
		if (!mayDecide(from)) throw new Invalid({ decision: 'review_error_not_waiting' });

		const decided = await trx
			.updateTable('plan_versions')
			.set({ decision: input.decision, decision_reason: reason || null, decided_at: now.toISOString(), decided_by: actor.id })
			.where('id', '=', planVersionId)
			.where('decision', 'is', null)
			.executeTakeFirst();
		// Another reviewer decided in the meantime: theirs stands, nothing of ours is written.
		if (Number(decided.numUpdatedRows) !== 1) throw new Invalid({ decision: 'review_error_already_decided' });

		const to = statusAfterDecision(input.decision);
		const moved = await trx
			.updateTable('trajectories')
			.set({ status: to, updated_at: now.toISOString() })
			.where('id', '=', trajectoryId)
			.where('status', '=', from)
			.executeTakeFirst();
		if (Number(moved.numUpdatedRows) !== 1) throw new Invalid({ decision: 'review_error_not_waiting' });

		if (input.decision === 'approved') {
			// The log keeps both steps: approved by the reviewer, and active from that moment.
			await recordTransition(trx, { trajectoryId, actorId: actor.id, from, to: 'approved', reason: reason || null }, now);
			await recordTransition(trx, { trajectoryId, actorId: actor.id, from: 'approved', to: 'active' }, now);
		} else {
			await recordTransition(trx, { trajectoryId, actorId: actor.id, from, to, reason }, now);
		}
		await recordAudit(
			trx,
			{ actorId: actor.id, action: 'plan.decided', entityType: 'plan_version', entityId: planVersionId, details: { trajectoryId, number: Number(current.number), decision: input.decision } },
			now
		);

		const parties = await partiesOf(trx, trajectoryId);
		const notice = { event: eventOf[input.decision], trajectoryId, params: parties.names };
		await notify(trx, [parties.clientId], { ...notice, path: '/plan' }, now);
		await notify(trx, parties.providerStaffIds, { ...notice, path: `/aanbieder/clienten/${trajectoryId}/plan` }, now);
		return { trajectoryId, decision: input.decision, status: to };
	});
}
