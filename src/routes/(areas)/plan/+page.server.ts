import { orHttpError } from '$lib/server/http/domain-errors';
import { getOwnAccount } from '$lib/server/services/own-account';
import { getOpenTrajectory } from '$lib/server/services/trajectories';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const [account, trajectory] = await Promise.all([
		orHttpError(() => getOwnAccount(locals.db, locals.actor)),
		orHttpError(() => getOpenTrajectory(locals.db, locals.actor))
	]);
	return {
		organisationName: account.organisationName ?? '',
		trajectory,
		welcome: url.searchParams.has('welkom'),
		justChosen: url.searchParams.has('gekozen')
	};
};
