import { fail } from '@sveltejs/kit';
import { Invalid } from '$lib/domain/errors';
import { fieldErrors, responsesUploadSchema } from '$lib/schemas/survey-admin';
import { orHttpError } from '$lib/server/http/domain-errors';
import { getInstrumentVersion, listInstrumentVersions } from '$lib/server/services/survey-admin';
import { importPaperResponses } from '$lib/server/services/survey-import';
import type { Actions, PageServerLoad } from './$types';

/**
 * The upload of paper responses: the same service as `npm run import:responses -- --wave NAME
 * FILE.csv`, all or nothing. A plain multipart form (works without JavaScript).
 */

/** Below adapter-node's default request limit (512 kB), so that the form itself always arrives. */
const MAX_BYTES = 400 * 1024;

export const load: PageServerLoad = async ({ locals }) => {
	const latest = (await orHttpError(() => listInstrumentVersions(locals.db, locals.actor))).find((version) => version.status === 'published');
	const instrument = latest ? (await getInstrumentVersion(locals.db, locals.actor, latest.version)).instrument : null;
	return { version: latest?.version ?? null, itemCodes: instrument?.items.map((item) => item.code) ?? [] };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const data = await request.formData();
		const values = { wave: String(data.get('wave') ?? ''), force: data.get('force') === 'on' };
		const parsed = responsesUploadSchema.safeParse(values);
		const file = data.get('file');
		const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
		if (!(file instanceof File) || file.size === 0) errors.file = 'survey_admin_import_no_file';
		else if (file.size > MAX_BYTES) errors.file = 'survey_admin_import_too_big';
		if (!parsed.success || Object.keys(errors).length > 0 || !(file instanceof File)) return fail(400, { errors, values });

		let outcome;
		try {
			outcome = await orHttpError(async () =>
				importPaperResponses(locals.db, locals.actor, {
					wave: parsed.data.wave,
					fileName: file.name || 'upload.csv',
					content: new Uint8Array(await file.arrayBuffer()),
					force: parsed.data.force
				})
			);
		} catch (caught) {
			if (caught instanceof Invalid) return fail(400, { errors: caught.fields, values });
			throw caught;
		}
		if (outcome.kind === 'rejected') return fail(400, { problems: outcome.problems, fileName: file.name, values });
		if (outcome.kind === 'duplicate') return fail(400, { duplicate: { importedAt: outcome.importedAt, wave: parsed.data.wave }, values });
		return { imported: { wave: parsed.data.wave, stored: outcome.stored, perGroup: outcome.perGroup, fileName: file.name } };
	}
};
