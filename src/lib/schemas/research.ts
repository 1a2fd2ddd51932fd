import { z } from 'zod';
import { benefitTypes, type BenefitType } from '$lib/domain/reference';
import { csvStyles, type CsvStyle } from '$lib/domain/survey/table-export';

/**
 * The research selection (issue 6) from a query string, shared by the portal page (GET form, so the
 * selection lives in the URL) and the API: repeatable `wave`, `organisation` (organisation code,
 * e.g. `uwv`) and `benefit`, and a period `from`/`to` (YYYY-MM-DD, on the completion date). No
 * wave means every wave. Whether a wave or organisation exists is the service's question.
 * Download parameters: `format` (json, csv, xlsx), `csv` (nl or international), `breakdown=provider`.
 * Messages are English and fixed: they are part of the API, not of the portal's UI.
 */

export interface ResearchSelection {
	waves: string[];
	organisations: string[];
	benefits: BenefitType[];
	/** Inclusive days, YYYY-MM-DD. */
	from: string | null;
	to: string | null;
}

export const downloadFormats = ['json', 'csv', 'xlsx'] as const;
export type DownloadFormat = (typeof downloadFormats)[number];

export interface ResearchQuery {
	selection: ResearchSelection;
	format: DownloadFormat | null;
	csvStyle: CsvStyle;
	breakdown: 'provider' | null;
}

export interface ResearchQueryProblem {
	error: string;
	parameter: string;
}

export type ParsedResearchQuery = { success: true; query: ResearchQuery } | { success: false; problem: ResearchQueryProblem };

const name = z.string().trim().min(1, { error: 'must not be empty' }).max(64, { error: 'must be at most 64 characters' });

function validDay(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().slice(0, 10) === text;
}

const day = z.string().refine(validDay, { error: 'must be a date YYYY-MM-DD' });

const code = <const T extends readonly [string, ...string[]]>(list: T) =>
	z.enum(list, { error: (issue) => `unknown value ${JSON.stringify(issue.input)}; expected one of: ${list.join(', ')}` });

const once = <T extends z.ZodType>(value: T) =>
	z
		.array(value)
		.max(1, { error: 'may be given only once' })
		.optional()
		.transform((values) => values?.[0]);

/** A day from a form field; left empty means "not given". */
const optionalDay = z
	.array(z.string())
	.max(1, { error: 'may be given only once' })
	.optional()
	.transform((values) => values?.[0]?.trim() || undefined)
	.pipe(day.optional());

export const researchQuerySchema = z
	.strictObject(
		{
			wave: z.array(name).max(50, { error: 'at most 50 waves' }).optional(),
			organisation: z.array(name).max(50, { error: 'at most 50 organisations' }).optional(),
			benefit: z.array(code(benefitTypes)).optional(),
			from: optionalDay,
			to: optionalDay,
			format: once(code(downloadFormats)),
			csv: once(code(csvStyles)),
			breakdown: once(code(['provider']))
		},
		{ error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown parameter' : undefined) }
	)
	.refine((query) => !query.from || !query.to || query.from <= query.to, { error: 'must not be before from', path: ['to'] });

function valuesByName(params: URLSearchParams): Record<string, string[]> {
	// No prototype: a parameter named `__proto__` is just an unknown parameter, not Object.prototype.
	const values: Record<string, string[]> = Object.create(null);
	for (const [key, value] of params) (values[key] ??= []).push(value);
	return values;
}

const unique = <T>(values: readonly T[] | undefined): T[] => [...new Set(values ?? [])];

export function parseResearchQuery(params: URLSearchParams): ParsedResearchQuery {
	const result = researchQuerySchema.safeParse(valuesByName(params));
	if (!result.success) {
		const issue = result.error.issues[0];
		const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
		return {
			success: false,
			problem: { error: issue?.message ?? 'invalid query', parameter: String(keys[0] ?? issue?.path[0] ?? '') }
		};
	}
	const query = result.data;
	return {
		success: true,
		query: {
			selection: {
				waves: unique(query.wave?.map((wave) => wave.trim())),
				organisations: unique(query.organisation?.map((organisation) => organisation.trim())),
				benefits: unique(query.benefit),
				from: query.from ?? null,
				to: query.to ?? null
			},
			format: query.format ?? null,
			csvStyle: query.csv ?? 'international',
			breakdown: query.breakdown ?? null
		}
	};
}

/** The selection as query parameters again (for links to the downloads and the API). */
export function selectionParams(selection: ResearchSelection): URLSearchParams {
	const params = new URLSearchParams();
	for (const wave of selection.waves) params.append('wave', wave);
	for (const organisation of selection.organisations) params.append('organisation', organisation);
	for (const benefit of selection.benefits) params.append('benefit', benefit);
	if (selection.from) params.set('from', selection.from);
	if (selection.to) params.set('to', selection.to);
	return params;
}
