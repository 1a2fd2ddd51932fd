import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { Invalid } from '$lib/domain/errors';
import { messageFor } from '$lib/i18n/labels';
import { newProviderFormSchema } from '$lib/schemas/provider-profile';
import { orHttpError } from '$lib/server/http/domain-errors';
import { createProvider } from '$lib/server/services/provider-register';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(newProviderFormSchema);

// An empty form: the area guard lets only the admin here; saving asks the service, which asks the policy.
// Every field starts as empty text (no kind of company chosen in advance: the admin picks one on purpose).
const empty = {
	code: '',
	name: '',
	type: '',
	approach: '',
	activities: [],
	targetGroups: [],
	regions: [],
	contractForms: [],
	benefitTypes: [],
	priceMinEuros: '',
	priceMaxEuros: '',
	startWithinWeeks: '',
	email: '',
	phone: '',
	website: ''
};

export const load: PageServerLoad = async () => ({ form: await superValidate(empty as never, adapter, { errors: false }) });

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await superValidate(request, adapter);
		if (!form.valid) return fail(400, { form });
		let code: string;
		try {
			({ code } = await orHttpError(() => createProvider(locals.db, locals.actor, form.data)));
		} catch (caught) {
			if (caught instanceof Invalid) {
				for (const [field, key] of Object.entries(caught.fields)) setError(form, field as 'code', messageFor(key));
				return fail(400, { form });
			}
			throw caught;
		}
		redirect(303, `/beheer/aanbieders/${code}?toegevoegd`);
	}
};
