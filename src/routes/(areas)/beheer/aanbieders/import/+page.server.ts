import { fail } from '@sveltejs/kit';
import { Invalid } from '$lib/domain/errors';
import { MAX_CSV_ROWS, normaliseCsvText } from '$lib/domain/provider-csv';
import { orHttpError } from '$lib/server/http/domain-errors';
import { importCsv, ImportRejected, previewImport } from '$lib/server/services/provider-register';
import type { Actions, PageServerLoad } from './$types';

/**
 * Import in two steps that both work without JavaScript: `check` reads the uploaded file and shows
 * what would change (or every error, line by line); the preview page carries the text in a hidden
 * field with its checksum, and `confirm` reads that same text again and stores it, all or nothing.
 */

/** Below adapter-node's default request limit (512 kB), so that the form itself always arrives. */
const MAX_BYTES = 400 * 1024;

export const load: PageServerLoad = () => ({ maxRows: MAX_CSV_ROWS });

export const actions: Actions = {
	check: async ({ locals, request }) => {
		const file = (await request.formData()).get('bestand');
		if (!(file instanceof File) || file.size === 0) return fail(400, { problem: 'register_import_no_file' });
		if (file.size > MAX_BYTES) return fail(400, { problem: 'register_import_too_big' });
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
		} catch {
			return fail(400, { problem: 'register_import_not_utf8' });
		}
		const preview = await orHttpError(() => previewImport(locals.db, locals.actor, text));
		if (preview.issues.length > 0) return fail(400, { issues: preview.issues });
		return { text: normaliseCsvText(text), preview };
	},
	confirm: async ({ locals, request }) => {
		const data = await request.formData();
		const text = String(data.get('csv') ?? '');
		const checksum = String(data.get('checksum') ?? '');
		try {
			return { done: await orHttpError(() => importCsv(locals.db, locals.actor, text, checksum)) };
		} catch (caught) {
			if (caught instanceof ImportRejected) return fail(400, { issues: caught.issues });
			if (caught instanceof Invalid) return fail(400, { problem: Object.values(caught.fields)[0] ?? 'register_import_changed' });
			throw caught;
		}
	}
};
