import { z } from 'zod';
import { reservedCodes, surveyDomains } from '$lib/domain/survey/instrument';

/**
 * The admin's survey forms under `/beheer/enquete`: instrument drafts (items), the upload of paper
 * responses and bulk invitations. Messages are keys of the catalogue, translated by the page.
 */

export const WORDING_MAX_LENGTH = 300;
export const ITEM_CODE_MAX_LENGTH = 20;
export const WAVE_MAX_LENGTH = 50;

const wording = (missing: string) => z.string().trim().min(1, missing).max(WORDING_MAX_LENGTH, 'survey_admin_error_wording_long');

/** What may change of an item of a draft; its code never changes. */
export const itemFieldsSchema = z.object({
	domain: z.enum(surveyDomains, { error: 'survey_admin_error_domain' }),
	negative: z.boolean().default(false),
	wordingNl: wording('survey_admin_error_wording_nl'),
	wordingEn: wording('survey_admin_error_wording_en')
});
export type ItemFields = z.infer<typeof itemFieldsSchema>;

/** Item codes are stable identifiers (storage, imports, exports): lower case, short, not a column name. */
export const itemCodeSchema = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'survey_admin_error_code_required')
	.max(ITEM_CODE_MAX_LENGTH, 'survey_admin_error_code_long')
	.regex(/^[a-z][a-z0-9_]*$/, 'survey_admin_error_code_pattern')
	.refine((code) => !(reservedCodes as readonly string[]).includes(code), 'survey_admin_error_code_reserved');

export const newItemSchema = itemFieldsSchema.extend({ code: itemCodeSchema });
export type NewItem = z.infer<typeof newItemSchema>;

export const waveSchema = z.string().trim().min(1, 'survey_admin_error_wave_required').max(WAVE_MAX_LENGTH, 'survey_admin_error_wave_long');

/** The upload of paper responses; the file itself is checked by the import service. */
export const responsesUploadSchema = z.object({
	wave: waveSchema,
	force: z.boolean().default(false)
});

const day = z
	.string()
	.trim()
	.regex(/^(?:\d{4}-\d{2}-\d{2})?$/, 'survey_admin_error_date')
	.refine((text) => text === '' || !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), 'survey_admin_error_date')
	.transform((text) => text || null);

/** Which ended trajectories to show (and to invite with "invite all"). */
export const endedTrajectoryFilterSchema = z
	.object({
		endedFrom: day,
		endedTo: day,
		organisationId: z
			.string()
			.trim()
			.max(100)
			.transform((text) => text || null)
	})
	.refine((filter) => !filter.endedFrom || !filter.endedTo || filter.endedFrom <= filter.endedTo, {
		message: 'survey_admin_error_period',
		path: ['endedTo']
	});
export type EndedTrajectoryFilter = z.infer<typeof endedTrajectoryFilterSchema>;

/** The first message key per field of a failed parse, for forms that do not use superforms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return errors;
}

/** The item form's fields as sent (a plain form: the checkbox is there or not). */
export function itemFormValues(form: FormData): { code: string; domain: string; negative: boolean; wordingNl: string; wordingEn: string } {
	const text = (name: string) => String(form.get(name) ?? '');
	return { code: text('code'), domain: text('domain'), negative: form.get('negative') === 'on', wordingNl: text('wordingNl'), wordingEn: text('wordingEn') };
}
