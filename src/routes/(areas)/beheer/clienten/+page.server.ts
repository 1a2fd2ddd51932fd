import { fail } from '@sveltejs/kit';
import { orHttpError } from '$lib/server/http/domain-errors';
import { findClientForErasure } from '$lib/server/services/client-erasure';
import { findClientSchema } from './schema';
import type { Actions, PageServerLoad } from './$types';

/**
 * Erasure on request, step 1: the admin finds the client by e-mail address. The confirmation page
 * (`[id]/wissen`) sends the admin back here with `?status=gewist` (done) or `?status=weg` (the
 * client was gone already).
 */

export const load: PageServerLoad = ({ url }) => {
	const status = url.searchParams.get('status');
	return { status: status === 'gewist' || status === 'weg' ? status : null };
};

export const actions: Actions = {
	find: async ({ locals, request }) => {
		const fields = Object.fromEntries(await request.formData());
		const parsed = findClientSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { email: String(fields.email ?? ''), errors: { email: 'erasure_error_email_required' } });
		const candidate = await orHttpError(() => findClientForErasure(locals.db, locals.actor, parsed.data.email));
		return { email: parsed.data.email, candidate };
	}
};
