import { getOwnAccount } from '$lib/server/services/own-account';
import { orHttpError } from '$lib/server/http/domain-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const account = await orHttpError(() => getOwnAccount(locals.db, locals.actor));
	return { organisationName: account.organisationName ?? '', welcome: url.searchParams.has('welkom') };
};
