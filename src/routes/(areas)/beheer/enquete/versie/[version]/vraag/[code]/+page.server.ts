import { error, fail, redirect } from '@sveltejs/kit';
import { Invalid } from '$lib/domain/errors';
import { itemFormValues } from '$lib/schemas/survey-admin';
import { orHttpError } from '$lib/server/http/domain-errors';
import { getInstrumentVersion, itemCodeOf, updateDraftItem } from '$lib/server/services/survey-admin';
import type { ItemFields } from '$lib/schemas/survey-admin';
import type { Actions, PageServerLoad } from './$types';

/** Change one statement of a draft; the service checks the input and refuses a published version. */

function target(params: { version: string; code: string }): { version: number; code: string } {
	const version = /^\d{1,6}$/.test(params.version) ? Number(params.version) : NaN;
	const code = itemCodeOf(params.code);
	if (!Number.isInteger(version) || !code) error(404, 'Niet gevonden');
	return { version, code };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { version, code } = target(params);
	const detail = await orHttpError(() => getInstrumentVersion(locals.db, locals.actor, version));
	const item = detail.instrument.items.find((candidate) => candidate.code === code);
	if (!item) error(404, 'Niet gevonden');
	return {
		version,
		code,
		immutable: detail.immutable,
		values: { domain: item.domain, negative: item.negative, wordingNl: item.wording.nl, wordingEn: item.wording.en }
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { version, code } = target(params);
		const values = itemFormValues(await request.formData());
		try {
			await orHttpError(() => updateDraftItem(locals.db, locals.actor, version, code, values as ItemFields));
		} catch (caught) {
			if (caught instanceof Invalid) return fail(400, { errors: caught.fields, values });
			throw caught;
		}
		redirect(303, `/beheer/enquete/versie/${version}?gedaan=saved&code=${code}#item-${code}`);
	}
};
