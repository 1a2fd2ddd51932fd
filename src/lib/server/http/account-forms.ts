import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { Invalid } from '$lib/domain/errors';
import { isOneOf, roles } from '$lib/domain/reference';
import { messageFor } from '$lib/i18n/labels';
import { createAccountSchema } from '$lib/schemas/accounts';
import { invitationPolicy } from '$lib/server/app';
import { createAccount, listAccounts, reissueInvitation } from '$lib/server/services/accounts';
import { organisationsFor, providerOptions } from '$lib/server/services/organisations';
import { orHttpError } from './domain-errors';

/**
 * The account pages of the admin (/beheer) and the reviewer (/beoordelen) do the same things with
 * different reach; the services decide the reach, these helpers do the form work once.
 */

const createAdapter = zod4(createAccountSchema);
const userIdSchema = z.object({ userId: z.string().min(1).max(64) });

export async function loadAccountList(event: RequestEvent) {
	const { locals } = event;
	const roleFilter = event.url.searchParams.get('rol');
	const role = isOneOf(roles, roleFilter) ? roleFilter : undefined;
	const accounts = await orHttpError(() => listAccounts(locals.db, locals.actor, { role }));
	return { accounts, roleFilter: role ?? '' };
}

export async function loadCreateAccountForm(event: RequestEvent) {
	const { locals } = event;
	const isAdmin = locals.actor.kind === 'user' && locals.actor.role === 'admin';
	const [organisations, providers] = await Promise.all([
		orHttpError(() => organisationsFor(locals.db, locals.actor)),
		isAdmin ? orHttpError(() => providerOptions(locals.db, locals.actor)) : Promise.resolve([])
	]);
	return { form: await superValidate(createAdapter), organisations, providers, invitationValidDays: invitationPolicy().invitationValidDays };
}

export async function createAccountAction(event: RequestEvent) {
	const { locals, request, url } = event;
	const form = await superValidate(request, createAdapter);
	if (!form.valid) return fail(400, { form });
	try {
		const { invitation } = await orHttpError(() => createAccount(locals.db, locals.actor, form.data, invitationPolicy()));
		return { form, invitation: { url: `${url.origin}${invitation.path}`, expiresAt: invitation.expiresAt, name: form.data.displayName } };
	} catch (caught) {
		if (caught instanceof Invalid) {
			for (const [field, key] of Object.entries(caught.fields)) setError(form, field as 'email', messageFor(key));
			return fail(400, { form });
		}
		throw caught;
	}
}

export async function newInvitationLinkAction(event: RequestEvent) {
	const { locals, request, url } = event;
	const parsed = userIdSchema.safeParse(Object.fromEntries(await request.formData()));
	// Only a tampered form names no account: the error page says so (the list has no place for it).
	if (!parsed.success) error(400, 'Onbekend account');
	let invitation;
	try {
		invitation = await orHttpError(() => reissueInvitation(locals.db, locals.actor, parsed.data.userId, invitationPolicy()));
	} catch (caught) {
		// The account was activated since the list was shown: it needs no link any more.
		if (caught instanceof Invalid) return fail(409, { linkError: messageFor(Object.values(caught.fields)[0]!) });
		throw caught;
	}
	return { invitation: { url: `${url.origin}${invitation.path}`, expiresAt: invitation.expiresAt, name: invitation.displayName } };
}
