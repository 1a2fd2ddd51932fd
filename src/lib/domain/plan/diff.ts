import type { PlanActivity, PlanContent } from './content';

/**
 * What changed between two states of a plan, field by field and activity by activity: shown when a
 * save is refused because someone else saved first, and to the reviewer between two versions.
 */

export type PlanField = Exclude<keyof PlanContent, 'activities'>;

export type PlanChange =
	| { kind: 'field'; field: PlanField; before: unknown; after: unknown }
	| { kind: 'activity_added'; activity: PlanActivity }
	| { kind: 'activity_removed'; activity: PlanActivity }
	| { kind: 'activity_changed'; before: PlanActivity; after: PlanActivity }
	| { kind: 'activities_reordered' };

const fields: readonly PlanField[] = [
	'targetOccupation',
	'hoursPerWeek',
	'startingSituation',
	'motivation',
	'plannedStart',
	'plannedEnd',
	'contractForm',
	'placement'
];

export function diffPlans(before: PlanContent, after: PlanContent): PlanChange[] {
	const changes: PlanChange[] = [];
	for (const field of fields) {
		if (!same(before[field], after[field])) changes.push({ kind: 'field', field, before: before[field], after: after[field] });
	}
	const beforeById = new Map(before.activities.map((activity) => [activity.id, activity]));
	const afterById = new Map(after.activities.map((activity) => [activity.id, activity]));
	for (const activity of after.activities) {
		const earlier = beforeById.get(activity.id);
		if (!earlier) changes.push({ kind: 'activity_added', activity });
		else if (!same(earlier, activity)) changes.push({ kind: 'activity_changed', before: earlier, after: activity });
	}
	for (const activity of before.activities) {
		if (!afterById.has(activity.id)) changes.push({ kind: 'activity_removed', activity });
	}
	const keptBefore = before.activities.filter((activity) => afterById.has(activity.id)).map((activity) => activity.id);
	const keptAfter = after.activities.filter((activity) => beforeById.has(activity.id)).map((activity) => activity.id);
	if (!same(keptBefore, keptAfter)) changes.push({ kind: 'activities_reordered' });
	return changes;
}

/** Deep equality of JSON values; the order of keys in an object does not matter (stored JSON may differ in it). */
function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((key) => [key, canonical((value as Record<string, unknown>)[key])])
		);
	}
	return value;
}
