import { getOwnProvider } from '$lib/server/services/providers';
import { orHttpError } from '$lib/server/http/domain-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ provider: await orHttpError(() => getOwnProvider(locals.db, locals.actor)) });
