import { z } from 'zod';
import { activities, contractForms } from '$lib/domain/reference';
import { parseDay, type PlanActivity, type PlanContent } from '$lib/domain/plan/content';
import { m } from '$lib/paraglide/messages';

/**
 * The forms of the plan's steps (issue 4). Numbers and dates are typed as text and checked here, so
 * that a wrong value gets a message that says what to fill in; the functions below turn valid form
 * values into a patch of the plan, and a plan back into form values. Every message is looked up when
 * a value is checked, so in the language of the request.
 */

const LONG_TEXT = 4000;
const SHORT_TEXT = 200;

const baseVersion = z.coerce.number().int().min(1);
const text = (max: number) => z.string().trim().max(max, { error: () => m.plan_error_text_long({ max }) });

/** A whole number in a range, or empty when `optional`. */
function wholeNumber(min: number, max: number, message: () => string, optional = false) {
	return z
		.string()
		.trim()
		.refine((value) => (optional && value === '') || (/^\d{1,4}$/.test(value) && Number(value) >= min && Number(value) <= max), { error: message });
}

/**
 * An amount in euros as people type it: "350", "350,50", "1.250,50" (Dutch) or "1,250.50"; a
 * euro sign and spaces are ignored. Returns whole cents, or null when it is not an amount.
 */
export function parseEuros(input: string): number | null {
	const value = input.replace(/[€\s]/g, '');
	let normalised: string;
	if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(value)) normalised = value.replaceAll('.', '').replace(',', '.');
	else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(value)) normalised = value.replaceAll(',', '');
	else if (/^\d+([.,]\d{1,2})?$/.test(value)) normalised = value.replace(',', '.');
	else return null;
	const cents = Math.round(Number(normalised) * 100);
	return Number.isSafeInteger(cents) && cents <= 100_000_000 ? cents : null;
}

/** A date as a date field sends it (YYYY-MM-DD) or as people type it (D-M-YYYY); YYYY-MM-DD or null. */
export function parseDateInput(input: string): string | null {
	const value = input.trim();
	if (parseDay(value)) return value;
	const match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
	if (!match) return null;
	const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
	return parseDay(iso) ? iso : null;
}

export const planWorkSchema = z.object({
	baseVersion,
	targetOccupation: text(SHORT_TEXT),
	hoursPerWeek: wholeNumber(1, 60, () => m.plan_error_hours(), true),
	startingSituation: text(LONG_TEXT),
	motivation: text(LONG_TEXT)
});

export const planActivitySchema = z.object({
	baseVersion,
	/** Empty for a new activity. */
	activityId: z.string().max(64).default(''),
	type: z.string().refine((value) => (activities as readonly string[]).includes(value), { error: () => m.plan_error_activity_type() }),
	description: z
		.string()
		.trim()
		.min(1, { error: () => m.plan_error_description() })
		.max(500, { error: () => m.plan_error_text_long({ max: 500 }) }),
	startWeek: wholeNumber(1, 104, () => m.plan_error_week()),
	durationWeeks: wholeNumber(1, 104, () => m.plan_error_duration()),
	cost: z.string().refine((value) => parseEuros(value) !== null, { error: () => m.plan_error_cost() })
});

export const planPlanningSchema = z
	.object({
		baseVersion,
		plannedStart: z.string().refine((value) => value.trim() === '' || parseDateInput(value) !== null, { error: () => m.plan_error_date() }),
		plannedEnd: z.string().refine((value) => value.trim() === '' || parseDateInput(value) !== null, { error: () => m.plan_error_date() }),
		contractForm: z.string().refine((value) => value === '' || (contractForms as readonly string[]).includes(value), { error: () => m.plan_error_contract_form() }),
		minContractMonths: wholeNumber(1, 60, () => m.plan_error_months()),
		minWeeksOfWork: wholeNumber(1, 104, () => m.plan_error_weeks_of_work())
	})
	.superRefine((values, context) => {
		const start = parseDateInput(values.plannedStart);
		const end = parseDateInput(values.plannedEnd);
		if (start && end && end < start) context.addIssue({ code: 'custom', path: ['plannedEnd'], message: m.plan_error_end_before_start() });
	});

/** Remove or move one activity; sign or submit a version. */
export const planActivityActionSchema = z.object({ baseVersion, activityId: z.string().min(1).max(64), direction: z.enum(['up', 'down']).optional() });
export const planVersionSchema = z.object({ version: baseVersion });

export type PlanWorkForm = z.infer<typeof planWorkSchema>;
export type PlanActivityForm = z.infer<typeof planActivitySchema>;
export type PlanPlanningForm = z.infer<typeof planPlanningSchema>;

export function workPatch(form: PlanWorkForm): Partial<PlanContent> {
	return {
		targetOccupation: form.targetOccupation,
		hoursPerWeek: form.hoursPerWeek === '' ? null : Number(form.hoursPerWeek),
		startingSituation: form.startingSituation,
		motivation: form.motivation
	};
}

export function activityFromForm(form: PlanActivityForm, id: string): PlanActivity {
	return {
		id,
		type: form.type as PlanActivity['type'],
		description: form.description,
		startWeek: Number(form.startWeek),
		durationWeeks: Number(form.durationWeeks),
		costCents: parseEuros(form.cost)!
	};
}

export function planningPatch(form: PlanPlanningForm): Partial<PlanContent> {
	return {
		plannedStart: parseDateInput(form.plannedStart),
		plannedEnd: parseDateInput(form.plannedEnd),
		contractForm: form.contractForm === '' ? null : (form.contractForm as PlanContent['contractForm']),
		placement: { minContractMonths: Number(form.minContractMonths), minWeeksOfWork: Number(form.minWeeksOfWork) }
	};
}

export function workFormValues(plan: PlanContent, version: number): PlanWorkForm {
	return {
		baseVersion: version,
		targetOccupation: plan.targetOccupation,
		hoursPerWeek: plan.hoursPerWeek === null ? '' : String(plan.hoursPerWeek),
		startingSituation: plan.startingSituation,
		motivation: plan.motivation
	};
}

/** Cents as an amount to edit: "350" or "1250,50" (the form accepts a comma or a point). */
export function centsAsInput(cents: number): string {
	return cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

export function activityFormValues(activity: PlanActivity | null, version: number): PlanActivityForm {
	return {
		baseVersion: version,
		activityId: activity?.id ?? '',
		type: activity?.type ?? '',
		description: activity?.description ?? '',
		startWeek: activity ? String(activity.startWeek) : '',
		durationWeeks: activity ? String(activity.durationWeeks) : '',
		cost: activity ? centsAsInput(activity.costCents) : ''
	};
}

export function planningFormValues(plan: PlanContent, version: number): PlanPlanningForm {
	return {
		baseVersion: version,
		plannedStart: plan.plannedStart ?? '',
		plannedEnd: plan.plannedEnd ?? '',
		contractForm: plan.contractForm ?? '',
		minContractMonths: String(plan.placement.minContractMonths),
		minWeeksOfWork: String(plan.placement.minWeeksOfWork)
	};
}
