import { error, fail, redirect } from '@sveltejs/kit';
import { Forbidden, NotFound } from '$lib/domain/errors';
import { orHttpError } from '$lib/server/http/domain-errors';
import { eraseClient, erasureCandidate } from '$lib/server/services/client-erasure';
import { confirmErasureSchema, confirms } from '../../schema';
import type { Actions, PageServerLoad } from './$types';

/**
 * Erasure on request, step 2: what will be removed and what stays, and the confirmation (typing
 * the client's e-mail address). Then back to the search page with the result: the client is gone,
 * so this page would only answer 404.
 */

export const load: PageServerLoad = async ({ locals, params }) => ({
	candidate: await orHttpError(() => erasureCandidate(locals.db, locals.actor, params.id))
});

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const parsed = confirmErasureSchema.safeParse(Object.fromEntries(await request.formData()));
		try {
			const candidate = await erasureCandidate(locals.db, locals.actor, params.id);
			if (!parsed.success || !confirms(parsed.data.confirmation, candidate.email)) {
				return fail(400, { confirmation: parsed.success ? parsed.data.confirmation : '', wrong: true });
			}
			await eraseClient(locals.db, locals.actor, candidate.id);
		} catch (caught) {
			// Erased in the meantime (another tab, another admin): say so on the search page.
			if (caught instanceof NotFound) redirect(303, '/beheer/clienten?status=weg');
			if (caught instanceof Forbidden) error(403, 'Geen toegang');
			throw caught;
		}
		redirect(303, '/beheer/clienten?status=gewist');
	}
};
