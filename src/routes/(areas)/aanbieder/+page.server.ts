import { getOwnProvider } from '$lib/server/services/providers';
import { listProviderClients } from '$lib/server/services/trajectories';
import { orHttpError } from '$lib/server/http/domain-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const [provider, clients] = await Promise.all([
		orHttpError(() => getOwnProvider(locals.db, locals.actor)),
		orHttpError(() => listProviderClients(locals.db, locals.actor))
	]);
	return { provider, clients };
};
