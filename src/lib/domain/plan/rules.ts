import type { Activity } from '../reference';
import { addMonths, parseDay, plannedMonths, totalCostCents, type PlanContent } from './content';

/**
 * The rule checks a reviewer sees next to a submitted plan (product brief §2). A check informs;
 * the reviewer decides. Limits are per paying organisation; the checks of a submitted version are
 * computed once and stored with it, so a later change of limits never rewrites them.
 */

export interface OrganisationRules {
	budgetCapCents: number;
	maxDurationMonths: number;
	/** A plan whose training costs are more than this share of the total is flagged. */
	trainingShareFlagPercent: number;
	/** Days from choosing the provider to submitting the plan. */
	submissionDays: number;
	/** The one extension a client may ask for, in days. */
	extensionDays: number;
	/** The organisation's decision term, in weeks from submission. */
	decisionWeeks: number;
}

/** UWV's IRO practice: EUR 5,000, 2 years, 35 days (+21), 8 weeks; training flagged above 50 %. */
export const defaultRules: OrganisationRules = {
	budgetCapCents: 500_000,
	maxDurationMonths: 24,
	trainingShareFlagPercent: 50,
	submissionDays: 35,
	extensionDays: 21,
	decisionWeeks: 8
};

/** Activities aimed directly at work: job-seeking support, placement and mediation, work placement. */
export const workDirectedActivities: readonly Activity[] = [
	'job_application_training',
	'vacancy_collection',
	'job_mediation',
	'work_placement',
	'work_first',
	'subsidised_work'
];

/** Activities whose cost counts as training. */
export const trainingActivities: readonly Activity[] = ['schooling', 'dual_learning'];

export const ruleCodes = ['budget', 'duration', 'work_directed', 'training_share', 'target_occupation'] as const;
export type RuleCode = (typeof ruleCodes)[number];

export interface RuleCheck {
	rule: RuleCode;
	outcome: 'pass' | 'flag';
	/** What the plan has (cents, months, percent, count); null when it cannot be computed yet. */
	value: number | null;
	/** The organisation's limit it was checked against, in the same unit. */
	limit: number | null;
}

export function checkPlan(plan: PlanContent, rules: OrganisationRules): RuleCheck[] {
	return [checkBudget(plan, rules), checkDuration(plan, rules), checkWorkDirected(plan), checkTrainingShare(plan, rules), checkTargetOccupation(plan)];
}

function checkBudget(plan: PlanContent, rules: OrganisationRules): RuleCheck {
	const total = totalCostCents(plan);
	return { rule: 'budget', outcome: total <= rules.budgetCapCents ? 'pass' : 'flag', value: total, limit: rules.budgetCapCents };
}

/** Passes when the planned end lies no later than the planned start plus the maximum months. */
function checkDuration(plan: PlanContent, rules: OrganisationRules): RuleCheck {
	const start = plan.plannedStart ? parseDay(plan.plannedStart) : null;
	const end = plan.plannedEnd ? parseDay(plan.plannedEnd) : null;
	if (!start || !end || end < start) return { rule: 'duration', outcome: 'flag', value: null, limit: rules.maxDurationMonths };
	const within = end <= addMonths(start, rules.maxDurationMonths);
	return { rule: 'duration', outcome: within ? 'pass' : 'flag', value: plannedMonths(plan), limit: rules.maxDurationMonths };
}

function checkWorkDirected(plan: PlanContent): RuleCheck {
	const count = plan.activities.filter((activity) => workDirectedActivities.includes(activity.type)).length;
	return { rule: 'work_directed', outcome: count > 0 ? 'pass' : 'flag', value: count, limit: 1 };
}

/**
 * Flags a training share strictly above the threshold, compared in integers (training × 100 >
 * threshold × total) so that exactly at the threshold never flips by a rounding error. The value
 * shown is the share in whole percent, rounded half up.
 */
function checkTrainingShare(plan: PlanContent, rules: OrganisationRules): RuleCheck {
	const total = totalCostCents(plan);
	const training = plan.activities.filter((activity) => trainingActivities.includes(activity.type)).reduce((sum, activity) => sum + activity.costCents, 0);
	if (total === 0) return { rule: 'training_share', outcome: 'pass', value: 0, limit: rules.trainingShareFlagPercent };
	const flagged = training * 100 > rules.trainingShareFlagPercent * total;
	const percent = Math.floor((training * 200 + total) / (2 * total));
	return { rule: 'training_share', outcome: flagged ? 'flag' : 'pass', value: percent, limit: rules.trainingShareFlagPercent };
}

function checkTargetOccupation(plan: PlanContent): RuleCheck {
	const present = plan.targetOccupation.trim() !== '';
	return { rule: 'target_occupation', outcome: present ? 'pass' : 'flag', value: present ? 1 : 0, limit: 1 };
}
