import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { Invalid } from '$lib/domain/errors';
import { messageFor } from '$lib/i18n/labels';
import { profileFormValues, providerProfileSchema } from '$lib/schemas/provider-profile';
import { orHttpError } from '$lib/server/http/domain-errors';
import { updateOwnProfile } from '$lib/server/services/provider-register';
import { getOwnProvider } from '$lib/server/services/providers';
import type { Actions, PageServerLoad } from './$types';

/** Provider staff keep their own provider's profile current; the service decides which provider. */

const adapter = zod4(providerProfileSchema);

export const load: PageServerLoad = async ({ locals }) => {
	const provider = await orHttpError(() => getOwnProvider(locals.db, locals.actor));
	const form = await superValidate(profileFormValues(provider) as never, adapter, { errors: false });
	return { form };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await superValidate(request, adapter);
		if (!form.valid) return fail(400, { form });
		try {
			const { changed } = await orHttpError(() => updateOwnProfile(locals.db, locals.actor, form.data));
			return message(form, changed.length > 0 ? 'saved' : 'unchanged');
		} catch (caught) {
			if (caught instanceof Invalid) {
				for (const [field, key] of Object.entries(caught.fields)) setError(form, field as 'approach', messageFor(key));
				return fail(400, { form });
			}
			throw caught;
		}
	}
};
