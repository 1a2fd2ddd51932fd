import { z } from 'zod';

/**
 * The answering form of `/enquete/[token]`. Each statement is a radio group `item_<code>` with the
 * answer codes plus `skip`; an item left alone is skipped too (skipping is always allowed).
 * Messages are keys of the catalogue, translated by the page.
 */

export const SKIP = 'skip';
export const itemFieldName = (code: string) => `item_${code}`;

const answerField = z.enum(['ja', 'een_beetje', 'nee', SKIP]);

export const surveyPageSchema = z.object({
	page: z.coerce.number().int().min(1).max(50),
	/** `back` saves the page and goes one page back; anything else goes on. */
	direction: z.enum(['next', 'back']).catch('next')
});

export const surveyClosingSchema = z.object({
	overall: z
		.string()
		.trim()
		.regex(/^(?:[1-9]|10)?$/, 'survey_error_overall')
		.transform((value) => (value === '' ? null : Number(value))),
	comment: z.string().max(2000, 'survey_error_comment').transform((value) => value.trim() || null)
});

/** The raw answers of one page: `ja`/`een_beetje`/`nee`, or null for skipped; unknown values are errors. */
export function parseItemAnswers(
	form: FormData,
	codes: readonly string[]
): { answers: Record<string, 'ja' | 'een_beetje' | 'nee' | null>; errors: Record<string, string> } {
	const answers: Record<string, 'ja' | 'een_beetje' | 'nee' | null> = {};
	const errors: Record<string, string> = {};
	for (const code of codes) {
		const raw = form.get(itemFieldName(code));
		if (raw === null || raw === '') {
			answers[code] = null;
			continue;
		}
		const parsed = answerField.safeParse(raw);
		if (!parsed.success) errors[itemFieldName(code)] = 'survey_error_answer';
		else answers[code] = parsed.data === SKIP ? null : parsed.data;
	}
	return { answers, errors };
}
