import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { homeOf } from '$lib/domain/areas';
import { newPasswordSchema } from '$lib/schemas/auth';
import { startSession } from '$lib/server/auth/cookies';
import { acceptInvitation, openInvitation } from '$lib/server/services/invitations';
import { loadActor } from '$lib/server/services/sign-in';
import type { Actions, PageServerLoad } from './$types';

const adapter = zod4(newPasswordSchema);

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The token is in the URL: keep it out of caches and out of the Referer sent to other sites.
	// Not `no-referrer`: with it the browser sends `Origin: null` on the page's own form post, which
	// SvelteKit's CSRF check rightly refuses.
	setHeaders({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
	const invitation = await openInvitation(locals.db, params.token);
	if (invitation.status !== 'valid') return { status: invitation.status, person: null, form: null };
	return {
		status: invitation.status,
		person: { name: invitation.displayName, email: invitation.email },
		form: await superValidate(adapter)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, cookies, url }) => {
		const form = await superValidate(request, adapter);
		const password = form.data.password;
		// Passwords never travel back to the browser.
		form.data.password = '';
		form.data.passwordConfirm = '';
		if (!form.valid) return fail(400, { form });
		const result = await acceptInvitation(locals.db, params.token, password);
		if (!result.ok) return fail(409, { form, state: result.state.status });
		const actor = await loadActor(locals.db, result.userId);
		await startSession(locals.db, cookies, url, result.userId);
		redirect(303, `${actor ? homeOf(actor.role) : '/'}?welkom`);
	}
};
