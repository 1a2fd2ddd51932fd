import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { benefitTypes } from '$lib/domain/reference';
import { decisions, decisionNeedsReason } from '$lib/domain/plan/lifecycle';

/**
 * The reviewer's forms: the queue's filters (a GET form), the decision on one plan version, and
 * the outcome of a trajectory (recorded by the reviewer or the provider's staff). The service checks
 * the same rules again; these give the person a message in their language before anything is sent.
 */

export const queueStatusFilters = ['submitted', 'changes_requested', 'active', 'rejected', 'ended', 'all'] as const;
export type QueueStatusFilter = (typeof queueStatusFilters)[number];

/** Dutch query parameters of `/beoordelen`; unknown or bad values fall back to the default view. */
export const queueParameters = { status: 'status', benefitType: 'uitkering', page: 'pagina' } as const;

export const queueFilterSchema = z.object({
	status: z.enum(queueStatusFilters).catch('submitted'),
	benefitType: z.enum(benefitTypes).nullable().catch(null),
	page: z.coerce.number().int().min(1).max(10_000).catch(1)
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export function queueFilterFromParams(params: URLSearchParams): QueueFilter {
	return queueFilterSchema.parse({
		status: params.get(queueParameters.status) ?? undefined,
		benefitType: params.get(queueParameters.benefitType) || null,
		page: params.get(queueParameters.page) ?? undefined
	});
}

export function queueParamsFor(filter: QueueFilter): string {
	const params = new URLSearchParams();
	if (filter.status !== 'submitted') params.set(queueParameters.status, filter.status);
	if (filter.benefitType) params.set(queueParameters.benefitType, filter.benefitType);
	if (filter.page > 1) params.set(queueParameters.page, String(filter.page));
	const query = params.toString();
	return query ? `?${query}` : '';
}

export const REASON_MAX_LENGTH = 4000;

export const decisionSchema = z
	.object({
		planVersionId: z.string().trim().min(1).max(64),
		// No default: nothing is chosen until the reviewer chooses.
		decision: z.enum(decisions, { error: () => m.review_error_decision_required() }).optional(),
		reason: z
			.string()
			.max(REASON_MAX_LENGTH, { error: () => m.review_error_reason_too_long({ max: REASON_MAX_LENGTH }) })
			.default('')
			.transform((value) => value.trim())
	})
	.superRefine((value, ctx) => {
		if (!value.decision) ctx.addIssue({ code: 'custom', path: ['decision'], message: m.review_error_decision_required() });
		else if (decisionNeedsReason(value.decision) && value.reason === '') {
			ctx.addIssue({ code: 'custom', path: ['reason'], message: m.review_error_reason_required() });
		}
	});
export type DecisionInput = z.infer<typeof decisionSchema>;

/** What the decision page says after the form was sent: the decision made, or why none could be made. */
export type DecisionMessage = { kind: 'decided'; decision: (typeof decisions)[number] } | { kind: 'refused'; text: string };

export const END_REASON_MAX_LENGTH = 2000;

/**
 * The outcome as the form sends it: `completed` with placed yes/no (and, when placed, the date and
 * the contract length in months), or `terminated` with a reason. Fields that do not apply are
 * ignored, so switching a radio back and forth without JavaScript never blocks the form.
 */
export const outcomeFormSchema = z
	.object({
		outcome: z.enum(['completed', 'terminated'], { error: () => m.outcome_error_outcome_required() }),
		placed: z.enum(['yes', 'no']).optional(),
		placedOn: z.string().trim().max(10).default(''),
		contractMonths: z.string().trim().max(4).default(''),
		reason: z
			.string()
			.max(END_REASON_MAX_LENGTH, { error: () => m.outcome_error_reason_too_long({ max: END_REASON_MAX_LENGTH }) })
			.default('')
			.transform((value) => value.trim())
	})
	.superRefine((value, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (value.outcome === 'completed') {
			if (!value.placed) need('placed', m.outcome_error_placed_required());
			if (value.placed === 'yes') {
				if (!/^\d{4}-\d{2}-\d{2}$/.test(value.placedOn) || Number.isNaN(Date.parse(`${value.placedOn}T00:00:00Z`))) need('placedOn', m.outcome_error_placed_on());
				if (!/^\d{1,3}$/.test(value.contractMonths) || Number(value.contractMonths) < 1 || Number(value.contractMonths) > 120)
					need('contractMonths', m.outcome_error_contract_months());
			}
		}
		if (value.outcome === 'terminated' && value.reason === '') need('reason', m.outcome_error_reason_required());
	});
export type OutcomeFormInput = z.infer<typeof outcomeFormSchema>;

/** What the service takes: exactly the facts of one outcome. */
export type OutcomeInput =
	| { outcome: 'completed'; placed: true; placedOn: string; contractMonths: number }
	| { outcome: 'completed'; placed: false }
	| { outcome: 'terminated'; reason: string };

export function outcomeFromForm(form: OutcomeFormInput): OutcomeInput {
	if (form.outcome === 'terminated') return { outcome: 'terminated', reason: form.reason };
	if (form.placed === 'yes') return { outcome: 'completed', placed: true, placedOn: form.placedOn, contractMonths: Number(form.contractMonths) };
	return { outcome: 'completed', placed: false };
}
