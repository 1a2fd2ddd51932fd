import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { Invalid } from '$lib/domain/errors';
import { orHttpError } from '$lib/server/http/domain-errors';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/services/api-tokens';
import { tokenFormSchema } from './schema';
import type { Actions, PageServerLoad } from './$types';

/** A researcher's personal API tokens: make one (shown once), see when each was used, revoke one. */

const adapter = zod4(tokenFormSchema);

export const load: PageServerLoad = async ({ locals, url }) => ({
	tokens: await orHttpError(() => listApiTokens(locals.db, locals.actor)),
	origin: url.origin,
	form: await superValidate(adapter)
});

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const form = await superValidate(request, adapter);
		if (!form.valid) return fail(400, { form });
		try {
			const created = await orHttpError(() => createApiToken(locals.db, locals.actor, { name: form.data.name, lifetimeDays: Number(form.data.lifetimeDays) }));
			form.data.name = '';
			return message(form, { token: created.token, name: created.summary.name, expiresAt: created.summary.expiresAt });
		} catch (caught) {
			if (!(caught instanceof Invalid)) throw caught;
			for (const [field, key] of Object.entries(caught.fields)) setError(form, field === 'lifetimeDays' ? 'lifetimeDays' : 'name', key);
			return fail(400, { form });
		}
	},
	revoke: async ({ locals, request }) => {
		const id = String((await request.formData()).get('id') ?? '');
		const tokens = await orHttpError(() => listApiTokens(locals.db, locals.actor));
		const token = tokens.find((entry) => entry.id === id);
		// Not one of theirs (or no id at all): the error page says so; the list has no place for it.
		if (!token) error(404, 'Niet gevonden');
		await orHttpError(() => revokeApiToken(locals.db, locals.actor, id));
		return { revoked: token.name };
	}
};
