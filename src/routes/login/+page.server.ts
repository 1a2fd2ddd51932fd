import { fail, redirect } from '@sveltejs/kit';
import { superValidate, setError } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { homeOf } from '$lib/domain/areas';
import { m } from '$lib/paraglide/messages';
import { signInSchema } from '$lib/schemas/auth';
import { throttlePolicy } from '$lib/server/app';
import { startSession } from '$lib/server/auth/cookies';
import { localRedirect } from '$lib/server/http/redirect-target';
import { checkCredentials } from '$lib/server/services/sign-in';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(signInSchema);

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor.kind === 'user') redirect(303, localRedirect(url.searchParams.get('redirectTo')) ?? homeOf(locals.actor.role));
	return { form: await superValidate(adapter), signedOut: url.searchParams.has('uitgelogd') };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await superValidate(request, adapter);
		if (!form.valid) {
			form.data.password = '';
			return fail(400, { form });
		}
		const result = await checkCredentials(locals.db, { ...form.data, ip: getClientAddress() }, throttlePolicy());
		form.data.password = '';
		if (!result.ok) {
			// One message for an unknown address and a wrong password: nothing reveals which accounts exist.
			const message = result.reason === 'throttled' ? m.error_sign_in_throttled() : m.error_sign_in_failed();
			return setError(form, 'password', message, { status: result.reason === 'throttled' ? 429 : 400 });
		}
		await startSession(locals.db, cookies, url, result.userId);
		redirect(303, localRedirect(url.searchParams.get('redirectTo')) ?? homeOf(result.role));
	}
};
