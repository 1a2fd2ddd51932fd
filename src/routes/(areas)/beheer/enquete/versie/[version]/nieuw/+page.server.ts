import { error, fail, redirect } from '@sveltejs/kit';
import { Invalid } from '$lib/domain/errors';
import { itemFormValues, type NewItem } from '$lib/schemas/survey-admin';
import { orHttpError } from '$lib/server/http/domain-errors';
import { addDraftItem, getInstrumentVersion, itemCodeOf } from '$lib/server/services/survey-admin';
import type { Actions, PageServerLoad } from './$types';

/** Add a statement to a draft, at the end of its domain; the service checks the code and the text. */

function versionOf(param: string): number {
	const version = /^\d{1,6}$/.test(param) ? Number(param) : NaN;
	if (!Number.isInteger(version)) error(404, 'Niet gevonden');
	return version;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const detail = await orHttpError(() => getInstrumentVersion(locals.db, locals.actor, versionOf(params.version)));
	return { version: detail.version, immutable: detail.immutable };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const version = versionOf(params.version);
		const values = itemFormValues(await request.formData());
		try {
			await orHttpError(() => addDraftItem(locals.db, locals.actor, version, values as NewItem));
		} catch (caught) {
			if (caught instanceof Invalid) return fail(400, { errors: caught.fields, values });
			throw caught;
		}
		const code = itemCodeOf(values.code) ?? '';
		redirect(303, `/beheer/enquete/versie/${version}?gedaan=added&code=${code}#item-${code}`);
	}
};
