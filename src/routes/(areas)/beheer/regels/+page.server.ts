import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { rulesFormSchema, rulesFormValues, rulesFromForm } from '$lib/schemas/organisation-rules';
import { orHttpError } from '$lib/server/http/domain-errors';
import { listOrganisationRules, updateRules } from '$lib/server/services/organisation-rules';
import type { Actions, PageServerLoad } from './$types';

/** The admin sets each paying organisation's plan limits. */

const adapter = zod4(rulesFormSchema);

export const load: PageServerLoad = async ({ locals, url }) => {
	const organisations = await orHttpError(() => listOrganisationRules(locals.db, locals.actor));
	const chosen = organisations.find((organisation) => organisation.id === url.searchParams.get('organisatie')) ?? organisations[0];
	const form = chosen ? await superValidate(rulesFormValues(chosen.id, chosen.rules) as never, adapter, { errors: false }) : null;
	return {
		organisations: organisations.map(({ id, name, usesDefaults, updatedAt }) => ({ id, name, usesDefaults, updatedAt })),
		chosenId: chosen?.id ?? null,
		form
	};
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await superValidate(request, adapter);
		if (!form.valid) return fail(400, { form });
		const organisations = await orHttpError(() => listOrganisationRules(locals.db, locals.actor));
		const organisation = organisations.find((entry) => entry.id === form.data.organisationId);
		if (!organisation) {
			setError(form, 'organisationId', m.rules_error_organisation());
			return fail(400, { form });
		}
		await orHttpError(() => updateRules(locals.db, locals.actor, organisation.id, rulesFromForm(form.data)));
		return message(form, { saved: organisation.name });
	}
};
