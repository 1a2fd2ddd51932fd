import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { Invalid } from '$lib/domain/errors';
import { messageFor } from '$lib/i18n/labels';
import { profileFormValues, providerDetailsFormSchema } from '$lib/schemas/provider-profile';
import { orHttpError } from '$lib/server/http/domain-errors';
import { getRegisterEntry, setProviderActive, updateProvider } from '$lib/server/services/provider-register';
import type { Actions, PageServerLoad } from './$types';

/**
 * One provider in the register: edit every field but the code; deactivate or reactivate after a
 * confirmation step (`?bevestig=…`, a page of its own, so it works without JavaScript).
 */

const adapter = zod4(providerDetailsFormSchema);
const notices = ['toegevoegd', 'gedeactiveerd', 'geactiveerd'] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const provider = await orHttpError(() => getRegisterEntry(locals.db, locals.actor, params.code));
	const form = await superValidate({ name: provider.name, type: provider.type, ...profileFormValues(provider) } as never, adapter, { errors: false });
	const confirm = url.searchParams.get('bevestig');
	return {
		provider: { code: provider.code, name: provider.name, active: provider.active, updatedAt: provider.updatedAt },
		form,
		confirm: confirm === 'deactiveren' && provider.active ? 'deactivate' : confirm === 'activeren' && !provider.active ? 'reactivate' : null,
		notice: notices.find((notice) => url.searchParams.has(notice)) ?? null
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = await superValidate(request, adapter);
		if (!form.valid) return fail(400, { form });
		try {
			const { changed } = await orHttpError(() => updateProvider(locals.db, locals.actor, params.code, form.data));
			return message(form, changed.length > 0 ? 'saved' : 'unchanged');
		} catch (caught) {
			if (caught instanceof Invalid) {
				for (const [field, key] of Object.entries(caught.fields)) setError(form, field as 'name', messageFor(key));
				return fail(400, { form });
			}
			throw caught;
		}
	},
	deactivate: async ({ locals, params }) => {
		await orHttpError(() => setProviderActive(locals.db, locals.actor, params.code, false));
		redirect(303, `/beheer/aanbieders/${params.code}?gedeactiveerd`);
	},
	reactivate: async ({ locals, params }) => {
		await orHttpError(() => setProviderActive(locals.db, locals.actor, params.code, true));
		redirect(303, `/beheer/aanbieders/${params.code}?geactiveerd`);
	}
};
