import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { OrganisationRules } from '$lib/domain/plan/rules';

/**
 * The admin's form for an organisation's plan limits, in the units people think in: whole euros,
 * months, percent, days and weeks. Numbers are typed as text so that "5.000" or "5,5" get a clear
 * message instead of being read as something else.
 */

function wholeNumber(min: number, max: number, message: () => string) {
	return z
		.string({ error: message })
		.trim()
		.regex(/^\d{1,9}$/, { error: message })
		.transform(Number)
		.refine((value) => value >= min && value <= max, { error: message });
}

export const rulesFormSchema = z.object({
	organisationId: z.string().trim().min(1, { error: () => m.rules_error_organisation() }).max(64),
	budgetCapEuros: wholeNumber(1, 1_000_000, () => m.rules_error_budget()),
	maxDurationMonths: wholeNumber(1, 120, () => m.rules_error_months()),
	trainingShareFlagPercent: wholeNumber(0, 100, () => m.rules_error_percent()),
	submissionDays: wholeNumber(1, 365, () => m.rules_error_submission_days()),
	extensionDays: wholeNumber(0, 365, () => m.rules_error_extension_days()),
	decisionWeeks: wholeNumber(1, 52, () => m.rules_error_weeks())
});
export type RulesFormOutput = z.output<typeof rulesFormSchema>;

export const rulesFieldOrder = ['budgetCapEuros', 'maxDurationMonths', 'trainingShareFlagPercent', 'submissionDays', 'extensionDays', 'decisionWeeks'];

export function rulesFromForm(form: RulesFormOutput): OrganisationRules {
	return {
		budgetCapCents: form.budgetCapEuros * 100,
		maxDurationMonths: form.maxDurationMonths,
		trainingShareFlagPercent: form.trainingShareFlagPercent,
		submissionDays: form.submissionDays,
		extensionDays: form.extensionDays,
		decisionWeeks: form.decisionWeeks
	};
}

/** Stored rules as the form's text values. */
export function rulesFormValues(organisationId: string, rules: OrganisationRules) {
	return {
		organisationId,
		budgetCapEuros: String(Math.round(rules.budgetCapCents / 100)),
		maxDurationMonths: String(rules.maxDurationMonths),
		trainingShareFlagPercent: String(rules.trainingShareFlagPercent),
		submissionDays: String(rules.submissionDays),
		extensionDays: String(rules.extensionDays),
		decisionWeeks: String(rules.decisionWeeks)
	};
}
