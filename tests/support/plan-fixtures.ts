import type { Kysely } from 'kysely';
import { emptyPlan, type PlanContent } from '../../src/lib/domain/plan/content';
import { checkPlan, defaultRules, type OrganisationRules } from '../../src/lib/domain/plan/rules';
import type { BenefitType, Region } from '../../src/lib/domain/reference';
import type { TrajectoryStatus } from '../../src/lib/domain/trajectory';
import type { Database } from '../../src/lib/server/db/schema';

/**
 * Trajectories in any stage of the plan's lifecycle, written straight into the database the way the
 * submit step and a decision leave them (frozen content, rule checks of that moment, transitions),
 * for tests that start where another helper's pages end. Relative imports only: browser tests load
 * this file outside Vite.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A complete plan that passes every default rule: € 3.400 over 6 months, one work-directed activity. */
export function samplePlan(overrides: Partial<PlanContent> = {}): PlanContent {
	return {
		...emptyPlan(),
		targetOccupation: 'Administratief medewerker',
		hoursPerWeek: 32,
		startingSituation: 'Ik werkte 12 jaar bij een bank. Mijn baan is vervallen.',
		motivation: 'Ik wil weer vast werk op kantoor, dicht bij huis.',
		activities: [
			{ id: 'a1', type: 'diagnosis', description: 'Gesprek over wat ik kan', startWeek: 1, durationWeeks: 2, costCents: 40_000 },
			{ id: 'a2', type: 'job_application_training', description: 'Sollicitatietraining', startWeek: 3, durationWeeks: 6, costCents: 120_000 },
			{ id: 'a3', type: 'job_mediation', description: 'Bemiddeling naar werk', startWeek: 5, durationWeeks: 20, costCents: 180_000 }
		],
		plannedStart: '2027-01-04',
		plannedEnd: '2027-07-02',
		contractForm: 'no_cure_less_pay',
		...overrides
	};
}

export interface ClientSpec {
	organisationId: string;
	benefitType: BenefitType;
	region?: Region;
	name?: string;
}

/** A client account of its own (a demo client has at most one open trajectory). */
export async function newClient(db: Kysely<Database>, spec: ClientSpec): Promise<string> {
	const id = `test-client-${crypto.randomUUID()}`;
	const now = new Date().toISOString();
	await db
		.insertInto('users')
		.values({
			id,
			email: `${id}@test.regie.nl`,
			display_name: spec.name ?? 'Test Cliënt',
			role: 'client',
			password_hash: null,
			organisation_id: spec.organisationId,
			provider_id: null,
			benefit_type: spec.benefitType,
			region: spec.region ?? 'utrecht',
			created_at: now,
			activated_at: now
		})
		.execute();
	return id;
}

export interface EarlierVersion {
	content?: PlanContent;
	decision: 'changes_requested' | 'rejected' | 'approved' | null;
	reason?: string | null;
	decidedBy?: string | null;
}

export interface SubmittedPlanSpec {
	client: string;
	provider: string;
	organisation: string;
	content?: PlanContent;
	/** Number of the submitted version (earlier ones are taken from `earlier`, or made up as "changes requested"). */
	number?: number;
	earlier?: EarlierVersion[];
	/** When the latest version was submitted; default now. */
	submittedAt?: Date;
	rules?: OrganisationRules;
}

export interface SubmittedPlan {
	trajectoryId: string;
	planId: string;
	planVersionId: string;
	versionIds: string[];
}

/** A trajectory whose latest version waits for a decision (status `submitted`). */
export async function submittedPlan(db: Kysely<Database>, spec: SubmittedPlanSpec): Promise<SubmittedPlan> {
	const content = spec.content ?? samplePlan();
	const rules = spec.rules ?? defaultRules;
	const number = spec.number ?? (spec.earlier?.length ?? 0) + 1;
	const submittedAt = spec.submittedAt ?? new Date();
	const chosenAt = new Date(submittedAt.getTime() - (number * 10 + 20) * DAY_MS);
	const trajectoryId = crypto.randomUUID();
	const planId = crypto.randomUUID();
	await db
		.insertInto('trajectories')
		.values({
			id: trajectoryId,
			client_id: spec.client,
			provider_id: spec.provider,
			organisation_id: spec.organisation,
			status: 'submitted',
			chosen_at: chosenAt.toISOString(),
			updated_at: submittedAt.toISOString(),
			ended_at: null,
			placed: null,
			submitted_at: submittedAt.toISOString()
		})
		.execute();
	await db
		.insertInto('plans')
		.values({ id: planId, trajectory_id: trajectoryId, content: JSON.stringify(content), version: number + 1, updated_at: submittedAt.toISOString(), updated_by: spec.client })
		.execute();
	await transition(db, trajectoryId, null, 'draft', chosenAt);

	const versionIds: string[] = [];
	for (let index = 1; index <= number; index++) {
		const earlier = index < number ? (spec.earlier?.[index - 1] ?? { decision: 'changes_requested', reason: 'Pas het plan aan.' }) : null;
		const at = index < number ? new Date(chosenAt.getTime() + index * 10 * DAY_MS) : submittedAt;
		const versionContent = earlier ? (earlier.content ?? samplePlan({ targetOccupation: `Versie ${index}` })) : content;
		const id = crypto.randomUUID();
		versionIds.push(id);
		await transition(db, trajectoryId, index === 1 ? 'draft' : 'changes_requested', 'provider_signed', new Date(at.getTime() - 1000));
		await transition(db, trajectoryId, 'provider_signed', 'submitted', at);
		await db
			.insertInto('plan_versions')
			.values({
				id,
				trajectory_id: trajectoryId,
				number: index,
				content: JSON.stringify(versionContent),
				rules: JSON.stringify(rules),
				rule_checks: JSON.stringify(checkPlan(versionContent, rules)),
				submitted_at: at.toISOString(),
				submitted_by: spec.client,
				decision: earlier?.decision ?? null,
				decision_reason: earlier?.reason ?? null,
				decided_at: earlier?.decision ? new Date(at.getTime() + DAY_MS).toISOString() : null,
				decided_by: earlier?.decision ? (earlier.decidedBy ?? null) : null
			})
			.execute();
		if (earlier?.decision) await transition(db, trajectoryId, 'submitted', 'changes_requested', new Date(at.getTime() + DAY_MS), earlier.reason ?? null);
	}
	return { trajectoryId, planId, planVersionId: versionIds[versionIds.length - 1]!, versionIds };
}

/** A trajectory whose plan was approved: status `active`, the version decided. */
export async function activeTrajectory(db: Kysely<Database>, spec: SubmittedPlanSpec & { approvedBy?: string | null }): Promise<SubmittedPlan> {
	const plan = await submittedPlan(db, spec);
	const at = new Date();
	await db
		.updateTable('plan_versions')
		.set({ decision: 'approved', decided_at: at.toISOString(), decided_by: spec.approvedBy ?? null })
		.where('id', '=', plan.planVersionId)
		.execute();
	await db.updateTable('trajectories').set({ status: 'active', updated_at: at.toISOString() }).where('id', '=', plan.trajectoryId).execute();
	await transition(db, plan.trajectoryId, 'submitted', 'approved', at);
	await transition(db, plan.trajectoryId, 'approved', 'active', at);
	return plan;
}

/** Put a trajectory straight into a status (for the statuses a test only needs to list). */
export async function setStatus(db: Kysely<Database>, trajectoryId: string, status: TrajectoryStatus): Promise<void> {
	await db.updateTable('trajectories').set({ status }).where('id', '=', trajectoryId).execute();
}

async function transition(db: Kysely<Database>, trajectoryId: string, from: TrajectoryStatus | null, to: TrajectoryStatus, at: Date, reason: string | null = null) {
	await db
		.insertInto('trajectory_transitions')
		.values({ id: crypto.randomUUID(), trajectory_id: trajectoryId, occurred_at: at.toISOString(), actor_id: null, from_status: from, to_status: to, reason })
		.execute();
}
