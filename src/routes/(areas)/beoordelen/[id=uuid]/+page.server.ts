import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { Invalid } from '$lib/domain/errors';
import { messageFor } from '$lib/i18n/labels';
import { decisionSchema, type DecisionMessage } from '$lib/schemas/review';
import { publicationMinimum } from '$lib/server/app';
import { orHttpError } from '$lib/server/http/domain-errors';
import { decide, getReviewCase } from '$lib/server/services/review';
import type { Actions, PageServerLoad } from './$types';

/** One trajectory's plan with everything for a decision, and the decision form on the same page. */

const adapter = zod4(decisionSchema);

export const load: PageServerLoad = async ({ locals, params }) => {
	const reviewCase = await orHttpError(() => getReviewCase(locals.db, locals.actor, params.id, { publicationMinimum: publicationMinimum() }));
	const form = await superValidate({ planVersionId: reviewCase.latest.id, reason: '' }, adapter, { errors: false });
	return { reviewCase, form, publicationMinimum: publicationMinimum() };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		// The case of this page, and only a version of it: a version of another trajectory is not
		// decided here (the page would answer 404 after deciding it).
		const reviewCase = await orHttpError(() => getReviewCase(locals.db, locals.actor, params.id, { publicationMinimum: publicationMinimum() }));
		const form = await superValidate(request, adapter);
		const decision = form.data.decision;
		if (!form.valid || !decision) return fail(400, { form });
		if (![reviewCase.latest, ...reviewCase.earlier].some((version) => version.id === form.data.planVersionId)) error(404, 'Niet gevonden');
		try {
			const result = await orHttpError(() => decide(locals.db, locals.actor, form.data.planVersionId, { decision, reason: form.data.reason }));
			return message(form, { kind: 'decided', decision: result.decision } satisfies DecisionMessage);
		} catch (caught) {
			if (caught instanceof Invalid) {
				if (caught.fields.reason) {
					setError(form, 'reason', messageFor(caught.fields.reason));
					return fail(400, { form });
				}
				// Decided by someone else, or a newer version came in: the page shows the current state.
				const text = messageFor(caught.fields.decision ?? Object.values(caught.fields)[0] ?? 'review_error_not_waiting');
				return message(form, { kind: 'refused', text } satisfies DecisionMessage, { status: 409 });
			}
			throw caught;
		}
	}
};
