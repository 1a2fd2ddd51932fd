import { getOwnAccount } from '$lib/server/services/own-account';
import { orHttpError } from '$lib/server/http/domain-errors';
import { loadAccountList, newInvitationLinkAction } from '$lib/server/http/account-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const [list, account] = await Promise.all([loadAccountList(event), orHttpError(() => getOwnAccount(event.locals.db, event.locals.actor))]);
	return { ...list, organisationName: account.organisationName ?? '' };
};

export const actions: Actions = { newLink: newInvitationLinkAction };
