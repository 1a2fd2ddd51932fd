import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { Invalid } from '$lib/domain/errors';
import { messageFor } from '$lib/i18n/labels';
import { outcomeFormSchema, outcomeFromForm } from '$lib/schemas/review';
import { orHttpError } from '$lib/server/http/domain-errors';
import { getOutcomeView, recordOutcome } from '$lib/server/services/trajectory-outcomes';
import type { Actions, PageServerLoad } from './$types';

/** A reviewer records how an active trajectory of their organisation ended. */

const adapter = zod4(outcomeFormSchema);

export const load: PageServerLoad = async ({ locals, params }) => {
	const view = await orHttpError(() => getOutcomeView(locals.db, locals.actor, params.id));
	return { view, form: await superValidate({ placedOn: '', contractMonths: '', reason: '' }, adapter, { errors: false }) };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const form = await superValidate(request, adapter);
		if (!form.valid) return fail(400, { form });
		try {
			const recorded = await orHttpError(() => recordOutcome(locals.db, locals.actor, params.id, outcomeFromForm(form.data)));
			return message(form, { status: recorded.status, placed: form.data.placed === 'yes' });
		} catch (caught) {
			if (caught instanceof Invalid) {
				for (const [field, key] of Object.entries(caught.fields)) setError(form, (field in form.data ? field : 'outcome') as 'outcome', messageFor(key));
				return fail(400, { form });
			}
			throw caught;
		}
	}
};
