import { orHttpError } from '$lib/server/http/domain-errors';
import { planActions } from '$lib/server/http/plan-pages';
import { getOwnAccount } from '$lib/server/services/own-account';
import { getPlanView } from '$lib/server/services/plans';
import { getOpenTrajectory } from '$lib/server/services/trajectories';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const [account, trajectory] = await Promise.all([
		orHttpError(() => getOwnAccount(locals.db, locals.actor)),
		orHttpError(() => getOpenTrajectory(locals.db, locals.actor))
	]);
	const plan = trajectory ? await orHttpError(() => getPlanView(locals.db, locals.actor, trajectory.id)) : null;
	return {
		organisationName: account.organisationName ?? '',
		trajectory,
		plan,
		welcome: url.searchParams.has('welkom'),
		justChosen: url.searchParams.has('gekozen'),
		extended: url.searchParams.has('uitstel')
	};
};

// The one action of the overview: asking for the extension of the deadline.
export const actions: Actions = { extension: planActions('client').extension };
