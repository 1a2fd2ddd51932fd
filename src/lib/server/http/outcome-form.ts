import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { Invalid } from '$lib/domain/errors';
import { messageFor } from '$lib/i18n/labels';
import { outcomeFormSchema, outcomeFromForm } from '$lib/schemas/review';
import { orHttpError } from './domain-errors';
import { getOutcomeView, recordOutcome } from '$lib/server/services/trajectory-outcomes';

/**
 * The outcome form ("how did the trajectory end"), one implementation for the two pages that show
 * it: provider staff (`/aanbieder/clienten/[id]/afsluiten`) and the reviewer
 * (`/beoordelen/[id]/afsluiten`). The service decides who may record it.
 */

const adapter = zod4(outcomeFormSchema);

type OutcomeEvent = Pick<RequestEvent<{ id: string }>, 'locals' | 'params'>;

export async function loadOutcomeForm({ locals, params }: OutcomeEvent) {
	const view = await orHttpError(() => getOutcomeView(locals.db, locals.actor, params.id));
	return { view, form: await superValidate({ placedOn: '', contractMonths: '', reason: '' }, adapter, { errors: false }) };
}

export async function recordOutcomeAction({ locals, params, request }: OutcomeEvent & { request: Request }) {
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
