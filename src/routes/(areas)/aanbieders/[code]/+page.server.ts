import { publicationMinimum } from '$lib/server/app';
import { readTray } from '$lib/server/http/compare-tray';
import { orHttpError } from '$lib/server/http/domain-errors';
import { clientSearchScope, getProviderByCode, marketComparison } from '$lib/server/services/providers';
import { getOpenTrajectory } from '$lib/server/services/trajectories';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, cookies }) => {
	await orHttpError(() => clientSearchScope(locals.db, locals.actor));
	const provider = await orHttpError(() => getProviderByCode(locals.db, params.code));
	const [{ placement, satisfaction }, trajectory] = await Promise.all([
		marketComparison(locals.db, provider, publicationMinimum()),
		getOpenTrajectory(locals.db, locals.actor)
	]);
	return {
		provider,
		placement,
		satisfaction,
		chosen: trajectory?.provider.id === provider.id,
		inTray: readTray(cookies).includes(provider.code),
		publicationMinimum: publicationMinimum()
	};
};
