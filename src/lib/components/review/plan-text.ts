import type { PlacementDefinition, PlanActivity } from '$lib/domain/plan/content';
import type { PlanField } from '$lib/domain/plan/diff';
import type { RuleCheck } from '$lib/domain/plan/rules';
import type { ContractForm } from '$lib/domain/reference';
import { activityLabel, contractFormLabel, formatDate, formatEuros } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages';

/** A plan's values written out for the reviewer, in the page's language: one place for every view of a plan. */

export const euros = (cents: number, locale: string) => m.review_amount({ amount: formatEuros(cents / 100, locale) });

export const dayText = (day: string | null, locale: string) => (day ? formatDate(`${day}T12:00:00Z`, locale) : m.review_not_filled());

export const placementText = (placement: PlacementDefinition) =>
	m.review_plan_placement_value({ months: placement.minContractMonths, weeks: placement.minWeeksOfWork });

export const activityText = (activity: PlanActivity, locale: string) =>
	m.review_activity_line({
		type: activityLabel(activity.type),
		description: activity.description,
		weeks: weeksText(activity),
		cost: euros(activity.costCents, locale)
	});

export const weeksText = (activity: PlanActivity) =>
	m.review_activity_weeks_value({ start: activity.startWeek, end: activity.startWeek + activity.durationWeeks - 1 });

export function fieldLabel(field: PlanField): string {
	switch (field) {
		case 'targetOccupation':
			return m.review_plan_target();
		case 'hoursPerWeek':
			return m.review_plan_hours();
		case 'startingSituation':
			return m.review_case_starting();
		case 'motivation':
			return m.review_case_motivation();
		case 'plannedStart':
			return m.review_plan_start();
		case 'plannedEnd':
			return m.review_plan_end();
		case 'contractForm':
			return m.review_plan_contract_form();
		case 'placement':
			return m.review_plan_placement();
	}
}

export function fieldText(field: PlanField, value: unknown, locale: string): string {
	if (value === null || value === undefined || value === '') return m.review_not_filled();
	switch (field) {
		case 'hoursPerWeek':
			return m.review_plan_hours_value({ hours: Number(value) });
		case 'plannedStart':
		case 'plannedEnd':
			return dayText(String(value), locale);
		case 'contractForm':
			return contractFormLabel(value as ContractForm);
		case 'placement':
			return placementText(value as PlacementDefinition);
		default:
			return String(value);
	}
}

/** "€ 6.000" against "at most € 5.000", and so on per rule; null values (not computable) as unknown. */
export function checkTexts(check: RuleCheck, locale: string): { value: string; limit: string } {
	const unknown = m.review_check_unknown();
	switch (check.rule) {
		case 'budget':
			return { value: check.value === null ? unknown : euros(check.value, locale), limit: m.review_limit_at_most({ value: euros(check.limit ?? 0, locale) }) };
		case 'duration':
			return {
				value: check.value === null ? unknown : m.review_months({ count: check.value }),
				limit: m.review_limit_at_most({ value: m.review_months({ count: check.limit ?? 0 }) })
			};
		case 'work_directed':
			return { value: check.value === null ? unknown : m.review_activities_count({ count: check.value }), limit: m.review_limit_at_least({ value: String(check.limit ?? 1) }) };
		case 'training_share':
			return {
				value: check.value === null ? unknown : m.review_percent({ value: check.value }),
				limit: m.review_limit_at_most({ value: m.review_percent({ value: check.limit ?? 0 }) })
			};
		case 'target_occupation':
			return { value: check.value ? m.review_filled() : m.review_not_filled(), limit: m.review_limit_filled() };
	}
}
