import type { Activity, ContractForm } from '../reference';

/**
 * The content of a re-integration plan (product brief §2), as client and provider write it. Stored
 * as JSON; amounts in whole cents, dates as YYYY-MM-DD. Pure: no I/O.
 */

export interface PlanActivity {
	/** Stable within the plan, so that a diff can follow an activity that moved. */
	id: string;
	type: Activity;
	description: string;
	/** Week of the trajectory in which it starts, counting from 1. */
	startWeek: number;
	durationWeeks: number;
	costCents: number;
}

/** What counts as a placement. Default: a contract of at least 6 months, or 26 weeks of work. */
export interface PlacementDefinition {
	minContractMonths: number;
	minWeeksOfWork: number;
}

export interface PlanContent {
	targetOccupation: string;
	hoursPerWeek: number | null;
	startingSituation: string;
	motivation: string;
	activities: PlanActivity[];
	plannedStart: string | null;
	plannedEnd: string | null;
	contractForm: ContractForm | null;
	placement: PlacementDefinition;
}

export const defaultPlacement: PlacementDefinition = { minContractMonths: 6, minWeeksOfWork: 26 };

export function emptyPlan(): PlanContent {
	return {
		targetOccupation: '',
		hoursPerWeek: null,
		startingSituation: '',
		motivation: '',
		activities: [],
		plannedStart: null,
		plannedEnd: null,
		contractForm: null,
		placement: { ...defaultPlacement }
	};
}

/**
 * Reads stored JSON into a complete plan: fields missing from older drafts get their empty value,
 * so every reader can rely on the shape.
 */
export function planFromJson(json: string): PlanContent {
	let parsed: Partial<PlanContent> = {};
	try {
		const value: unknown = JSON.parse(json);
		if (value && typeof value === 'object') parsed = value as Partial<PlanContent>;
	} catch {
		parsed = {};
	}
	const empty = emptyPlan();
	return {
		...empty,
		...parsed,
		activities: Array.isArray(parsed.activities) ? parsed.activities : [],
		placement: { ...empty.placement, ...(parsed.placement ?? {}) }
	};
}

export function totalCostCents(plan: PlanContent): number {
	return plan.activities.reduce((sum, activity) => sum + activity.costCents, 0);
}

/** The number of weeks from the first week of the trajectory to the end of the last activity. */
export function activityWeeks(plan: PlanContent): number {
	return plan.activities.reduce((weeks, activity) => Math.max(weeks, activity.startWeek + activity.durationWeeks - 1), 0);
}

/** Whole calendar months from planned start to planned end, rounded up; null while a date is missing. */
export function plannedMonths(plan: PlanContent): number | null {
	if (!plan.plannedStart || !plan.plannedEnd) return null;
	const start = parseDay(plan.plannedStart);
	const end = parseDay(plan.plannedEnd);
	if (!start || !end || end < start) return null;
	let months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + (end.getUTCMonth() - start.getUTCMonth());
	if (addMonths(start, months) < end) months += 1;
	return months;
}

/** A YYYY-MM-DD date as midnight UTC, or null when it is not a real calendar date. */
export function parseDay(value: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return null;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().slice(0, 10) === value ? date : null;
}

/** Adds calendar months; the 31st plus one month is the last day of the shorter month. */
export function addMonths(date: Date, months: number): Date {
	const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
	return target;
}

/** Moves one activity up or down; out-of-range moves return the list unchanged. */
export function moveActivity(activities: PlanActivity[], id: string, direction: 'up' | 'down'): PlanActivity[] {
	const index = activities.findIndex((activity) => activity.id === id);
	const target = direction === 'up' ? index - 1 : index + 1;
	if (index < 0 || target < 0 || target >= activities.length) return activities;
	const moved = [...activities];
	moved[index] = activities[target]!;
	moved[target] = activities[index]!;
	return moved;
}
