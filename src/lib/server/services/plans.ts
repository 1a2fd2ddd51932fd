import type { Actor, UserActor } from '$lib/domain/actor';
import { can, type TrajectoryRef } from '$lib/domain/authorization';
import { Conflict, Forbidden, Invalid, NotFound } from '$lib/domain/errors';
import { activityWeeks, emptyPlan, planFromJson, plannedMonths, totalCostCents, type PlanContent } from '$lib/domain/plan/content';
import { daysLeft, submissionDeadline } from '$lib/domain/plan/deadlines';
import { diffPlans, type PlanChange } from '$lib/domain/plan/diff';
import { deadlineApplies, isEditable, mayProviderSign, maySubmit, statusAfterEdit } from '$lib/domain/plan/lifecycle';
import { checkPlan, type OrganisationRules, type RuleCheck } from '$lib/domain/plan/rules';
import { closedStatuses, type TrajectoryStatus } from '$lib/domain/trajectory';
import type { Db } from '$lib/server/db';
import { recordAudit } from './audit';
import { notify, partiesOf } from './notifications';
import { rulesOf } from './organisation-rules';
import { recordTransition } from './trajectory-transitions';

/**
 * The plan that client and chosen provider write together (product brief §2, issue 4): reading it,
 * saving a step with optimistic concurrency, the provider's signature, the client's submission
 * (an immutable version with the rule checks of that moment) and the one extension of the deadline.
 * Every function asks the policy first: someone who may not see the plan gets NotFound.
 */

/** What a refused save or signature tells the person: who saved in between, when, and what changed. */
export interface PlanConflict {
	changedBy: string;
	changedAt: string;
	changes: PlanChange[];
	currentVersion: number;
}

export interface PlanView {
	trajectory: {
		id: string;
		status: TrajectoryStatus;
		chosenAt: string;
		submittedAt: string | null;
		clientId: string;
		clientName: string;
		providerId: string;
		providerName: string;
		providerCode: string;
		organisationId: string;
		organisationName: string;
	};
	content: PlanContent;
	version: number;
	updatedAt: string;
	updatedBy: string | null;
	signature: { by: string; at: string; version: number } | null;
	rules: OrganisationRules;
	totals: { costCents: number; weeks: number; months: number | null };
	deadline: { date: string; daysLeft: number; extended: boolean; mayRequestExtension: boolean } | null;
	/** The reviewer's remarks while the plan is returned for changes. */
	remarks: string | null;
	/** The last submitted version, once there is one. */
	submittedVersion: { number: number; submittedAt: string; ruleChecks: RuleCheck[] } | null;
	/** Who is looking, and what they may do now. */
	viewer: 'client' | 'provider' | 'reviewer';
	may: { edit: boolean; sign: boolean; submit: boolean; requestExtension: boolean };
}

interface TrajectoryRow {
	id: string;
	status: TrajectoryStatus;
	client_id: string;
	provider_id: string;
	organisation_id: string;
	chosen_at: string;
	submitted_at: string | null;
	extension_requested_at: string | null;
}

const refOf = (row: TrajectoryRow): TrajectoryRef => ({ clientId: row.client_id, providerId: row.provider_id, organisationId: row.organisation_id });

async function loadTrajectory(db: Db, trajectoryId: string): Promise<TrajectoryRow | undefined> {
	const row = await db
		.selectFrom('trajectories')
		.select(['id', 'status', 'client_id', 'provider_id', 'organisation_id', 'chosen_at', 'submitted_at', 'extension_requested_at'])
		.where('id', '=', trajectoryId)
		.executeTakeFirst();
	// An erased client's trajectory (client_id null) has no plan anyone can open: old links answer 404.
	return row && row.client_id !== null ? { ...row, client_id: row.client_id, status: row.status as TrajectoryStatus } : undefined;
}

/**
 * The trajectory, when the actor may see its plan and do `action`: someone who may not even see
 * it learns nothing (NotFound); someone who may see it but not do this gets Forbidden.
 */
async function authorised(db: Db, actor: Actor, trajectoryId: string, action: 'plan.view' | 'plan.edit' | 'plan.sign' | 'plan.submit'): Promise<{ user: UserActor; row: TrajectoryRow }> {
	if (actor.kind !== 'user') throw new Forbidden();
	const row = await loadTrajectory(db, trajectoryId);
	if (!row || !can(actor, { action: 'plan.view', trajectory: refOf(row) })) throw new NotFound();
	if (!can(actor, { action, trajectory: refOf(row) })) throw new Forbidden();
	return { user: actor, row };
}

async function planRow(db: Db, trajectoryId: string) {
	return db
		.selectFrom('plans')
		.leftJoin('users', 'users.id', 'plans.updated_by')
		.select(['plans.id', 'plans.content', 'plans.version', 'plans.updated_at', 'plans.signed_version', 'plans.signed_by', 'plans.signed_at', 'users.display_name as updated_by_name'])
		.where('plans.trajectory_id', '=', trajectoryId)
		.executeTakeFirstOrThrow();
}

function hasDeadline(row: TrajectoryRow): boolean {
	return deadlineApplies(row.status, row.submitted_at !== null);
}

export async function getPlanView(db: Db, actor: Actor, trajectoryId: string, now = new Date()): Promise<PlanView> {
	const { user, row } = await authorised(db, actor, trajectoryId, 'plan.view');
	const [names, plan, rules, latest] = await Promise.all([
		db
			.selectFrom('trajectories')
			.innerJoin('users', 'users.id', 'trajectories.client_id')
			.innerJoin('providers', 'providers.id', 'trajectories.provider_id')
			.innerJoin('organisations', 'organisations.id', 'trajectories.organisation_id')
			.select(['users.display_name as client_name', 'providers.name as provider_name', 'providers.code as provider_code', 'organisations.name as organisation_name'])
			.where('trajectories.id', '=', trajectoryId)
			.executeTakeFirstOrThrow(),
		planRow(db, trajectoryId),
		rulesOf(db, row.organisation_id),
		db
			.selectFrom('plan_versions')
			.select(['number', 'content', 'submitted_at', 'rule_checks', 'decision', 'decision_reason'])
			.where('trajectory_id', '=', trajectoryId)
			.orderBy('number', 'desc')
			.limit(1)
			.executeTakeFirst()
	]);
	const editable = isEditable(row.status);
	// Once submitted, what everyone sees is the frozen version, not the working copy.
	const content = !editable && latest ? planFromJson(latest.content) : planFromJson(plan.content);

	const signedNow = plan.signed_version !== null && plan.signed_version === plan.version && plan.signed_at !== null && row.status !== 'draft' && row.status !== 'changes_requested';
	const signer = signedNow && plan.signed_by ? await db.selectFrom('users').select('display_name').where('id', '=', plan.signed_by).executeTakeFirst() : undefined;

	let deadline: PlanView['deadline'] = null;
	if (hasDeadline(row)) {
		const extended = row.extension_requested_at !== null;
		const date = submissionDeadline(new Date(row.chosen_at), rules, extended);
		const left = daysLeft(date, now);
		deadline = { date: date.toISOString(), daysLeft: left, extended, mayRequestExtension: !extended && left > 0 && user.role === 'client' };
	}

	const viewer = user.role === 'client' ? 'client' : user.role === 'provider' ? 'provider' : 'reviewer';
	const ref = refOf(row);
	return {
		trajectory: {
			id: row.id,
			status: row.status,
			chosenAt: row.chosen_at,
			submittedAt: row.submitted_at,
			clientId: row.client_id,
			clientName: names.client_name,
			providerId: row.provider_id,
			providerName: names.provider_name,
			providerCode: names.provider_code,
			organisationId: row.organisation_id,
			organisationName: names.organisation_name
		},
		content,
		version: plan.version,
		updatedAt: plan.updated_at,
		updatedBy: plan.updated_by_name,
		signature: signedNow ? { by: signer?.display_name ?? '', at: plan.signed_at!, version: plan.signed_version! } : null,
		rules,
		totals: { costCents: totalCostCents(content), weeks: activityWeeks(content), months: plannedMonths(content) },
		deadline,
		remarks: row.status === 'changes_requested' && latest?.decision === 'changes_requested' ? latest.decision_reason : null,
		submittedVersion: latest ? { number: latest.number, submittedAt: latest.submitted_at, ruleChecks: JSON.parse(latest.rule_checks) as RuleCheck[] } : null,
		viewer,
		may: {
			edit: editable && can(user, { action: 'plan.edit', trajectory: ref }),
			sign: mayProviderSign(row.status) && can(user, { action: 'plan.sign', trajectory: ref }),
			submit: maySubmit(row.status) && plan.signed_version === plan.version && can(user, { action: 'plan.submit', trajectory: ref }),
			requestExtension: deadline?.mayRequestExtension ?? false
		}
	};
}

/** The client's open trajectory, whose plan `/plan` shows; null when they have not chosen a provider. */
export async function getClientPlanTrajectoryId(db: Db, actor: Actor): Promise<string | null> {
	if (actor.kind !== 'user' || actor.role !== 'client') throw new Forbidden();
	const row = await db.selectFrom('trajectories').select('id').where('client_id', '=', actor.id).where('status', 'not in', closedStatuses).executeTakeFirst();
	return row?.id ?? null;
}

const contentKeys: readonly (keyof PlanContent)[] = Object.keys(emptyPlan()) as (keyof PlanContent)[];

/** Only the fields a plan has; anything else in a patch is ignored. */
function applyPatch(current: PlanContent, patch: Partial<PlanContent>): PlanContent {
	const next: PlanContent = { ...current, placement: { ...current.placement }, activities: [...current.activities] };
	for (const key of contentKeys) {
		if (key in patch && patch[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = patch[key];
	}
	return planFromJson(JSON.stringify(next));
}

/** Raised inside a transaction when a conditional update found the row changed; turned into Conflict outside. */
class LostRace extends Error {}

async function conflictSince(db: Db, trajectoryId: string, baseVersion: number): Promise<Conflict<PlanConflict>> {
	const plan = await planRow(db, trajectoryId);
	const base = await db.selectFrom('plan_revisions').select('content').where('plan_id', '=', plan.id).where('version', '=', baseVersion).executeTakeFirst();
	const before = base ? planFromJson(base.content) : emptyPlan();
	return new Conflict<PlanConflict>({
		changedBy: plan.updated_by_name ?? '',
		changedAt: plan.updated_at,
		changes: diffPlans(before, planFromJson(plan.content)),
		currentVersion: plan.version
	});
}

export interface SaveOutcome {
	version: number;
	changed: boolean;
	status: TrajectoryStatus;
	savedAt: string;
}

/**
 * Saves a change to the draft, based on the version the person read. A save on an outdated version
 * is refused with what changed since (Conflict) and writes nothing; saving the same content again
 * writes nothing either. A change clears the provider's signature.
 */
export async function savePlan(db: Db, actor: Actor, trajectoryId: string, baseVersion: number, patch: Partial<PlanContent>, now = new Date()): Promise<SaveOutcome> {
	const { user } = await authorised(db, actor, trajectoryId, 'plan.edit');
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<SaveOutcome> => {
			const row = (await loadTrajectory(trx, trajectoryId))!;
			if (!isEditable(row.status)) throw new Invalid({ plan: 'plan_error_not_editable' });
			const plan = await planRow(trx, trajectoryId);
			if (plan.version !== baseVersion && !(await onlyOwnSavesSince(trx, plan.id, baseVersion, user.id))) throw new LostRace();
			// From here on the version read is the base: the person's own earlier saves (a save on blur
			// still under way when they pressed the button) are no conflict with themselves.
			const base = plan.version;
			const current = planFromJson(plan.content);
			const next = applyPatch(current, patch);
			if (diffPlans(current, next).length === 0) return { version: plan.version, changed: false, status: row.status, savedAt: plan.updated_at };

			const version = base + 1;
			const content = JSON.stringify(next);
			const updated = await trx
				.updateTable('plans')
				.set({ content, version, updated_at: now.toISOString(), updated_by: user.id, signed_version: null, signed_by: null, signed_at: null })
				.where('id', '=', plan.id)
				.where('version', '=', base)
				.executeTakeFirst();
			if (Number(updated.numUpdatedRows) !== 1) throw new LostRace();
			await trx.insertInto('plan_revisions').values({ plan_id: plan.id, version, content, saved_at: now.toISOString(), saved_by: user.id }).execute();

			const status = statusAfterEdit(row.status);
			await trx.updateTable('trajectories').set({ status, updated_at: now.toISOString() }).where('id', '=', trajectoryId).execute();
			if (status !== row.status) await recordTransition(trx, { trajectoryId, actorId: user.id, from: row.status, to: status, reason: 'plan_changed' }, now);
			return { version, changed: true, status, savedAt: now.toISOString() };
		});
	const lost = (caught: unknown) => caught instanceof LostRace || isUniqueViolation(caught);
	try {
		return await attempt();
	} catch (caught) {
		if (!lost(caught)) throw caught;
	}
	// Another save committed while this one ran (PostgreSQL lets both start). Once more: when that
	// was the person's own save (a double submit, a save on blur), it is no conflict, and the same
	// content saves nothing new; someone else's save is a conflict.
	try {
		return await attempt();
	} catch (caught) {
		if (lost(caught)) throw await conflictSince(db, trajectoryId, baseVersion);
		throw caught;
	}
}

async function onlyOwnSavesSince(db: Db, planId: string, baseVersion: number, userId: string): Promise<boolean> {
	if (baseVersion < 1) return false;
	const others = await db
		.selectFrom('plan_revisions')
		.select('version')
		.where('plan_id', '=', planId)
		.where('version', '>', baseVersion)
		.where((eb) => eb.or([eb('saved_by', '!=', userId), eb('saved_by', 'is', null)]))
		.limit(1)
		.execute();
	return others.length === 0;
}

/** A concurrent insert of the same revision or version number lost against another transaction. */
function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** "Akkoord aanbieder": staff of the chosen provider sign the version they read. */
export async function signPlan(db: Db, actor: Actor, trajectoryId: string, version: number, now = new Date()): Promise<void> {
	const { user } = await authorised(db, actor, trajectoryId, 'plan.sign');
	try {
		await db.transaction().execute(async (trx) => {
			const row = (await loadTrajectory(trx, trajectoryId))!;
			if (!mayProviderSign(row.status)) throw new Invalid({ plan: row.status === 'provider_signed' ? 'plan_error_already_signed' : 'plan_error_not_editable' });
			const plan = await planRow(trx, trajectoryId);
			if (plan.version !== version) throw new LostRace();
			const signed = await trx
				.updateTable('plans')
				.set({ signed_version: version, signed_by: user.id, signed_at: now.toISOString() })
				.where('id', '=', plan.id)
				.where('version', '=', version)
				.executeTakeFirst();
			const moved = await trx
				.updateTable('trajectories')
				.set({ status: 'provider_signed', updated_at: now.toISOString() })
				.where('id', '=', trajectoryId)
				.where('status', '=', row.status)
				.executeTakeFirst();
			if (Number(signed.numUpdatedRows) !== 1 || Number(moved.numUpdatedRows) !== 1) throw new LostRace();
			await recordTransition(trx, { trajectoryId, actorId: user.id, from: row.status, to: 'provider_signed' }, now);
			await recordAudit(trx, { actorId: user.id, action: 'plan.signed', entityType: 'trajectory', entityId: trajectoryId, details: { version } }, now);
			const { names } = await partiesOf(trx, trajectoryId);
			await notify(trx, [row.client_id], { event: 'plan_signed', trajectoryId, path: '/plan', params: names }, now);
		});
	} catch (caught) {
		if (caught instanceof LostRace) throw await conflictSince(db, trajectoryId, version);
		throw caught;
	}
}

export interface SubmitOutcome {
	versionNumber: number;
	/** A second submit of the same plan (another tab) changes nothing and names the version already made. */
	alreadySubmitted: boolean;
}

/**
 * The client submits the signed plan: its content is frozen as the next immutable version, with the
 * organisation's limits and the rule checks of this moment, and provider and reviewers are told.
 */
export async function submitPlan(db: Db, actor: Actor, trajectoryId: string, version: number, now = new Date()): Promise<SubmitOutcome> {
	const { user } = await authorised(db, actor, trajectoryId, 'plan.submit');
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
			const row = (await loadTrajectory(trx, trajectoryId))!;
			const plan = await planRow(trx, trajectoryId);
			const latest = await trx
				.selectFrom('plan_versions')
				.select(['number', 'content'])
				.where('trajectory_id', '=', trajectoryId)
				.orderBy('number', 'desc')
				.limit(1)
				.executeTakeFirst();
			if (row.status === 'submitted' && plan.version === version && latest && diffPlans(planFromJson(latest.content), planFromJson(plan.content)).length === 0) {
				return { versionNumber: latest.number, alreadySubmitted: true };
			}
			if (!maySubmit(row.status)) throw new Invalid({ plan: isEditable(row.status) ? 'plan_error_not_signed' : 'plan_error_not_editable' });
			if (plan.version !== version) throw new LostRace();
			if (plan.signed_version !== plan.version) throw new Invalid({ plan: 'plan_error_not_signed' });

			const moved = await trx
				.updateTable('trajectories')
				.set({ status: 'submitted', submitted_at: now.toISOString(), updated_at: now.toISOString() })
				.where('id', '=', trajectoryId)
				.where('status', '=', 'provider_signed')
				.executeTakeFirst();
			if (Number(moved.numUpdatedRows) !== 1) throw new LostRace();

			const content = planFromJson(plan.content);
			const rules = await rulesOf(trx, row.organisation_id);
			const number = (latest?.number ?? 0) + 1;
			await trx
				.insertInto('plan_versions')
				.values({
					id: crypto.randomUUID(),
					trajectory_id: trajectoryId,
					number,
					content: JSON.stringify(content),
					rules: JSON.stringify(rules),
					rule_checks: JSON.stringify(checkPlan(content, rules)),
					submitted_at: now.toISOString(),
					submitted_by: user.id,
					decision: null,
					decision_reason: null,
					decided_at: null,
					decided_by: null
				})
				.execute();
			await recordTransition(trx, { trajectoryId, actorId: user.id, from: 'provider_signed', to: 'submitted' }, now);
			await recordAudit(trx, { actorId: user.id, action: 'plan.submitted', entityType: 'trajectory', entityId: trajectoryId, details: { version: number, planVersion: version } }, now);

			const { names, providerStaffIds } = await partiesOf(trx, trajectoryId);
			const reviewers = await trx.selectFrom('users').select('id').where('role', '=', 'reviewer').where('organisation_id', '=', row.organisation_id).execute();
			await notify(trx, providerStaffIds, { event: 'plan_submitted', trajectoryId, path: `/aanbieder/clienten/${trajectoryId}/plan`, params: names }, now);
			await notify(trx, reviewers.map((r) => r.id), { event: 'plan_submitted', trajectoryId, path: `/beoordelen/${trajectoryId}`, params: names }, now);
			return { versionNumber: number, alreadySubmitted: false };
		});
	try {
		return await attempt();
	} catch (caught) {
		// Two tabs at once: the one that lost sees the submission the other made.
		if (caught instanceof LostRace || isUniqueViolation(caught)) {
			const row = await loadTrajectory(db, trajectoryId);
			if (row?.status === 'submitted') return attempt();
			throw await conflictSince(db, trajectoryId, version);
		}
		throw caught;
	}
}

/** The client asks once for the extension the organisation grants (rules.extensionDays), before the deadline. */
export async function requestExtension(db: Db, actor: Actor, trajectoryId: string, now = new Date()): Promise<{ deadline: string }> {
	const { user, row } = await authorised(db, actor, trajectoryId, 'plan.submit');
	if (!hasDeadline(row)) throw new Invalid({ extension: 'plan_error_extension_not_possible' });
	const rules = await rulesOf(db, row.organisation_id);
	const extended = { deadline: submissionDeadline(new Date(row.chosen_at), rules, true).toISOString() };
	// There is one extension; asking again (a double click, the back button) is answered with it.
	if (row.extension_requested_at !== null) return extended;
	if (daysLeft(submissionDeadline(new Date(row.chosen_at), rules, false), now) <= 0) throw new Invalid({ extension: 'plan_error_extension_too_late' });
	return db.transaction().execute(async (trx) => {
		const updated = await trx
			.updateTable('trajectories')
			.set({ extension_requested_at: now.toISOString(), updated_at: now.toISOString() })
			.where('id', '=', trajectoryId)
			.where('extension_requested_at', 'is', null)
			.executeTakeFirst();
		// A request that ran at the same moment got it: this one is answered with the same deadline.
		if (Number(updated.numUpdatedRows) !== 1) return extended;
		await recordAudit(trx, { actorId: user.id, action: 'plan.extension_requested', entityType: 'trajectory', entityId: trajectoryId, details: { extensionDays: rules.extensionDays, deadline: extended.deadline } }, now);
		return extended;
	});
}
