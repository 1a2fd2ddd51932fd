import { fail, redirect } from '@sveltejs/kit';
import { Invalid } from '$lib/domain/errors';
import { mayChangeProvider } from '$lib/domain/trajectory';
import { orHttpError } from '$lib/server/http/domain-errors';
import { getOwnAccount } from '$lib/server/services/own-account';
import { clientSearchScope, getProviderByCode } from '$lib/server/services/providers';
import { chooseProvider, getOpenTrajectory } from '$lib/server/services/trajectories';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await orHttpError(() => clientSearchScope(locals.db, locals.actor));
	const provider = await orHttpError(() => getProviderByCode(locals.db, params.code));
	const [trajectory, account] = await Promise.all([getOpenTrajectory(locals.db, locals.actor), getOwnAccount(locals.db, locals.actor)]);
	return {
		provider: { code: provider.code, name: provider.name, benefitTypes: provider.benefitTypes },
		current: trajectory ? { name: trajectory.provider.name, code: trajectory.provider.code, mayChange: mayChangeProvider(trajectory.status) } : null,
		organisationName: account.organisationName ?? '',
		servesClient: account.benefitType !== null && provider.benefitTypes.includes(account.benefitType)
	};
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		try {
			await orHttpError(() => chooseProvider(locals.db, locals.actor, params.code));
		} catch (caught) {
			if (caught instanceof Invalid) return fail(400, { problem: Object.values(caught.fields)[0] ?? 'choose_not_possible' });
			throw caught;
		}
		redirect(303, '/plan?gekozen');
	}
};
