import { loadAccountList, newInvitationLinkAction } from '$lib/server/http/account-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadAccountList(event);

export const actions: Actions = { newLink: newInvitationLinkAction };
