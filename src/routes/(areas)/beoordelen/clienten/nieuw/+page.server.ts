import { createAccountAction, loadCreateAccountForm } from '$lib/server/http/account-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadCreateAccountForm(event);

export const actions: Actions = { default: createAccountAction };
