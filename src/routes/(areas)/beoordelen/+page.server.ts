import { queueFilterFromParams } from '$lib/schemas/review';
import { orHttpError } from '$lib/server/http/domain-errors';
import { loadAccountList, newInvitationLinkAction } from '$lib/server/http/account-forms';
import { getOwnAccount } from '$lib/server/services/own-account';
import { listQueue } from '$lib/server/services/review';
import type { Actions, PageServerLoad } from './$types';

/** The reviewer's home: the queue of their organisation's plans, and below it their clients' accounts. */
export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const filter = queueFilterFromParams(url.searchParams);
	const [queue, list, account] = await Promise.all([
		orHttpError(() => listQueue(locals.db, locals.actor, filter)),
		loadAccountList(event),
		orHttpError(() => getOwnAccount(locals.db, locals.actor))
	]);
	return { queue, ...list, organisationName: account.organisationName ?? '' };
};

export const actions: Actions = { newLink: newInvitationLinkAction };
