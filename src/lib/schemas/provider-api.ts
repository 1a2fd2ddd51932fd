import { z } from 'zod';
import { criteriaFromParams, englishParameters, MAX_TEXT_LENGTH, sortOrders, type ProviderCriteria } from '$lib/domain/provider-search';
import { activities, benefitTypes, contractForms, providerTypes, regions, targetGroups, type BenefitType } from '$lib/domain/reference';

/**
 * The query string of `GET /api/v1/providers`. Unlike the client's list page, which drops what it
 * does not know so that an old shared link still shows a list, the open-data API refuses it: a
 * program that misspells a code should hear so instead of silently getting every provider.
 * Messages are English and fixed: they are part of the API, not of the portal's UI.
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 10_000;
export const providerStatuses = ['active', 'all'] as const;

export interface ProviderListQuery {
	criteria: ProviderCriteria;
	pageSize: number;
	benefitType: BenefitType | null;
	includeInactive: boolean;
}

export interface QueryProblem {
	error: string;
	parameter: string;
}

export type ParsedQuery = { success: true; query: ProviderListQuery } | { success: false; problem: QueryProblem };

function code<const T extends readonly [string, ...string[]]>(list: T) {
	return z.enum(list, { error: (issue) => `unknown value ${JSON.stringify(issue.input)}; expected one of: ${list.join(', ')}` });
}

/** A parameter that may be repeated: every value must be a known code. */
const repeated = <const T extends readonly [string, ...string[]]>(list: T) => z.array(code(list)).optional();

/** A parameter given at most once. */
const once = <T extends z.ZodType>(value: T) =>
	z
		.array(value)
		.max(1, { error: 'may be given only once' })
		.optional()
		.transform((values) => values?.[0]);

const wholeNumber = (min: number, max: number) =>
	z
		.string()
		.regex(/^\d{1,6}$/, { error: `must be a whole number from ${min} to ${max}` })
		.transform(Number)
		.pipe(z.number().min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }));

// The filter names are those of `englishParameters`, which turns them into criteria below.
export const providerListQuerySchema = z.strictObject(
	{
		activity: repeated(activities),
		target_group: repeated(targetGroups),
		type: repeated(providerTypes),
		contract_form: repeated(contractForms),
		region: once(code(regions)),
		q: once(z.string().trim().max(MAX_TEXT_LENGTH, { error: `must be at most ${MAX_TEXT_LENGTH} characters` })),
		sort: once(code(sortOrders)),
		page: once(wholeNumber(1, MAX_PAGE)),
		page_size: once(wholeNumber(1, MAX_PAGE_SIZE)),
		benefit: once(code(benefitTypes)),
		status: once(code(providerStatuses))
	},
	{ error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown parameter' : undefined) }
);

/** Every parameter with all its values, the shape the schema reads. */
function valuesByName(params: URLSearchParams): Record<string, string[]> {
	// No prototype: a parameter named `__proto__` is just an unknown parameter, not Object.prototype.
	const values: Record<string, string[]> = Object.create(null);
	for (const [name, value] of params) (values[name] ??= []).push(value);
	return values;
}

export function parseProviderListQuery(params: URLSearchParams): ParsedQuery {
	const result = providerListQuerySchema.safeParse(valuesByName(params));
	if (!result.success) {
		const issue = result.error.issues[0]!;
		const parameter = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? '');
		return { success: false, problem: { error: issue.message, parameter } };
	}
	const data = result.data;
	return {
		success: true,
		query: {
			// Valid by now; the page's own reader keeps the meaning of each filter identical to the page.
			criteria: criteriaFromParams(params, englishParameters, null),
			pageSize: data.page_size ?? DEFAULT_PAGE_SIZE,
			benefitType: data.benefit ?? null,
			includeInactive: data.status === 'all'
		}
	};
}
